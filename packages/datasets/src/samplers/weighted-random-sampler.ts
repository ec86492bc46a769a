import { defaultGenerator } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import {
  checkBoolean,
  checkGenerator,
  checkOptions,
  checkPositiveInteger,
} from '../argument-checks';
import { formatValue } from '../format-value';
import { generatorStateDict, readGeneratorState } from '../state/generator-state';
import { StateReader } from '../state/read-state';
import { PREPARE_LOAD } from '../state/state-dict';
import type { PreparedStateful, StateDict } from '../state/state-dict';
import type { Sampler } from './sampler';

/**
 * The epoch in progress: with replacement, how many indices were drawn (each draw happens when its
 * index is asked for); without, the epoch's order and how much of it was handed out.
 */
type Cursor = { position: number } | { order: number[]; offset: number };

/** Options of {@link WeightedRandomSampler}. */
export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (default true, as PyTorch). */
  replacement?: boolean;
  /** Default: the global generator. */
  generator?: Generator;
}

/**
 * Indices 0 … weights.length − 1 drawn with probability proportional to `weights`, as
 * `torch.utils.data.WeightedRandomSampler`.
 *
 *   with replacement:    per sample, u ← uniform double in [0, 1); index = first i with cdf[i] > u,
 *                        cdf the running sum of the weights divided by their total
 *   without replacement (or numSamples = 1): key_i = w_i / e_i with e_i ~ Exp(1) drawn once per
 *                        weight; the indices of the numSamples largest keys, largest first
 *
 * Both follow `torch.multinomial` on CPU (PyTorch 1.13) and match its indices for the cases in
 * test/reference/extra.json; the keys use JavaScript's `Math.log`, which may differ from the C
 * library's in the last bit, so two nearly equal keys could in principle swap places.
 *
 * @example
 * const sampler = new WeightedRandomSampler([0.1, 0.9], 100); // mostly index 1
 */
export class WeightedRandomSampler implements Sampler<number>, PreparedStateful {
  readonly weights: readonly number[];
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private cursor: Cursor | null = null;
  private resume: Cursor | null = null;

  constructor(
    weights: ArrayLike<number>,
    numSamples: number,
    options: WeightedRandomSamplerOptions = {},
  ) {
    if (!Array.isArray(weights) && !(ArrayBuffer.isView(weights) && !(weights instanceof DataView)))
      throw new TypeError(
        `WeightedRandomSampler: weights should be a 1d sequence of numbers, got ${formatValue(weights)}`,
      );
    checkPositiveInteger('num_samples', numSamples);
    const o = checkOptions('WeightedRandomSampler', options, ['replacement', 'generator']);
    const replacement =
      o.replacement === undefined ? true : checkBoolean('replacement', o.replacement);
    const generator = checkGenerator('WeightedRandomSampler', o.generator);
    const copy = Array.from(weights as ArrayLike<unknown>);
    copy.forEach((w, i) => {
      if (typeof w !== 'number')
        throw new TypeError(
          `WeightedRandomSampler: weight at index ${i} must be a number, got ${formatValue(w)}`,
        );
      if (!(w >= 0 && Number.isFinite(w)))
        throw new RangeError(
          `WeightedRandomSampler: weight at index ${i} must be finite and non-negative, got ${w}`,
        );
    });
    const numbers = copy as number[];
    const positive = numbers.filter((w) => w > 0).length;
    if (positive === 0)
      throw new RangeError('invalid multinomial distribution (sum of probabilities <= 0)');
    if (!replacement && numSamples > positive) {
      throw new RangeError(
        `cannot sample n_sample > prob_dist.size(-1) samples without replacement, got numSamples=${numSamples} with ${positive} non-zero weights`,
      );
    }
    this.weights = numbers;
    this.numSamples = numSamples;
    this.replacement = replacement;
    this.generator = generator;
  }

  get length(): number {
    return this.numSamples;
  }

  /** Exponential keys (all drawn up front) without replacement or for a single sample. */
  private get keyed(): boolean {
    return !this.replacement || this.numSamples === 1;
  }

