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
import { Generator, describeValue, randn } from '@descent/tensor';

/**
 * The exponentially weighted average of a series, the tutorial's rule S_1 = Y_1, then
 * S_t = β·S_{t−1} + (1 − β)·Y_t. Each S_t weighs the value k days back by (1 − β)·β^k, so it
 * averages roughly the last 1/(1 − β) values: β = 0.5 follows the data over about 2 days, β = 0.9
 * over about 10, smoother but lagging behind. Momentum keeps this average of the gradients.
 *
 * @param series the values Y_1 … Y_n
 * @param beta the decay β, in [0, 1)
 * @param options.dtype `'float64'` (default), or `'float32'` to round every operation as a float32
 *   PyTorch tensor computes `S*beta + (1-beta)*Y`
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
 * float32, the same numbers as PyTorch. They are drawn from a private generator, so the global one
 * is left alone.
 *
 * @param options.seed the seed (default 0)
 * @param options.days how many values (default 30)
 * @example
 * temperatureSeries()[0]; // -11.258398056030273
 */
export function temperatureSeries(options: { seed?: number; days?: number } = {}): number[] {
  const { seed = 0, days = 30 } = options;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`temperatureSeries: days must be a non-negative integer, got ${days}`);
  }
  const generator = new Generator().manualSeed(seed);
  return randn([days], { generator }).mul(10).tolist() as number[];
}

/**
 * Prints the series beside its averages, one day a line, as the tutorial's table of temperatures
 * and their smoothed curves.
 *
 * @param series the values Y_t (an array of numbers)
 * @param averages the averages to show, keyed by a label for β (e.g. `{ '0.5': …, '0.9': … }`):
 *   an object, not an array or a single β; each entry an array of numbers as long as the series
 * @throws TypeError naming the argument and the value when `series` or `averages` has the wrong
 *   kind; RangeError when an average's length differs from the series'
 * @example
 * const y = temperatureSeries();
 * formatExponentialMovingAverage(y, { '0.9': exponentialMovingAverage(y, 0.9) });
 */
export function formatExponentialMovingAverage(
  series: readonly number[],
  averages: Readonly<Record<string, readonly number[]>>,
): string {
  const fn = 'formatExponentialMovingAverage()';
  checkNumbers(series, `${fn}: argument 'series' (position 1)`);
  if (typeof averages !== 'object' || averages === null || Array.isArray(averages)) {
    throw new TypeError(
      `${fn}: argument 'averages' (position 2) must be an object mapping a label for β to its averages, ` +
        `e.g. { '0.9': exponentialMovingAverage(series, 0.9) }, not ${describeValue(averages)}`,
    );
  }
  const betas = Object.keys(averages);
  for (const beta of betas) {
    const average = averages[beta];
    checkNumbers(average, `${fn}: averages['${beta}']`);
    if (average.length !== series.length) {
      throw new RangeError(`formatExponentialMovingAverage: the average for β = ${beta} has ${average.length} values, the series ${series.length}`);
    }
  }
  const cell = (v: number): string => v.toFixed(6).padStart(12);
  const lines = [`  day            Y${betas.map((b) => `β=${b}`.padStart(12)).join('')}`];
  series.forEach((y, t) => {
    lines.push(`  ${String(t + 1).padStart(3)}${cell(y)}${betas.map((b) => cell((averages[b] as readonly number[])[t] as number)).join('')}`);
  });
  return lines.join('\n');
}

/** Throws a TypeError naming `what` unless `value` is an array (or a typed array) of numbers. */
function checkNumbers(value: unknown, what: string): asserts value is readonly number[] {
  const isTyped = ArrayBuffer.isView(value) && !(value instanceof DataView);
  if (!Array.isArray(value) && !isTyped) throw new TypeError(`${what} must be an array of numbers, not ${describeValue(value)}`);
  const values = value as ArrayLike<unknown>;
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') throw new TypeError(`${what} must be an array of numbers, but element ${i} is ${describeValue(values[i])}`);
  }
}
