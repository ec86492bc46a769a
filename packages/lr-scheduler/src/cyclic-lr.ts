/**
 * CyclicLR (Smith 2017, https://arxiv.org/abs/1506.01186): the lr cycles between baseLr and maxLr,
 * and (optionally) the momentum between maxMomentum and baseMomentum in the opposite direction.
 *
 *   cycle = ⌊1 + t / (up + down)⌋,  x = 1 + t/(up + down) − cycle
 *   s = x / r if x ≤ r else (x − 1)/(r − 1),   r = up / (up + down)
 *   lr = baseLr + (maxLr − baseLr) · s · scale(cycle or t)
 *   momentum = maxMomentum − (maxMomentum − baseMomentum) · s · scale(…)
 *   scale: 'triangular' 1, 'triangular2' 1/2^(cycle−1), 'exp_range' γ^t, or a custom scaleFn
 *
 * When to use: fast convergence with a learning-rate range found by a range test; step it per batch.
 */
import { LRScheduler, perGroup } from './lr-scheduler';
import { checkBoolean, checkNumber, describeValue, readOptions } from './options';
import type { SchedulableOptimizer } from './lr-scheduler';

/** Options of {@link CyclicLR}. */
export interface CyclicLROptions {
  /** Lower lr bound (per group or shared; required). */
  baseLr: number | number[];
  /** Upper lr bound (per group or shared; required). */
  maxLr: number | number[];
  /** Steps of the rising half. Default 2000. */
  stepSizeUp?: number;
  /** Steps of the falling half. Default stepSizeUp. */
  stepSizeDown?: number;
  /** 'triangular' | 'triangular2' | 'exp_range'. Default 'triangular'. */
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  /** γ of 'exp_range'. Default 1. */
  gamma?: number;
  /** A custom amplitude scale (overrides mode). */
  scaleFn?: (x: number) => number;
  /** Whether scaleFn takes the cycle number or the step. Default 'cycle'. */
  scaleMode?: 'cycle' | 'iterations';
  /** Cycle the momentum inversely. Default true. */
  cycleMomentum?: boolean;
  /** Lower momentum bound. Default 0.8. */
  baseMomentum?: number | number[];
  /** Upper momentum bound. Default 0.9. */
  maxMomentum?: number | number[];
  /** Index of the last step when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Cycles the lr (and momentum) between two bounds.
 *
 * @example
 * const s = new CyclicLR(opt, { baseLr: 0.001, maxLr: 0.1, stepSizeUp: 4 }); // s.step() per batch
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: 'cycle' | 'iterations';
  cycleMomentum: boolean;
  baseMomentums: number[];
  maxMomentums: number[];
  private readonly customScale: ((x: number) => number) | null;

  constructor(optimizer: SchedulableOptimizer, options: CyclicLROptions) {
    readOptions('CyclicLR', optimizer, options, ['baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'lastEpoch']);
    const { stepSizeUp = 2000, mode = 'triangular', gamma = 1, scaleFn, cycleMomentum = true, lastEpoch = -1 } = options;
    if (scaleFn !== undefined && typeof scaleFn !== 'function') throw new TypeError(`CyclicLR: scaleFn must be a function, got ${describeValue(scaleFn)}`);
    if (options.scaleMode !== undefined && options.scaleMode !== 'cycle' && options.scaleMode !== 'iterations')
      throw new RangeError(`CyclicLR: scaleMode must be 'cycle' or 'iterations', got ${describeValue(options.scaleMode)}`);
    checkNumber('CyclicLR', 'gamma', gamma, (g) => g > 0 && Number.isFinite(g), 'positive');
    checkBoolean('CyclicLR', 'cycleMomentum', cycleMomentum);
    const baseLrs = perGroup('base_lr', optimizer, options.baseLr);
    const maxLrs = perGroup('max_lr', optimizer, options.maxLr);
    if (!['triangular', 'triangular2', 'exp_range'].includes(mode) && scaleFn === undefined) {
      throw new RangeError('mode is invalid and scale_fn is None');
    }
    const stepSizeDown = options.stepSizeDown ?? stepSizeUp;
    // PyTorch has no check here and fails later dividing by zero (or cycles backwards).
    checkNumber('CyclicLR', 'stepSizeUp', stepSizeUp, (s) => s > 0 && Number.isFinite(s), 'positive');
    checkNumber('CyclicLR', 'stepSizeDown', stepSizeDown, (s) => s >= 0 && Number.isFinite(s), 'non-negative');
    let baseMomentums: number[] = [];
    let maxMomentums: number[] = [];
    if (cycleMomentum) {
      const defaults = (optimizer.defaults ?? {}) as Record<string, unknown>;
      if (!('momentum' in defaults) && optimizer.paramGroups[0]?.momentum === undefined) {
        throw new TypeError('optimizer must support momentum with `cycle_momentum` option enabled');
      }
      baseMomentums = perGroup('base_momentum', optimizer, options.baseMomentum ?? 0.8);
      maxMomentums = perGroup('max_momentum', optimizer, options.maxMomentum ?? 0.9);
    }
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((g, i) => {
        g.lr = baseLrs[i] as number;
        if (cycleMomentum) g.momentum = baseMomentums[i];
      });
    }
    super(optimizer, lastEpoch);
    if (cycleMomentum) this.baseMomentums = optimizer.paramGroups.map((g) => g.momentum as number);
    else this.baseMomentums = [];
    this.maxLrs = maxLrs;
    this.totalSize = stepSizeUp + stepSizeDown;
    this.stepRatio = stepSizeUp / this.totalSize;
    this.mode = mode;
    this.gamma = gamma;
    this.customScale = scaleFn ?? null;
    this.scaleMode = scaleFn ? (options.scaleMode ?? 'cycle') : mode === 'exp_range' ? 'iterations' : 'cycle';
    this.cycleMomentum = cycleMomentum;
    this.maxMomentums = maxMomentums;
    this.initialStep();
    this.baseLrs = baseLrs;
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    const owner = 'CyclicLR.loadStateDict';
    checkNumber(owner, 'totalSize', fields.totalSize, (s) => s > 0 && Number.isFinite(s), 'positive');
    checkNumber(owner, 'stepRatio', fields.stepRatio, (r) => r > 0 && r <= 1, 'in (0, 1]');
    checkNumber(owner, 'gamma', fields.gamma, (g) => g > 0 && Number.isFinite(g), 'positive');
    if (!['triangular', 'triangular2', 'exp_range'].includes(fields.mode as string) && this.customScale === null) throw new RangeError('mode is invalid and scale_fn is None');
    if (fields.scaleMode !== 'cycle' && fields.scaleMode !== 'iterations')
      throw new RangeError(`${owner}: scaleMode must be 'cycle' or 'iterations', got ${describeValue(fields.scaleMode)}`);
  }

  private scale(x: number): number {
    if (this.customScale) return this.customScale(x);
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    if (this.mode === 'exp_range') return this.gamma ** x;
    return 1;
  }

  protected getLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1 + this.lastEpoch / this.totalSize - cycle;
    const factor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scale(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    const lrs = this.baseLrs.map((base, i) => base + ((this.maxLrs[i] as number) - base) * factor * scale);
    if (this.cycleMomentum) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const max = this.maxMomentums[i] as number;
        g.momentum = max - (max - (this.baseMomentums[i] as number)) * factor * scale;
      });
    }
    return lrs;
  }
}
