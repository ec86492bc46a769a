/**
 * CosineAnnealingWarmRestarts (Loshchilov & Hutter 2017, SGDR).
 *
 *   lr = η_min + (lr₀ − η_min) · (1 + cos(π·T_cur / T_i)) / 2
 *
 * T_cur counts epochs since the last restart; a restart happens when T_cur reaches T_i, and then
 * T_i ← T_i · T_mult. `step(epoch)` accepts fractional epochs (call it per batch with
 * epoch + i/iters).
 * When to use: periodic restarts to escape poor regions, or many short cosine cycles.
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkEpoch, checkNumber, describeValue, readOptions } from './options';

/** Options of {@link CosineAnnealingWarmRestarts}. */
export interface CosineAnnealingWarmRestartsOptions {
  /** Epochs T₀ of the first cycle (required, positive integer). */
  t0: number;
  /** Factor T_mult by which each cycle grows (integer ≥ 1). Default 1. */
  tMult?: number;
  /** Minimum lr η_min. Default 0. */
  etaMin?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Cosine annealing with warm restarts.
 *
 * @example
 * const s = new CosineAnnealingWarmRestarts(opt, { t0: 10, tMult: 2 });
 * for (let e = 0; e < 20; e++) for (let i = 0; i < iters; i++) { train(); s.step(e + i / iters); }
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  t0: number;
  tMult: number;
  etaMin: number;
  tI: number;
  tCur: number;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions) {
    const { t0, tMult = 1, etaMin = 0, lastEpoch = -1 } = readOptions('CosineAnnealingWarmRestarts', optimizer, options, ['t0', 'tMult', 'etaMin', 'lastEpoch']);
    check({ t0, tMult, etaMin });
    super(optimizer, lastEpoch);
    this.t0 = t0 as number;
    this.tMult = tMult;
    this.etaMin = etaMin;
    this.tI = t0 as number;
    this.tCur = lastEpoch;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
    checkNumber('CosineAnnealingWarmRestarts.loadStateDict', 'tI', fields.tI, (t) => t > 0 && Number.isFinite(t), 'positive');
    checkNumber('CosineAnnealingWarmRestarts.loadStateDict', 'tCur', fields.tCur, Number.isFinite, 'a finite number');
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2);
  }

  /** Advances one epoch, or jumps to a (possibly fractional) `epoch`. */
  override step(epoch?: number): void {
    checkEpoch('CosineAnnealingWarmRestarts', epoch);
    let e = epoch;
    if (e === undefined && this.lastEpoch < 0) e = 0;
    if (e === undefined) {
      e = this.lastEpoch + 1;
      this.tCur += 1;
      if (this.tCur >= this.tI) {
        this.tCur -= this.tI;
        this.tI *= this.tMult;
      }
    } else {
      if (e < 0) throw new RangeError(`Expected non-negative epoch, but got ${e}`);
      if (e >= this.t0) {
        if (this.tMult === 1) {
          this.tCur = e % this.t0;
        } else {
          const n = Math.floor(Math.log((e / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
          this.tCur = e - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
          this.tI = this.t0 * this.tMult ** n;
        }
      } else {
        this.tI = this.t0;
        this.tCur = e;
      }
    }
    this.stepCount++;
    this.lastEpoch = Math.floor(e);
    const values = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = values[i] as number));
    this.lastLr = this.groupLrs();
  }
}

/** The constructor's checks (also run on a loaded state dict), in PyTorch's words. */
function check({ t0, tMult, etaMin }: { t0?: unknown; tMult?: unknown; etaMin?: unknown }): void {
  if (!Number.isInteger(t0) || (t0 as number) <= 0) throw new RangeError(`Expected positive integer T_0, but got ${describeValue(t0)}`);
  if (!Number.isInteger(tMult) || (tMult as number) < 1) throw new RangeError(`Expected integer T_mult >= 1, but got ${describeValue(tMult)}`);
  checkNumber('CosineAnnealingWarmRestarts', 'etaMin', etaMin, Number.isFinite, 'a finite number');
}
