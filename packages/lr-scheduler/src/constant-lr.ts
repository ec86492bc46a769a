/**
 * ConstantLR: multiply by a constant factor until `totalIters`, then restore.
 *
 *   lr_t = lr₀ · factor   for t < totalIters,   lr₀ afterwards
 *
 * When to use: a short, flat warm-up (usually inside SequentialLR or ChainedScheduler).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, describeValue, integerFrom, readOptions } from './options';

/** Options of {@link ConstantLR}. */
export interface ConstantLROptions {
  /** Factor in (0, 1]. Default 1/3. */
  factor?: number;
  /** Epochs at the reduced lr. Default 5. */
  totalIters?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Scales every group's lr by `factor` for the first `totalIters` epochs.
 *
 * @example
 * const s = new ConstantLR(opt, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;

  constructor(optimizer: SchedulableOptimizer, options: ConstantLROptions = {}) {
    const { factor = 1 / 3, totalIters = 5, lastEpoch = -1 } = readOptions('ConstantLR', optimizer, options, ['factor', 'totalIters', 'lastEpoch']);
    check({ factor, totalIters });
    super(optimizer, lastEpoch);
    this.factor = factor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs().map((lr) => lr * this.factor);
    if (this.lastEpoch < this.totalIters || this.lastEpoch !== this.totalIters) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * (1 / this.factor));
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * (this.factor + (this.lastEpoch >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
}

/** The constructor's checks (also run on a loaded state dict). */
function check({ factor, totalIters }: { factor?: unknown; totalIters?: unknown }): void {
  if (typeof factor !== 'number') throw new TypeError(`ConstantLR: factor must be a number, got ${describeValue(factor)}`);
  if (!(factor >= 0 && factor <= 1)) throw new RangeError(`Constant multiplicative factor expected to be between 0 and 1. Got ${describeValue(factor)}`);
  // PyTorch accepts 0, then fails dividing by it at totalIters (here it would be a silent NaN).
  if (factor === 0) throw new RangeError('ConstantLR: factor must be greater than 0 (the lr is divided by it at totalIters), got 0');
  checkNumber('ConstantLR', 'totalIters', totalIters, integerFrom(0), 'a non-negative integer');
}
