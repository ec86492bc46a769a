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
 * A character-level GRU language model in training on `text` with Adam under a one-cycle schedule
 * (Smith & Topin 2019): random windows of `seqLen + 1` characters, cross-entropy of each next
 * character. Everything random (initial weights, windows, samples) follows `seed`. `step()` runs
 * one update, so a page can interleave steps with drawing; {@link trainCharLM} runs them all.
 */
export class CharLMTrainer {
  readonly vocab: Vocabulary;
  readonly model: CharGRU;
  readonly losses: number[] = [];
  readonly lrs: number[] = [];
  readonly samples: CharSample[] = [];
  readonly #ids: number[];
  readonly #text: string;
  readonly #o: CharLMOptions;
  readonly #generator: Generator;
  readonly #sampleGenerator: Generator;
  readonly #opt: Adam;
  readonly #scheduler: OneCycleLR;

  constructor(text: string, o: CharLMOptions) {
    this.vocab = vocabulary(text);
    this.#ids = this.vocab.encode(text);
    this.#text = text;
    this.#o = o;
    this.#generator = new Generator().manualSeed(o.seed);
    this.model = new CharGRU(this.vocab.chars.length, o.embedDim, o.hiddenSize);
    noGrad(() => {
      // Fresh weights from this run's generator, so the run does not depend on global draws before it.
      for (const p of this.model.parameters()) {
        const bound = 1 / Math.sqrt(p.shape[p.ndim - 1]!);
        p.uniform_(-bound, bound, { generator: this.#generator });
      }
    });
    this.#opt = new Adam(this.model.parameters(), { lr: o.maxLr });
    this.#scheduler = new OneCycleLR(this.#opt, { maxLr: o.maxLr, totalSteps: o.steps });
    this.#sampleGenerator = new Generator().manualSeed(o.seed + 1);
    this.sample();
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.losses.length;
  }

  /** Whether every step of the schedule has run. */
  get done(): boolean {
    return this.steps >= this.#o.steps;
  }

  /** Samples `sampleLength` characters now and records them under the current step. */
  sample(temperature = this.#o.temperature): CharSample {
    const s = { step: this.steps, text: sampleText(this.model, this.vocab, this.#text[0]!, this.#o.sampleLength, temperature, this.#sampleGenerator) };
    this.samples.push(s);
    return s;
  }

  /** One update on a fresh batch of windows; samples too when the step is due. Returns the loss. */
  step(): number {
    const o = this.#o;
    const inputs: number[][] = [];
    const targets: number[][] = [];
    for (let b = 0; b < o.batchSize; b++) {
      const start = Math.floor(this.#generator.nextDouble() * (this.#ids.length - o.seqLen - 1));
      inputs.push(this.#ids.slice(start, start + o.seqLen));
      targets.push(this.#ids.slice(start + 1, start + o.seqLen + 1));
    }
    const [logits] = this.model.forward(tensor(inputs, { dtype: 'int32' }));
    const loss = functional.crossEntropy(logits.reshape([-1, this.vocab.chars.length]), tensor(targets, { dtype: 'int32' }).reshape([-1]));
    this.#opt.zeroGrad();
    loss.backward();
    this.#opt.step();
    const lr = this.#scheduler.getLastLr()[0]!;
    this.#scheduler.step();
    const value = loss.item();
    this.losses.push(value);
    this.lrs.push(lr);
    o.onStep?.(this.steps, value, lr);
    if (this.steps % o.sampleEvery === 0 || this.steps === o.steps) this.sample();
    return value;
  }

  /** The run so far. */
  result(): CharLMResult {
    const parameters = this.model.parameters().reduce((n, p) => n + p.numel(), 0);
    return { losses: [...this.losses], lrs: [...this.lrs], samples: [...this.samples], vocabSize: this.vocab.chars.length, parameters };
  }
}

/** Trains a {@link CharLMTrainer} through all its steps. */
export function trainCharLM(text: string, o: CharLMOptions): CharLMResult {
  const trainer = new CharLMTrainer(text, o);
  while (!trainer.done) trainer.step();
  return trainer.result();
}
