/**
 * InverseTimeLR: the tutorial's 1/t decay (tf.keras' InverseTimeDecay, per epoch).
 *
 *   lr_t = lr₀ / (1 + decayRate · τ(t)),   τ(t) = t / decaySteps  (staircase: ⌊t / decaySteps⌋)
 *
 * computed like PyTorch's chainable schedulers, from the current lr:
 * lr_t = lr_{t−1} · (1 + decayRate·τ(t−1)) / (1 + decayRate·τ(t)), so it composes with a warm-up in
 * ChainedScheduler; `step(epoch)` uses the closed form.
 * When to use: slow 1/t decay, the classic SGD convergence schedule (Σ lr = ∞, Σ lr² < ∞).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkBoolean, checkNumber, readOptions } from './options';

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

  constructor(optimizer: SchedulableOptimizer, options: InverseTimeLROptions) {
    const { decayRate, decaySteps = 1, staircase = false, lastEpoch = -1 } = readOptions('InverseTimeLR', optimizer, options, ['decayRate', 'decaySteps', 'staircase', 'lastEpoch']);
    check({ decayRate, decaySteps, staircase });
    super(optimizer, lastEpoch);
    this.decayRate = decayRate as number;
    this.decaySteps = decaySteps;
    this.staircase = staircase;
    this.initialStep();
  }

  /** 1 + decayRate · τ(epoch). */
  private denominator(epoch: number): number {
    const ratio = epoch / this.decaySteps;
    return 1 + this.decayRate * (this.staircase ? Math.floor(ratio) : ratio);
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groupLrs();
    const factor = this.denominator(this.lastEpoch - 1) / this.denominator(this.lastEpoch);
    return this.groupLrs().map((lr) => lr * factor);
  }

  protected override closedFormLr(): number[] {
    const denominator = this.denominator(this.lastEpoch);
    return this.baseLrs.map((lr) => lr / denominator);
  }
}

/** The constructor's checks (also run on a loaded state dict). */
function check({ decayRate, decaySteps, staircase }: { decayRate?: unknown; decaySteps?: unknown; staircase?: unknown }): void {
  checkNumber('InverseTimeLR', 'decayRate', decayRate, (r) => r >= 0 && Number.isFinite(r), 'non-negative');
  checkNumber('InverseTimeLR', 'decaySteps', decaySteps, (d) => d > 0 && Number.isFinite(d), 'positive');
  checkBoolean('InverseTimeLR', 'staircase', staircase);
}