  *[Symbol.iterator](): Iterator<number> {
    const generator = this.generator ?? defaultGenerator;
    const cursor =
      this.resume ??
      (this.keyed
        ? { order: exponentialKeys(this.weights, this.numSamples, generator), offset: 0 }
        : { position: 0 });
    this.resume = null;
    this.cursor = cursor;
    if ('order' in cursor) {
      while (cursor.offset < cursor.order.length) yield cursor.order[cursor.offset++] as number;
    } else {
      const n = this.weights.length;
      // Running sums divided by the total, in double, as ATen's multinomial_with_replacement.
      const cdf = new Float64Array(n);
      let total = 0;
      for (let i = 0; i < n; i++) cdf[i] = total += this.weights[i] as number;
      for (let i = 0; i < n; i++) cdf[i] = (cdf[i] as number) / total;
      while (cursor.position < this.numSamples) {
        const u = generator.nextDouble();
        // Leftmost slot whose cdf exceeds u can never be a zero weight: its cdf equals its left neighbour's.
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((cdf[mid] as number) > u) hi = mid;
          else lo = mid + 1;
        }
        cursor.position++;
        yield lo;
      }
    }
    if (this.cursor === cursor) this.cursor = null;
  }

  /**
   * `{ length, numSamples, replacement, generator?, epoch? }`: `generator` when the sampler has its
   * own (with replacement the draws of the epoch in progress come from it, or from the global
   * generator, one per index); `epoch` is `{ position }` with replacement, `{ remaining }` without.
   */
  stateDict(): StateDict {
    const state: StateDict = {
      length: this.weights.length,
      numSamples: this.numSamples,
      replacement: this.replacement,
    };
    if (this.generator) state.generator = generatorStateDict(this.generator);
    const epoch = this.resume ?? this.cursor;
    if (epoch)
      state.epoch =
        'order' in epoch
          ? { remaining: epoch.order.slice(epoch.offset) }
          : { position: epoch.position };
    return state;
  }

  /** Restores a state from {@link stateDict}, checking all of it before changing anything. */
  loadStateDict(state: StateDict): void {
    this[PREPARE_LOAD](state, 'state', 'WeightedRandomSampler')();
  }

  /** @internal */
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void {
    const n = this.weights.length;
    const r = new StateReader(owner, state, path, [
      'length',
      'numSamples',
      'replacement',
      'generator',
      'epoch',
    ]);
    r.same('length', n);
    r.same('numSamples', this.numSamples);
    r.same('replacement', this.replacement);
    const own = this.generator !== undefined;
    r.presence(
      'generator',
      own,
      own ? 'this sampler has its own generator' : 'this sampler uses the global generator',
    );
    const generatorState = own
      ? readGeneratorState(owner, r.value.generator, r.at('generator'))
      : null;
    let epoch: Cursor | null = null;
    if (r.has('epoch')) {
      if (this.keyed) {
        const e = r.child('epoch', ['remaining']);
        const order = e.indices(
          'remaining',
          this.numSamples,
          (i) => i < n && (this.weights[i] as number) > 0,
          `the index of a positive weight in [0, ${n})`,
        );
        epoch = { order, offset: 0 };
      } else {
        epoch = {
          position: r.child('epoch', ['position']).integer('position', 0, this.numSamples),
        };
      }
    }
    return () => {
      if (generatorState) this.generator?.setState(generatorState);
      this.cursor = null;
      this.resume = epoch;
    };
  }
}

/**
 * Sampling without replacement by exponential keys, as ATen's multinomial fast path: one
 * exponential(1) draw e_i = −ln(1 − u_i) per weight (u_i a double uniform), key_i = w_i / e_i, and the
 * indices of the `count` largest keys, largest first.
 */
function exponentialKeys(
  weights: readonly number[],
  count: number,
  generator: Generator,
): number[] {
  const keys = weights.map((w) => {
    // exponential_(1) on a double tensor: −ln(1 − u), u a double uniform.
    return w / -Math.log(1 - generator.nextDouble());
  });
  const order = keys
    .map((_, i) => i)
    .sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b);
  return order.slice(0, count);
}
