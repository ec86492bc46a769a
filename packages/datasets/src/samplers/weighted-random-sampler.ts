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
export class WeightedRandomSampler implements Sampler<number> {
  readonly weights: readonly number[];
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;

  constructor(
    weights: ArrayLike<number>,
    numSamples: number,
    options: WeightedRandomSamplerOptions = {},
  ) {
    const { replacement = true, generator } = options;
    if (!(Number.isInteger(numSamples) && numSamples > 0)) {
      throw new RangeError(
        `num_samples should be a positive integer value, but got num_samples=${numSamples}`,
      );
    }
    if (typeof replacement !== 'boolean') {
      throw new TypeError(
        `replacement should be a boolean value, but got replacement=${String(replacement)}`,
      );
    }
    const copy = Array.from(weights);
    copy.forEach((w, i) => {
      if (!(w >= 0 && Number.isFinite(w)))
        throw new RangeError(
          `WeightedRandomSampler: weight at index ${i} must be finite and non-negative, got ${w}`,
        );
    });
    const positive = copy.filter((w) => w > 0).length;
    if (positive === 0)
      throw new RangeError('invalid multinomial distribution (sum of probabilities <= 0)');
    if (!replacement && numSamples > positive) {
      throw new RangeError(
        `cannot sample n_sample > prob_dist.size(-1) samples without replacement, got numSamples=${numSamples} with ${positive} non-zero weights`,
      );
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
    if (!this.replacement || this.numSamples === 1) {
      yield* exponentialKeys(this.weights, this.numSamples, generator);
      return;
    }
    const n = this.weights.length;
    // Running sums divided by the total, in double, as ATen's multinomial_with_replacement.
    const cdf = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cdf[i] = total += this.weights[i] as number;
    for (let i = 0; i < n; i++) cdf[i] = (cdf[i] as number) / total;
    for (let k = 0; k < this.numSamples; k++) {
      const u = generator.nextDouble();
      // Leftmost slot whose cdf exceeds u can never be a zero weight: its cdf equals its left neighbour's.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cdf[mid] as number) > u) hi = mid;
        else lo = mid + 1;
      }
      yield lo;
    }
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
