/**
 * LinearLR: change the lr linearly from startFactor·lr₀ to endFactor·lr₀ over `totalIters` epochs.
 *
 *   lr_t = lr₀ · (s + (e − s) · min(t, T) / T)
 *
 * When to use: linear warm-up (then hand over to a decay in SequentialLR), or a linear decay.
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, describeValue, integerFrom, readOptions } from './options';

/** Options of {@link LinearLR}. */
export interface LinearLROptions {
  /** Factor s at epoch 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor e at the end, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Epochs T of the ramp. Default 5. */
  totalIters?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Ramps every group's lr linearly.
 *
 * @example
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;

  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    const { startFactor = 1 / 3, endFactor = 1, totalIters = 5, lastEpoch = -1 } = readOptions('LinearLR', optimizer, options, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch']);
    check({ startFactor, endFactor, totalIters });
    super(optimizer, lastEpoch);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs().map((lr) => lr * this.startFactor);
    if (this.lastEpoch > this.totalIters) return this.groupLrs();
    const delta = this.endFactor - this.startFactor;
    const factor = 1 + delta / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * delta);
    return this.groupLrs().map((lr) => lr * factor);
  }

  protected override closedFormLr(): number[] {
    const progress = Math.min(this.totalIters, this.lastEpoch) / this.totalIters;
    return this.baseLrs.map((lr) => lr * (this.startFactor + (this.endFactor - this.startFactor) * progress));
  }
}

/** The constructor's checks (also run on a loaded state dict): PyTorch's words, with the value. */
function check({ startFactor, endFactor, totalIters }: { startFactor?: unknown; endFactor?: unknown; totalIters?: unknown }): void {
  if (typeof startFactor !== 'number') throw new TypeError(`LinearLR: startFactor must be a number, got ${describeValue(startFactor)}`);
  if (!(startFactor > 0 && startFactor <= 1)) {
    throw new RangeError(`Starting multiplicative factor expected to be greater than 0 and less or equal to 1. Got ${describeValue(startFactor)}`);
  }
  if (typeof endFactor !== 'number') throw new TypeError(`LinearLR: endFactor must be a number, got ${describeValue(endFactor)}`);
  if (!(endFactor >= 0 && endFactor <= 1)) throw new RangeError(`Ending multiplicative factor expected to be between 0 and 1. Got ${describeValue(endFactor)}`);
  // PyTorch does not check; its closed form divides by totalIters.
  checkNumber('LinearLR', 'totalIters', totalIters, integerFrom(1), 'a positive integer');
}
