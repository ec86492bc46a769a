/**
 * StepLR: decay by γ every `stepSize` epochs.
 *
 *   lr_t = lr₀ · γ^⌊t / stepSize⌋
 *
 * When to use: simple piecewise-constant decay at a fixed period (the tutorial's StepLR(50, 0.5)).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, integerFrom, readOptions } from './options';

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** Epochs between decays (required, positive). */
  stepSize: number;
  /** Multiplicative factor γ. Default 0.1. */
  gamma?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Decays every group's lr by `gamma` every `stepSize` epochs.
 *
 * @example
 * // lr = 0.1 for epochs 0–49, 0.05 for 50–99, 0.025 for 100–149, …
 * const s = new StepLR(opt, { stepSize: 50, gamma: 0.5 });
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    const { stepSize, gamma = 0.1, lastEpoch = -1 } = readOptions('StepLR', optimizer, options, ['stepSize', 'gamma', 'lastEpoch']);
    check({ stepSize, gamma });
    super(optimizer, lastEpoch);
    this.stepSize = stepSize as number;
    this.gamma = gamma;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/** The constructor's checks (also run on a loaded state dict). */
function check({ stepSize, gamma }: { stepSize?: unknown; gamma?: unknown }): void {
  checkNumber('StepLR', 'stepSize', stepSize, integerFrom(1), 'a positive integer');
  checkNumber('StepLR', 'gamma', gamma, (g) => g > 0, 'positive');
}
