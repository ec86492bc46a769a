import { Generator, noGrad, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Embedding, GRU, Linear, Module, functional } from '@descent/nn';
import { Adam } from '@descent/optim';
import { OneCycleLR } from '@descent/lr-scheduler';

/** The characters of a text, sorted, and the maps between them and token ids. */
export interface Vocabulary {
  chars: string[];
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

/** Builds the vocabulary of `text`. */
export function vocabulary(text: string): Vocabulary {
  const chars = [...new Set(text)].sort();
  const index = new Map(chars.map((c, i) => [c, i]));
  return {
    chars,
    encode: (s) => [...s].map((c) => {
      const id = index.get(c);
      if (id === undefined) throw new RangeError(`character ${JSON.stringify(c)} is not in the vocabulary`);
      return id;
    }),
    decode: (ids) => ids.map((i) => chars[i] ?? '?').join(''),
  };
}

/** Embedding → GRU → Linear: the next character's logits at every position. */
export class CharGRU extends Module<[Tensor, Tensor?], [Tensor, Tensor]> {
  embed: Embedding;
  gru: GRU;
  head: Linear;

  constructor(vocabSize: number, embedDim: number, hiddenSize: number) {
    super();
    this.embed = new Embedding(vocabSize, embedDim);
    this.gru = new GRU(embedDim, hiddenSize, { batchFirst: true });
    this.head = new Linear(hiddenSize, vocabSize);
  }

  /** `ids` `[batch, T]` int32 → logits `[batch, T, vocab]` and the final hidden state. */
  override forward(ids: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [out, hN] = this.gru.forward(this.embed.forward(ids), h0);
    return [this.head.forward(out), hN];
  }
}

/** Options of {@link trainCharLM}. */
export interface CharLMOptions {
  seed: number;
  steps: number;
  batchSize: number;
  seqLen: number;
  embedDim: number;
  hiddenSize: number;
  maxLr: number;
  /** Sample this often (in steps), and at the start and the end. */
  sampleEvery: number;
  sampleLength: number;
  temperature: number;
  /** Called after every step (progress bars, live charts). */
  onStep?: (step: number, loss: number, lr: number) => void;
}

/** A sample of the model's text at one point of training. */
export interface CharSample {
  step: number;
  text: string;
}

/** What {@link trainCharLM} returns. */
export interface CharLMResult {
  losses: number[];
  lrs: number[];
  samples: CharSample[];
  vocabSize: number;
  parameters: number;
}

/**
 * Draws `length` characters after `prompt`, one at a time from softmax(logits / temperature),
 * carrying the GRU's state; the draws come from `generator`, so a seed fixes the text.
 */
export function sampleText(model: CharGRU, vocab: Vocabulary, prompt: string, length: number, temperature: number, generator: Generator): string {
  return noGrad(() => {
    let [logits, h] = model.forward(tensor([vocab.encode(prompt)], { dtype: 'int32' }));
    let text = prompt;
    for (let i = 0; i < length; i++) {
      const last = (logits.select(1, logits.shape[1]! - 1).select(0, 0).div(temperature).softmax(0).tolist() as number[]);
      let u = generator.nextDouble();
      let id = last.length - 1;
      for (let k = 0; k < last.length; k++) {
        u -= last[k]!;
        if (u < 0) {
          id = k;
          break;
        }
      }
      text += vocab.chars[id];
      [logits, h] = model.forward(tensor([[id]], { dtype: 'int32' }), h);
    }
    return text;
  });
}

/**
 * Trains a character-level GRU language model on `text` with Adam under a one-cycle schedule
 * (Smith & Topin 2019): random windows of `seqLen + 1` characters, cross-entropy of each next
 * character. Everything random (initial weights, windows, samples) follows `seed`.
 */
export function trainCharLM(text: string, o: CharLMOptions): CharLMResult {
  const vocab = vocabulary(text);
  const ids = vocab.encode(text);
  const generator = new Generator().manualSeed(o.seed);
  const model = new CharGRU(vocab.chars.length, o.embedDim, o.hiddenSize);
  noGrad(() => {
    // Fresh weights from this run's generator, so the run does not depend on global draws before it.
    for (const p of model.parameters()) {
      const bound = 1 / Math.sqrt(p.shape[p.ndim - 1]!);
      p.uniform_(-bound, bound, { generator });
    }
  });
  const opt = new Adam(model.parameters(), { lr: o.maxLr });
  const scheduler = new OneCycleLR(opt, { maxLr: o.maxLr, totalSteps: o.steps });
  const losses: number[] = [];
  const lrs: number[] = [];
  const samples: CharSample[] = [];
  const sampleGenerator = new Generator().manualSeed(o.seed + 1);
  const sample = (step: number): void => {
    samples.push({ step, text: sampleText(model, vocab, text[0]!, o.sampleLength, o.temperature, sampleGenerator) });
  };
  sample(0);
  for (let step = 1; step <= o.steps; step++) {
    const inputs: number[][] = [];
    const targets: number[][] = [];
    for (let b = 0; b < o.batchSize; b++) {
      const start = Math.floor(generator.nextDouble() * (ids.length - o.seqLen - 1));
      inputs.push(ids.slice(start, start + o.seqLen));
      targets.push(ids.slice(start + 1, start + o.seqLen + 1));
    }
    const [logits] = model.forward(tensor(inputs, { dtype: 'int32' }));
    const loss = functional.crossEntropy(logits.reshape([-1, vocab.chars.length]), tensor(targets, { dtype: 'int32' }).reshape([-1]));
    opt.zeroGrad();
    loss.backward();
    opt.step();
    const lr = scheduler.getLastLr()[0]!;
    scheduler.step();
    losses.push(loss.item());
    lrs.push(lr);
    o.onStep?.(step, loss.item(), lr);
    if (step % o.sampleEvery === 0 || step === o.steps) sample(step);
  }
  const parameters = model.parameters().reduce((n, p) => n + p.numel(), 0);
  return { losses, lrs, samples, vocabSize: vocab.chars.length, parameters };
}
