/**
 * InverseTimeLR: the tutorial's 1/t decay (tf.keras' InverseTimeDecay, per epoch).
 *
 *   lr_t = lr₀ / (1 + decayRate · t / decaySteps)          (staircase: ⌊t / decaySteps⌋)
 *
 * When to use: a slow hyperbolic decay that never stops shrinking the step, as stochastic
 * approximation theory asks (Σ lr = ∞, Σ lr² < ∞ for decayRate > 0).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';

/** Options of {@link InverseTimeLR}. */
export interface InverseTimeLROptions {
  /** Decay rate k (required, ≥ 0). */
  decayRate: number;
  /** Epochs per unit of decay. Default 1. */
  decaySteps?: number;
  /** Decay in whole units of decaySteps. Default false. */
  staircase?: boolean;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * 1/t decay of every group's lr.
 *
 * @example
 * const s = new InverseTimeLR(opt, { decayRate: 0.5 }); // 0.1, 0.0667, 0.05, 0.04, …
 */
export class InverseTimeLR extends LRScheduler {
  decayRate: number;
  decaySteps: number;
  staircase: boolean;

  constructor(optimizer: SchedulableOptimizer, { decayRate, decaySteps = 1, staircase = false, lastEpoch = -1 }: InverseTimeLROptions) {
    if (!(decayRate >= 0)) throw new RangeError(`InverseTimeLR: decayRate must be non-negative, got ${decayRate}`);
    if (!(decaySteps > 0)) throw new RangeError(`InverseTimeLR: decaySteps must be positive, got ${decaySteps}`);
    super(optimizer, lastEpoch);
    this.decayRate = decayRate;
    this.decaySteps = decaySteps;
    this.staircase = staircase;
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.closedFormLr();
  }

  protected override closedFormLr(): number[] {
    const ratio = this.lastEpoch / this.decaySteps;
    const t = this.staircase ? Math.floor(ratio) : ratio;
    return this.baseLrs.map((lr) => lr / (1 + this.decayRate * t));
  }
}
