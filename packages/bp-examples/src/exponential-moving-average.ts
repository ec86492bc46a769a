/**
 * Exponentially weighted averages, the tutorial's way:
 *
 *   S_1 = Y_1,   S_t = β·S_{t−1} + (1 − β)·Y_t
 *
 * S_t averages roughly the last 1/(1 − β) values: β = 0.5 follows the data closely (about 2 days),
 * β = 0.9 is smoother and lags behind (about 10 days). Momentum, RMSprop and Adam keep exactly such
 * averages of the gradient and of its square. (Starting from S_0 = 0 instead needs Adam's bias
 * correction S_t / (1 − β^t); starting from S_1 = Y_1 does not.)
 */
import { Generator, randn } from '@descent/tensor';

/**
 * The exponentially weighted average of a series with S_1 = Y_1. With `dtype: 'float32'` every
 * operation is rounded to float32, as a float32 PyTorch tensor computes `S*beta + (1-beta)*Y`.
 *
 * @example
 * exponentialMovingAverage([1, 2, 3], 0.5); // [1, 1.5, 2.25]
 */
export function exponentialMovingAverage(
  series: ArrayLike<number>,
  beta: number,
  options: { dtype?: 'float32' | 'float64' } = {},
): number[] {
  if (!(beta >= 0 && beta < 1)) {
    throw new RangeError(`exponentialMovingAverage: beta must be in [0, 1), got ${beta}`);
  }
  const round = options.dtype === 'float32' ? Math.fround : (v: number): number => v;
  // Python computes 1 - beta in doubles; the float32 kernel then sees both scalars as float32.
  const keep = round(beta);
  const take = round(1 - beta);
  const out: number[] = [];
  let s = 0;
  for (let t = 0; t < series.length; t++) {
    const y = series[t] as number;
    s = t === 0 ? y : round(round(s * keep) + round(take * y));
    out.push(s);
  }
  return out;
}

/**
 * The tutorial's 30 "daily temperatures": `torch.manual_seed(seed); torch.randn(days) * 10` in
 * float32 — the same numbers as PyTorch, drawn from a private generator (the global one is left
 * alone).
 *
 * @example
 * temperatureSeries()[0]; // -11.258398056030273
 */
export function temperatureSeries(options: { seed?: number; days?: number } = {}): number[] {
  const { seed = 0, days = 30 } = options;
  const generator = new Generator().manualSeed(seed);
  return randn([days], { generator }).mul(10).tolist() as number[];
}
