/**
 * ExponentialLR: decay by γ every epoch.
 *
 *   lr_t = lr₀ · γᵗ
 *
 * When to use: a smooth decay without choosing milestones (the tutorial's ExponentialLR(0.95)).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, readOptions } from './options';

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** Multiplicative factor γ per epoch (required). */
  gamma: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Multiplies every group's lr by `gamma` each epoch.
 *
 * @example
 * const s = new ExponentialLR(opt, { gamma: 0.95 }); // 0.1, 0.095, 0.09025, …
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    const { gamma, lastEpoch = -1 } = readOptions('ExponentialLR', optimizer, options, ['gamma', 'lastEpoch']);
    checkGamma(gamma);
    super(optimizer, lastEpoch);
    this.gamma = gamma;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    checkGamma(fields.gamma);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** this.lastEpoch);
  }
}

/** The constructor's check (also run on a loaded state dict). */
function checkGamma(gamma: unknown): asserts gamma is number {
  checkNumber('ExponentialLR', 'gamma', gamma, (g) => g > 0, 'positive');
}
