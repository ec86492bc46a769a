/**
 * SWALR: anneals each group's learning rate to `swaLr`, then holds it (torch.optim.swa_utils.SWALR).
 *
 *   α(t) = (1 − cos(π·t))/2 ('cos') or t ('linear'),  t = clamp(s/annealEpochs, 0, 1)
 *   s = number of steps since construction (the construction step is s = 0; s ≥ 1 when annealEpochs = 0)
 *   PyTorch's chainable form, which this follows: recover the lr the anneal started from out of the
 *   group's current lr and the previous α, then mix again:
 *     lr₀ = swaLr if α(t_prev) = 1, else (lr − α(t_prev)·swaLr)/(1 − α(t_prev))
 *     lr  ← swaLr·α(t) + lr₀·(1 − α(t))
 *   which equals the closed form swaLr·α(t) + lr_initial·(1 − α(t)) while nothing else moves the lr.
 *
 * It follows @descent/lr-scheduler's structural contract (`optimizer`, `lastEpoch`, `step`,
 * `getLastLr`, `stateDict`, `loadStateDict`) without importing it, and needs only
 * `{ paramGroups: [{ lr }] }`. Each group gets `swaLr` (and `initialLr` if missing) as in PyTorch.
 */
import { describeValue, unknownOption } from './options';

/** A parameter group as SWALR sees it. */
export interface SWALRParamGroup {
  lr: number;
  [key: string]: unknown;
}

/** Options of {@link SWALR}. */
export interface SWALROptions {
  /** The learning rate of the averaging phase: one value, or one per group. */
  swaLr: number | number[];
  /** Epochs of the annealing (an integer ≥ 0). Default 10. */
  annealEpochs?: number;
  /** 'cos' or 'linear'. Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
}

/**
 * Anneals the learning rate to a constant for stochastic weight averaging.
 *
 * @example
 * const swaScheduler = new SWALR(optimizer, { swaLr: 0.05, annealEpochs: 5 });
 * swaScheduler.step(); // once per epoch, after optimizer.step()
 */
export class SWALR {
  /** The optimizer whose groups are scheduled. */
  readonly optimizer: { paramGroups: SWALRParamGroup[] };
  /** The index of the last epoch (0 after construction). */
  lastEpoch = -1;
  /** `step()` calls, the construction step included. */
  stepCount = 0;
  annealEpochs: number;
  annealStrategy: 'cos' | 'linear';
  private lastLr: number[] = [];

  constructor(optimizer: { paramGroups: SWALRParamGroup[] }, options: SWALROptions) {
    const known = ['swaLr', 'annealEpochs', 'annealStrategy'];
    const groupsGiven = (optimizer as { paramGroups?: unknown } | null)?.paramGroups;
    if (!Array.isArray(groupsGiven) || !groupsGiven.every((g: unknown) => typeof g === 'object' && g !== null && typeof (g as { lr?: unknown }).lr === 'number'))
      throw new TypeError(`SWALR: optimizer must be an optimizer (an object with paramGroups: an array of { lr, ... }), got ${describeValue(optimizer)}`);
    if (typeof options !== 'object' || options === null || Array.isArray(options))
      throw new TypeError(`SWALR: options must be an object { ${known.join(', ')} }, got ${describeValue(options)}`);
    for (const key of Object.keys(options)) if (!known.includes(key)) throw unknownOption('SWALR', key, known);
    const { swaLr, annealEpochs = 10, annealStrategy = 'cos' } = options;
    const groups = optimizer.paramGroups;
    const lrs = Array.isArray(swaLr) ? swaLr : groups.map(() => swaLr);
    for (const lr of lrs as unknown[]) {
      if (typeof lr !== 'number' || !(Number.isFinite(lr) && lr >= 0))
        throw new TypeError(`SWALR: swaLr must be a finite number >= 0 or a list of one per group, got ${describeValue(swaLr)}`);
    }
    if (lrs.length !== groups.length) {
      throw new RangeError(
        `swa_lr must have the same length as optimizer.param_groups: swa_lr has ${lrs.length}, optimizer.param_groups has ${groups.length}`,
      );
    }
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new RangeError(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${String(annealStrategy)}`,
      );
    }
    if (!Number.isInteger(annealEpochs) || annealEpochs < 0) {
      throw new RangeError(`anneal_epochs must be equal or greater than 0, got ${annealEpochs}`);
    }
    groups.forEach((g, i) => {
      g.swaLr = lrs[i];
      if (g.initialLr === undefined) g.initialLr = g.lr;
    });
    this.optimizer = optimizer;
    this.annealEpochs = annealEpochs;
    this.annealStrategy = annealStrategy;
    this.step(); // PyTorch's construction step (lastEpoch −1 → 0; leaves the lr unless annealEpochs = 0)
  }

  /** Advances one epoch and writes the new learning rates. */
  step(...args: never[]): void {
    if (args.some((x) => x !== undefined)) throw new TypeError(`SWALR.step takes no arguments, got ${describeValue(args)}`);
    this.stepCount++;
    this.lastEpoch++;
    const anneal =
      this.annealStrategy === 'cos'
        ? (t: number): number => (1 - Math.cos(Math.PI * t)) / 2
        : (t: number): number => t;
    let s = this.stepCount - 1;
    if (this.annealEpochs === 0) s = Math.max(1, s);
    const span = Math.max(1, this.annealEpochs);
    const prevAlpha = anneal(Math.max(0, Math.min(1, (s - 1) / span)));
    const alpha = anneal(Math.max(0, Math.min(1, s / span)));
    for (const g of this.optimizer.paramGroups) {
      const swaLr = g.swaLr as number;
      const start = prevAlpha === 1 ? swaLr : (g.lr - prevAlpha * swaLr) / (1 - prevAlpha);
      g.lr = swaLr * alpha + start * (1 - alpha);
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates written by the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The scheduler's fields (not the optimizer). */
  stateDict(): Record<string, unknown> {
    const { lastEpoch, stepCount, annealEpochs, annealStrategy, lastLr } = this;
    return { lastEpoch, stepCount, annealEpochs, annealStrategy, lastLr: [...lastLr] };
  }

  /** Restores fields saved by {@link stateDict}; everything is checked before anything changes. */
  loadStateDict(sd: Record<string, unknown>): void {
    const owner = 'SWALR.loadStateDict';
    if (typeof sd !== 'object' || sd === null || Array.isArray(sd))
      throw new TypeError(`${owner}: expected a state dict from stateDict(), got ${describeValue(sd)}`);
    const merged = { ...this.stateDict(), ...sd };
    const whole = (key: string, min: number): number => {
      const v = merged[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
        throw new TypeError(`${owner}: ${key} must be an integer >= ${min}, got ${describeValue(v)}`);
      return v;
    };
    const lastEpoch = whole('lastEpoch', -1);
    const stepCount = whole('stepCount', 0);
    const annealEpochs = whole('annealEpochs', 0);
    const strategy = merged.annealStrategy;
    if (strategy !== 'cos' && strategy !== 'linear')
      throw new RangeError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${describeValue(strategy)}`);
    const lastLr = merged.lastLr;
    if (!Array.isArray(lastLr) || !lastLr.every((x) => typeof x === 'number' && Number.isFinite(x)))
      throw new TypeError(`${owner}: lastLr must be an array of finite numbers, got ${describeValue(lastLr)}`);
    this.lastEpoch = lastEpoch;
    this.stepCount = stepCount;
    this.annealEpochs = annealEpochs;
    this.annealStrategy = strategy;
    this.lastLr = [...(lastLr as number[])];
  }
}
