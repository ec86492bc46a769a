/**
 * An exponentially weighted average of a stream of numbers — the tutorial's tool behind momentum,
 * RMSprop and Adam, as a plain helper.
 *
 *   'tutorial' start (default):  S_1 = Y_1,   S_t = β·S_{t−1} + (1 − β)·Y_t
 *   'zero' start:                S_0 = 0,     S_t = β·S_{t−1} + (1 − β)·Y_t, reported as
 *                                S_t / (1 − βᵗ) when biasCorrection is on (Adam's correction)
 *
 * S_t averages roughly the last 1/(1 − β) values.
 */

/** Options of {@link ExponentialMovingAverage}. */
export interface ExponentialMovingAverageOptions {
  /** How the average starts: from the first value (the tutorial's) or from zero. Default 'tutorial'. */
  start?: 'tutorial' | 'zero';
  /** With a zero start, divide by 1 − βᵗ. Default true. */
  biasCorrection?: boolean;
}

/**
 * A running exponentially weighted average.
 *
 * @example
 * const ema = new ExponentialMovingAverage(0.9);
 * [10, 20, 30].map((y) => ema.update(y)); // [10, 11, 12.9]
 */
export class ExponentialMovingAverage {
  readonly beta: number;
  private readonly start: 'tutorial' | 'zero';
  private readonly biasCorrection: boolean;
  private average = 0;
  private count = 0;

  constructor(beta: number, options: ExponentialMovingAverageOptions = {}) {
    if (!(beta >= 0 && beta < 1))
      throw new RangeError(`ExponentialMovingAverage: beta must be in [0, 1), got ${beta}`);
    this.beta = beta;
    this.start = options.start ?? 'tutorial';
    this.biasCorrection = options.biasCorrection ?? true;
  }

  /** Folds in one value and returns the current average. */
  update(value: number): number {
    this.count++;
    this.average =
      this.start === 'tutorial' && this.count === 1
        ? value
        : this.beta * this.average + (1 - this.beta) * value;
    return this.value;
  }

  /** The current average (NaN before the first value). */
  get value(): number {
    if (this.count === 0) return NaN;
    if (this.start === 'zero' && this.biasCorrection)
      return this.average / (1 - this.beta ** this.count);
    return this.average;
  }

  /** The averages of a whole series. */
  static of(
    series: Iterable<number>,
    beta: number,
    options?: ExponentialMovingAverageOptions,
  ): number[] {
    const ema = new ExponentialMovingAverage(beta, options);
    return Array.from(series, (y) => ema.update(y));
  }
}
