/**
 * CosineAnnealingLR (Loshchilov & Hutter 2017, SGDR without restarts).
 *
 *   lr_t = η_min + (lr₀ − η_min) · (1 + cos(π·t / T_max)) / 2
 *
 * computed, as in PyTorch, by its chainable recurrence from the current lr. It is SGDR without the
 * restarts (those are CosineAnnealingWarmRestarts): past T_max it follows the cosine back up
 * (period 2·T_max), so set T_max to the whole budget.
 * When to use: a smooth anneal to η_min over a fixed budget, often after a warm-up.
 */
import { LRScheduler, pyMod } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, readOptions } from './options';

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Half-period T_max in epochs (required, positive). */
  tMax: number;
  /** Minimum lr η_min. Default 0. */
  etaMin?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Anneals every group's lr along a cosine from lr₀ to `etaMin` in `tMax` epochs.
 *
 * @example
 * const s = new CosineAnnealingLR(opt, { tMax: 100, etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  tMax: number;
  etaMin: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    const { tMax, etaMin = 0, lastEpoch = -1 } = readOptions('CosineAnnealingLR', optimizer, options, ['tMax', 'etaMin', 'lastEpoch']);
    check({ tMax, etaMin });
    super(optimizer, lastEpoch);
    this.tMax = tMax as number;
    this.etaMin = etaMin;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    const { lastEpoch: t, tMax, etaMin } = this;
    const lrs = this.groupLrs();
    if (t === 0) return lrs;
    if (this.stepCount === 1 && t > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((t * Math.PI) / tMax))) / 2);
    }
    if (pyMod(t - 1 - tMax, 2 * tMax) === 0) {
      return lrs.map((lr, i) => lr + (((this.baseLrs[i] as number) - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    }
    return lrs.map(
      (lr) => ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) * (lr - etaMin) + etaMin,
    );
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2);
  }
}

/** The constructor's checks (also run on a loaded state dict). */
function check({ tMax, etaMin }: { tMax?: unknown; etaMin?: unknown }): void {
  checkNumber('CosineAnnealingLR', 'tMax', tMax, (t) => t > 0 && Number.isFinite(t), 'positive');
  checkNumber('CosineAnnealingLR', 'etaMin', etaMin, Number.isFinite, 'a finite number');
}
