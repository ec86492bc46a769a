/**
 * ExponentialLR: decay by γ every epoch.
 *
 *   lr_t = lr₀ · γᵗ
 *
 * When to use: a smooth decay without choosing milestones (the tutorial's ExponentialLR(0.95)).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

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

  constructor(optimizer: SchedulableOptimizer, { gamma, lastEpoch = -1 }: ExponentialLROptions) {
    if (!(gamma > 0)) throw new RangeError(`ExponentialLR: gamma must be positive, got ${gamma}`);
    super(optimizer, lastEpoch);
    this.gamma = gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** this.lastEpoch);
  }
}
