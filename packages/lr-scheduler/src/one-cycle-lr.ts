/**
 * OneCycleLR (Smith & Topin 2018, https://arxiv.org/abs/1708.07120): one cycle from
 * maxLr/divFactor up to maxLr and down to maxLr/(divFactor·finalDivFactor), with the momentum (or
 * Adam's β₁) cycling the other way.
 *
 *   two phases:   [0, pct·N − 1]  initialLr → maxLr,      momentum maxMomentum → baseMomentum
 *                 [.., N − 1]     maxLr → minLr,          momentum baseMomentum → maxMomentum
 *   three phases: up, back down to initialLr (symmetric), then annihilate to minLr
 *   within a phase: anneal(start, end, pct), cos: end + (start − end)/2·(1 + cos(π·pct)),
 *                   linear: start + (end − start)·pct
 *
 * Accepts exactly `totalSteps` calls to `step()`; one more throws.
 * When to use: super-convergence on a fixed step budget; step it per batch.
 */
import { LRScheduler, perGroup } from './lr-scheduler';
import { checkBoolean, checkEpoch, checkNumber, describeValue, integerFrom, readOptions } from './options';
import type { SchedulableOptimizer, SchedulableParamGroup } from './lr-scheduler';

/** Options of {@link OneCycleLR}. */
export interface OneCycleLROptions {
  /** Peak lr (per group or shared; required). */
  maxLr: number | number[];
  /** Total steps (positive integer); or give epochs and stepsPerEpoch. */
  totalSteps?: number;
  /** Epochs, with stepsPerEpoch, when totalSteps is not given (totalSteps = epochs · stepsPerEpoch). */
  epochs?: number;
  /** Steps (batches) per epoch, with epochs. */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent rising. Default 0.3. */
  pctStart?: number;
  /** 'cos' (default) or 'linear'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or β₁). Default true. */
  cycleMomentum?: boolean;
  /** Momentum (or β₁) at the lr's peak, per group or shared. Default 0.85. */
  baseMomentum?: number | number[];
  /** Momentum (or β₁) at the start and end, per group or shared. Default 0.95. */
  maxMomentum?: number | number[];
  /** initialLr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** minLr = initialLr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Use three phases. Default false. */
  threePhase?: boolean;
  /** Index of the last step when resuming. Default −1. */
  lastEpoch?: number;
}

interface Phase {
  endStep: number;
  startLr: 'initialLr' | 'maxLr' | 'minLr';
  endLr: 'initialLr' | 'maxLr' | 'minLr';
  startMomentum: 'maxMomentum' | 'baseMomentum';
  endMomentum: 'maxMomentum' | 'baseMomentum';
}

const positiveInteger = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v > 0;

