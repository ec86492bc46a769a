/**
 * ReduceLROnPlateau: multiply the lr by `factor` when a metric has stopped improving for more than
 * `patience` epochs.
 *
 *   better(a, best) = a < best·(1 − θ) ('min', 'rel') | a < best − θ ('min', 'abs')
 *                   | a > best·(1 + θ) ('max', 'rel') | a > best + θ ('max', 'abs')
 *   after more than `patience` bad epochs: lr ← max(lr·factor, minLr) unless the change is ≤ eps,
 *   then `cooldown` epochs during which bad epochs are not counted.
 *
 * When to use: when a validation metric should decide, not a fixed schedule.
 */
import { loadFields, perGroup, saveFields } from './lr-scheduler';
import { checkEpoch, checkNumber, describeValue, integerFrom, isRecord, readOptions } from './options';
import type { SchedulableOptimizer, Scheduler, SchedulerStateDict } from './lr-scheduler';

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** 'min' (a loss) or 'max' (an accuracy). Default 'min'. */
  mode?: 'min' | 'max';
  /** Factor (< 1) applied to the lr. Default 0.1. */
  factor?: number;
  /** Bad epochs tolerated before reducing. Default 10. */
  patience?: number;
  /** Improvement threshold θ. Default 1e-4. */
  threshold?: number;
  /** 'rel' or 'abs'. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction. Default 0. */
  cooldown?: number;
  /** Lower bound of the lr, per group or shared. Default 0. */
  minLr?: number | number[];
  /** Reductions smaller than this are skipped. Default 1e-8. */
  eps?: number;
}

/** The numeric options' kinds and ranges (PyTorch checks none of them but factor < 1). */
function checkNumbers(o: { factor?: unknown; patience?: unknown; threshold?: unknown; cooldown?: unknown; eps?: unknown }, owner = 'ReduceLROnPlateau'): void {
  checkNumber(owner, 'factor', o.factor, (f) => f >= 0 && f < 1, 'in [0, 1)');
  checkNumber(owner, 'patience', o.patience, integerFrom(0), 'an integer >= 0');
  checkNumber(owner, 'threshold', o.threshold, (t) => t >= 0 && Number.isFinite(t), 'a finite number >= 0');
  checkNumber(owner, 'cooldown', o.cooldown, integerFrom(0), 'an integer >= 0');
  checkNumber(owner, 'eps', o.eps, (e) => e >= 0 && Number.isFinite(e), 'a finite number >= 0');
}

function checkModes(mode: unknown, thresholdMode: unknown): void {
  if (mode !== 'min' && mode !== 'max') throw new RangeError(`mode ${String(mode)} is unknown!`);
  if (thresholdMode !== 'rel' && thresholdMode !== 'abs') throw new RangeError(`threshold mode ${String(thresholdMode)} is unknown!`);
}

/**
 * Reduces every group's lr when `step(metric)` sees no improvement.
 *
 * @example
 * const s = new ReduceLROnPlateau(opt, { patience: 5 });
 * s.step(validationLoss); // once per epoch
 */
export class ReduceLROnPlateau implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  minLrs: number[];
  eps: number;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const { mode = 'min', factor = 0.1, patience = 10, threshold = 1e-4, thresholdMode = 'rel', cooldown = 0, minLr = 0, eps = 1e-8 } = readOptions('ReduceLROnPlateau', optimizer, options, ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps']);
    // PyTorch's checks, in its order (then the kinds and ranges PyTorch leaves unchecked).
    checkNumber('ReduceLROnPlateau', 'factor', factor, Number.isFinite, 'a number < 1.0');
    if (factor >= 1) throw new RangeError('Factor should be < 1.0.');
    if (Array.isArray(minLr) && minLr.length !== optimizer.paramGroups.length) {
      throw new RangeError(`expected ${optimizer.paramGroups.length} min_lrs, got ${minLr.length}`);
    }
    checkModes(mode, thresholdMode);
    checkNumbers({ factor, patience, threshold, cooldown, eps });
    this.optimizer = optimizer;
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLrs = perGroup('min_lr', optimizer, minLr);
    this.eps = eps;
    this.best = mode === 'min' ? Infinity : -Infinity;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  private isBetter(a: number, best: number): boolean {
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === 'rel' ? a > best * (1 + this.threshold) : a > best + this.threshold;
  }

  /** Reports this epoch's metric; `epoch` (deprecated in PyTorch) only sets `lastEpoch`. */
  step(metric: number, epoch?: number): void {
    if (typeof metric !== 'number') throw new TypeError(`ReduceLROnPlateau.step: metric must be a number, got ${describeValue(metric)}`);
    checkEpoch('ReduceLROnPlateau', epoch);
    this.lastEpoch = epoch ?? this.lastEpoch + 1;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const newLr = Math.max(g.lr * this.factor, this.minLrs[i] as number);
        if (g.lr - newLr > this.eps) g.lr = newLr;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The groups' lrs after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Every field but the optimizer (counters, best, options). */
  stateDict(): SchedulerStateDict {
    return saveFields(this);
  }

  /**
   * Restores a state from {@link ReduceLROnPlateau.stateDict} (checking its modes, as PyTorch does).
   * `best: null` is the ±Infinity of a state saved before the first metric and sent through JSON.
   */
  loadStateDict(sd: SchedulerStateDict): void {
    if (!isRecord(sd)) throw new TypeError(`ReduceLROnPlateau.loadStateDict: expected a state dict from stateDict(), got ${describeValue(sd)}`);
    const mode = sd.mode ?? this.mode;
    checkModes(mode, sd.thresholdMode ?? this.thresholdMode);
    loadFields(this, sd.best === null ? { ...sd, best: mode === 'min' ? Infinity : -Infinity } : sd, [], (f) => {
      const owner = 'ReduceLROnPlateau.loadStateDict';
      if ((f.factor as number) >= 1) throw new RangeError('Factor should be < 1.0.');
      checkNumbers(f, owner);
      checkNumber(owner, 'numBadEpochs', f.numBadEpochs, integerFrom(0), 'an integer >= 0');
      checkNumber(owner, 'cooldownCounter', f.cooldownCounter, integerFrom(0), 'an integer >= 0');
      checkNumber(owner, 'lastEpoch', f.lastEpoch, Number.isFinite, 'a finite number');
      const minLrs = f.minLrs as unknown[];
      if (minLrs.length !== this.optimizer.paramGroups.length || !minLrs.every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x)))
        throw new RangeError(`${owner}: minLrs must hold ${this.optimizer.paramGroups.length} finite numbers >= 0, got ${describeValue(minLrs)}`);
    });
  }
}
