import { defaultGenerator } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import type { Sampler } from './sampler';

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
 *   with replacement:    u ← uniform double in [0, 1); index = first i with cdf[i] > u, where
 *                        cdf is the running sum of the weights divided by their total
 *   without replacement: the same draw, then the chosen weight is removed and the cdf rebuilt
 *
 * The distribution is PyTorch's; the stream is not bit-exact with `torch.multinomial` (which
 * uses its own kernel and, without replacement, exponential keys), so the same seed gives
 * different indices than PyTorch.
 *
 * @example
 * const sampler = new WeightedRandomSampler([0.1, 0.9], 100); // mostly index 1
 */
export class WeightedRandomSampler implements Sampler<number> {
  readonly weights: readonly number[];
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;

  constructor(weights: ArrayLike<number>, numSamples: number, options: WeightedRandomSamplerOptions = {}) {
    const { replacement = true, generator } = options;
    if (!(Number.isInteger(numSamples) && numSamples > 0)) {
      throw new RangeError(`num_samples should be a positive integer value, but got num_samples=${numSamples}`);
    }
    if (typeof replacement !== 'boolean') {
      throw new TypeError(`replacement should be a boolean value, but got replacement=${String(replacement)}`);
    }
    const copy = Array.from(weights);
    copy.forEach((w, i) => {
      if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`WeightedRandomSampler: weight at index ${i} must be finite and non-negative, got ${w}`);
    });
    const positive = copy.filter((w) => w > 0).length;
    if (positive === 0) throw new RangeError('invalid multinomial distribution (sum of probabilities <= 0)');
    if (!replacement && numSamples > positive) {
      throw new RangeError(`cannot sample n_sample > prob_dist.size(-1) samples without replacement, got numSamples=${numSamples} with ${positive} non-zero weights`);
    }
    this.weights = copy;
    this.numSamples = numSamples;
    this.replacement = replacement;
    this.generator = generator;
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const generator = this.generator ?? defaultGenerator;
    const weights = [...this.weights];
    const n = weights.length;
    const cdf = new Float64Array(n);
    const rebuild = (): void => {
      let total = 0;
      for (let i = 0; i < n; i++) cdf[i] = total += weights[i] as number;
      for (let i = 0; i < n; i++) cdf[i] = (cdf[i] as number) / total;
    };
    rebuild();
    for (let k = 0; k < this.numSamples; k++) {
      const u = generator.nextDouble();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cdf[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      // Skip zero-weight slots that share the cdf value of their left neighbour.
      while ((weights[lo] as number) === 0 && lo < n - 1) lo++;
      yield lo;
      if (!this.replacement) {
        weights[lo] = 0;
        if (k + 1 < this.numSamples) rebuild();
      }
    }
  }
}