/**
 * The one-cycle policy.
 *
 * @example
 * const s = new OneCycleLR(opt, { maxLr: 0.1, epochs: 10, stepsPerEpoch: loader.length });
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  phases: Phase[];
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    readOptions('OneCycleLR', optimizer, options, ['maxLr', 'totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'lastEpoch']);
    const { pctStart = 0.3, annealStrategy = 'cos', cycleMomentum = true, divFactor = 25, finalDivFactor = 1e4, threePhase = false, lastEpoch = -1 } = options;
    let totalSteps: number;
    if (options.totalSteps === undefined && options.epochs === undefined && options.stepsPerEpoch === undefined) {
      throw new RangeError('You must define either total_steps OR (epochs AND steps_per_epoch)');
    } else if (options.totalSteps !== undefined) {
      if (!positiveInteger(options.totalSteps)) throw new RangeError(`Expected positive integer total_steps, but got ${String(options.totalSteps)}`);
      totalSteps = options.totalSteps;
    } else {
      if (!positiveInteger(options.epochs)) throw new RangeError(`Expected positive integer epochs, but got ${options.epochs}`);
      if (!positiveInteger(options.stepsPerEpoch)) throw new RangeError(`Expected positive integer steps_per_epoch, but got ${options.stepsPerEpoch}`);
      totalSteps = options.epochs * options.stepsPerEpoch;
    }
    if (typeof pctStart !== 'number' || !(pctStart >= 0 && pctStart <= 1)) throw new RangeError(`Expected float between 0 and 1 pct_start, but got ${describeValue(pctStart)}`);
    checkNumber('OneCycleLR', 'divFactor', divFactor, (d) => d > 0 && Number.isFinite(d), 'positive');
    checkNumber('OneCycleLR', 'finalDivFactor', finalDivFactor, (d) => d > 0 && Number.isFinite(d), 'positive');
    checkBoolean('OneCycleLR', 'cycleMomentum', cycleMomentum);
    checkBoolean('OneCycleLR', 'threePhase', threePhase);
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new RangeError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${String(annealStrategy)}`);
    }
    const maxLrs = perGroup('max_lr', optimizer, options.maxLr);
    const defaults = (optimizer.defaults ?? {}) as Record<string, unknown>;
    const first = optimizer.paramGroups[0] as SchedulableParamGroup;
    const useBeta1 = 'betas' in defaults || (first.betas !== undefined && first.momentum === undefined);
    if (cycleMomentum && !('momentum' in defaults) && !useBeta1 && first.momentum === undefined) {
      throw new TypeError('optimizer must support momentum with `cycle_momentum` option enabled');
    }
    const maxMomentums = cycleMomentum ? perGroup('max_momentum', optimizer, options.maxMomentum ?? 0.95) : [];
    const baseMomentums = cycleMomentum ? perGroup('base_momentum', optimizer, options.baseMomentum ?? 0.85) : [];
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((g, i) => {
        g.initialLr = (maxLrs[i] as number) / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = g.initialLr / finalDivFactor;
        if (cycleMomentum) {
          if (useBeta1) g.betas = [maxMomentums[i] as number, (g.betas as [number, number])[1]];
          else g.momentum = maxMomentums[i];
          g.maxMomentum = maxMomentums[i];
          g.baseMomentum = baseMomentums[i];
        }
      });
    }
    super(optimizer, lastEpoch);
    this.totalSteps = totalSteps;
    this.phases = threePhase
      ? [
          { endStep: pctStart * totalSteps - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pctStart * totalSteps - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: totalSteps - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: pctStart * totalSteps - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: totalSteps - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = useBeta1;
    this.initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'linear') return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  protected getLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new RangeError(`Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    return this.optimizer.paramGroups.map((g) => {
      let startStep = 0;
      let lr = g.lr;
      for (let i = 0; i < this.phases.length; i++) {
        const phase = this.phases[i] as Phase;
        if (stepNum <= phase.endStep || i === this.phases.length - 1) {
          const pct = (stepNum - startStep) / (phase.endStep - startStep);
          lr = this.anneal(g[phase.startLr] as number, g[phase.endLr] as number, pct);
          if (this.cycleMomentum) {
            const m = this.anneal(g[phase.startMomentum] as number, g[phase.endMomentum] as number, pct);
            if (this.useBeta1) g.betas = [m, (g.betas as [number, number])[1]];
            else g.momentum = m;
          }
          break;
        }
        startStep = phase.endStep;
      }
      return lr;
    });
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    checkNumber('OneCycleLR.loadStateDict', 'totalSteps', fields.totalSteps, integerFrom(1), 'a positive integer');
    if (fields.annealStrategy !== 'cos' && fields.annealStrategy !== 'linear')
      throw new RangeError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${describeValue(fields.annealStrategy)}`);
  }

  /** Advances one step; a step past `totalSteps` throws and changes nothing. */
  override step(epoch?: number): void {
    checkEpoch('OneCycleLR', epoch);
    const next = epoch ?? this.lastEpoch + 1;
    if (next > this.totalSteps) {
      throw new RangeError(`Tried to step ${next + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    super.step(epoch);
  }
}
