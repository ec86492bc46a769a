import { arange, noGrad, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { defaultGenerator } from '@descent/tensor';
import { normal_ } from '../../init';
import { Embedding } from '../../layers/embedding';
import { LayerNorm } from '../../layers/layer-norm';
import { ModuleList } from '../../layers/module-list';
import { Module } from '../../module';
import type { LoadStateDictResult } from '../../state-dict';
import { GPT2Block } from './block';
import type { LayerPast } from './block';
import { resolveConfig } from './config';
import type { GPT2Config } from './config';

/** Options of {@link GPT2.generate}. */
export interface GenerateOptions {
  /** Sample from the softmax instead of taking the most likely token (default false: greedy). */
  doSample?: boolean;
  /** Divides the logits before sampling (default 1). */
  temperature?: number;
  /** Sample only among the k most likely tokens (default: all). */
  topK?: number;
  /** Generator for sampling (default: the global one), so the same seed gives the same text. */
  generator?: Generator;
}

/** What {@link GPT2.forwardWithCache} returns. */
export interface GPT2Output {
  /** `[batch, T, vocabSize]`. */
  logits: Tensor;
  /** Keys and values of every block for all positions so far: pass them back to continue. */
  presentKeyValues: LayerPast[];
}

/**
 * A GPT-2 causal language model (Radford et al. 2019), laid out as Hugging Face's `GPT2Model`
 * with its LM head tied to the token embedding, so a published checkpoint loads by name:
 * `wte.weight`, `wpe.weight`, `h.{i}.ln_1.*`, `h.{i}.attn.c_attn.*` (Conv1D, `[in, out]`),
 * `h.{i}.attn.c_proj.*`, `h.{i}.ln_2.*`, `h.{i}.mlp.c_fc.*`, `h.{i}.mlp.c_proj.*`, `ln_f.*`.
 *
 *   x = wte[tokens] + wpe[positions]
 *   each block: x ← x + attn(ln_1(x)) (causal), x ← x + mlp(ln_2(x))
 *   logits = ln_f(x)·wteᵀ
 *
 * Generation keeps each block's keys and values (a KV cache), so each new token costs one
 * position's work. A fresh model is initialised as Hugging Face's `_init_weights` does (normal
 * with std 0.02, residual projections scaled by 1/√(2·nLayer)); it is not the same random stream.
 *
 * @example
 * // Node: the published 124M checkpoint (model.safetensors of the `gpt2` repository).
 * const model = GPT2.fromStateDict(loadFile('gpt2/model.safetensors'));
 * const tokens = model.generate([15496, 11, 314, 716], 20); // greedy continuation
 */
export class GPT2 extends Module<[Tensor], Tensor> {
  wte: Embedding;
  wpe: Embedding;
  h: ModuleList;
  ln_f: LayerNorm;
  readonly config: GPT2Config;

  constructor(config: Partial<GPT2Config> = {}, options: { generator?: Generator } = {}) {
    super();
    const c = resolveConfig(config);
    const generator = options.generator;
    this.config = c;
    this.wte = new Embedding(c.vocabSize, c.nEmbd, { generator });
    this.wpe = new Embedding(c.nPositions, c.nEmbd, { generator });
    noGrad(() => {
      normal_(this.wte.weight, 0, 0.02, { generator });
      normal_(this.wpe.weight, 0, 0.01, { generator });
    });
    this.h = new ModuleList(Array.from({ length: c.nLayer }, () => new GPT2Block(c, generator)));
    this.ln_f = new LayerNorm(c.nEmbd, { eps: c.layerNormEpsilon });
  }

  /**
   * A model shaped by a Hugging Face GPT-2 state dict (the sizes are read from `wte`, `wpe` and
   * the block count; `nHead` and `layerNormEpsilon` cannot be read and default to GPT-2's 12 and
   * 1e-5), with those weights loaded (see {@link GPT2.loadHuggingFace}).
   */
  static fromStateDict(stateDict: Readonly<Record<string, unknown>>, config: Partial<Pick<GPT2Config, 'nHead' | 'layerNormEpsilon'>> = {}): GPT2 {
    const strip = (k: string): string => (k.startsWith('transformer.') ? k.slice('transformer.'.length) : k);
    const keys = Object.keys(stateDict).map(strip);
    const shape = (name: string): readonly number[] => {
      const t = stateDict[name] ?? stateDict[`transformer.${name}`];
      if (t === null || typeof t !== 'object' || !('shape' in t)) throw new Error(`GPT2.fromStateDict: the state dict has no tensor '${name}'`);
      return (t as { shape: readonly number[] }).shape;
    };
    const [vocabSize, nEmbd] = shape('wte.weight') as [number, number];
    const nPositions = shape('wpe.weight')[0]!;
    const nLayer = new Set(keys.filter((k) => /^h\.\d+\./.test(k)).map((k) => k.split('.')[1])).size;
    const model = new GPT2({ vocabSize, nEmbd, nPositions, nLayer, ...config });
    model.loadHuggingFace(stateDict);
    return model;
  }

  /**
   * Loads a Hugging Face GPT-2 state dict: names with or without the `transformer.` prefix; the
   * causal-mask buffers (`h.{i}.attn.bias`, `h.{i}.attn.masked_bias`) are skipped, and so is
   * `lm_head.weight` (tied to `wte.weight`). Every other name must match, shapes included.
   */
  loadHuggingFace(stateDict: Readonly<Record<string, unknown>>): LoadStateDictResult {
    if (stateDict === null || typeof stateDict !== 'object') throw new TypeError(`GPT2.loadHuggingFace: stateDict must be an object, got ${String(stateDict)}`);
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stateDict)) {
      const name = key.startsWith('transformer.') ? key.slice('transformer.'.length) : key;
      if (/^h\.\d+\.attn\.(bias|masked_bias)$/.test(name) || name === 'lm_head.weight') continue;
      own[name] = value;
    }
    return noGrad(() => this.loadStateDict(own));
  }

  /** Logits `[batch, T, vocabSize]` for token ids `[batch, T]` (or `[T]`, giving `[T, vocab]`). */
  override forward(idx: Tensor): Tensor {
    return this.forwardWithCache(idx, null).logits;
  }

  /** Like {@link GPT2.forward}, continuing after `past` (positions already seen) and returning the new cache. */
  forwardWithCache(idx: Tensor, past: readonly LayerPast[] | null): GPT2Output {
    const unbatched = idx.ndim === 1;
    const tokens = unbatched ? idx.unsqueeze(0) : idx;
    if (tokens.ndim !== 2 || tokens.dtype !== 'int32') throw new TypeError(`GPT2: idx must be int32 token ids shaped [batch, T] or [T], got ${tokens.dtype} [${idx.shape.join(', ')}]`);
    const blocks = [...this.h] as GPT2Block[];
    if (past !== null && past.length !== blocks.length) throw new RangeError(`GPT2: past must hold ${blocks.length} layers, got ${past.length}`);
    const T = tokens.shape[1]!;
    const start = past === null ? 0 : past[0]![0].shape[2]!;
    if (start + T > this.config.nPositions) throw new RangeError(`GPT2: ${start + T} positions exceed nPositions ${this.config.nPositions}`);
    const positions = arange(start, start + T, 1, { dtype: 'int32' });
    let x = this.wte.forward(tokens).add(this.wpe.forward(positions));
    const presentKeyValues: LayerPast[] = [];
    blocks.forEach((block, i) => {
      const [out, present] = block.forward(x, past === null ? null : past[i]!);
      x = out;
      presentKeyValues.push(present);
    });
    const logits = this.ln_f.forward(x).matmul(this.wte.weight.t());
    return { logits: unbatched ? logits.squeeze(0) : logits, presentKeyValues };
  }

  /**
   * Continues `prompt` (token ids) by `maxNewTokens` tokens, one position per step with the KV
   * cache; greedy unless `doSample`. Returns the prompt followed by the new tokens.
   */
  generate(prompt: readonly number[], maxNewTokens: number, options: GenerateOptions = {}): number[] {
    const { doSample = false, temperature = 1, topK, generator = defaultGenerator } = options;
    const ids: unknown = prompt;
    if (!Array.isArray(ids) || prompt.length === 0 || prompt.some((t) => !Number.isSafeInteger(t) || t < 0 || t >= this.config.vocabSize)) {
      throw new RangeError(`GPT2.generate: prompt must be a non-empty array of token ids in [0, ${this.config.vocabSize}), got ${JSON.stringify(prompt)}`);
    }
    if (!Number.isSafeInteger(maxNewTokens) || maxNewTokens < 0) throw new RangeError(`GPT2.generate: maxNewTokens must be a non-negative integer, got ${String(maxNewTokens)}`);
    if (!(temperature > 0)) throw new RangeError(`GPT2.generate: temperature must be positive, got ${String(temperature)}`);
    if (topK !== undefined && (!Number.isSafeInteger(topK) || topK < 1)) throw new RangeError(`GPT2.generate: topK must be a positive integer, got ${String(topK)}`);
    return noGrad(() => {
      const out: number[] = [...prompt];
      let past: LayerPast[] | null = null;
      let next: readonly number[] = prompt;
      for (let step = 0; step < maxNewTokens; step++) {
        const { logits, presentKeyValues } = this.forwardWithCache(tensor([...next], { dtype: 'int32' }), past);
        past = presentKeyValues;
        const last = logits.select(0, logits.shape[0]! - 1).tolist() as number[];
        const token = doSample ? sample(last, temperature, topK, generator) : argmax(last);
        out.push(token);
        next = [token];
      }
      return out;
    });
  }
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** One draw from softmax(logits / temperature), restricted to the top k. */
function sample(logits: readonly number[], temperature: number, topK: number | undefined, generator: Generator): number {
  const order = logits.map((_v, i) => i).sort((a, b) => logits[b]! - logits[a]!);
  const kept = topK === undefined ? order : order.slice(0, topK);
  const top = logits[kept[0]!]! / temperature;
  const weights = kept.map((i) => Math.exp(logits[i]! / temperature - top));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = generator.nextDouble() * total;
  for (let k = 0; k < kept.length; k++) {
    u -= weights[k]!;
    if (u < 0) return kept[k]!;
  }
  return kept[kept.length - 1]!;
}
