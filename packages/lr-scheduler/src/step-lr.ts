/**
 * StepLR: decay by γ every `stepSize` epochs.
 *
 *   lr_t = lr₀ · γ^⌊t / stepSize⌋
 *
 * When to use: simple piecewise-constant decay at a fixed period (the tutorial's StepLR(50, 0.5)).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

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

  constructor(optimizer: SchedulableOptimizer, { stepSize, gamma = 0.1, lastEpoch = -1 }: StepLROptions) {
    if (!Number.isInteger(stepSize) || stepSize <= 0) throw new RangeError(`StepLR: stepSize must be a positive integer, got ${stepSize}`);
    if (!(gamma > 0)) throw new RangeError(`StepLR: gamma must be positive, got ${gamma}`);
    super(optimizer, lastEpoch);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
