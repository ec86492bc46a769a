/**
 * Weight averaging, as torch.optim.swa_utils: `AveragedModel` keeps averaged copies of a model's
 * parameters, `SWALR` anneals the learning rate to a constant for the averaging phase.
 *
 *   SWA (mode 'swa'):   θ̄ ← θ̄ + (θ − θ̄)/(n + 1),  n = number of models averaged so far
 *   EMA (mode 'ema'):   θ̄ ← decay·θ̄ + (1 − decay)·θ   (the tutorial's exponentially weighted average,
 *                                                        applied to weights; the first update copies θ)
 *   SWALR:  lr_t = swaLr·α_t + lr_0·(1 − α_t), α_t = t/annealEpochs ('linear') or
 *           (1 − cos(π·t/annealEpochs))/2 ('cos'), for t ≤ annealEpochs, then swaLr.
 */
import type { Tensor } from '@descent/autograd';
import { noGrad } from '@descent/autograd';

/** Anything with parameters (an nn Module, or a plain object). */
export interface HasParameters {
  parameters(): Iterable<Tensor>;
}

/** Options of {@link AveragedModel}. */
export interface AveragedModelOptions {
  /** 'swa' (equal weights, the default) or 'ema'. */
  mode?: 'swa' | 'ema';
  /** EMA decay. Default 0.999. */
  decay?: number;
  /** A custom average: (averaged, current, numAveraged) → new averaged value, element-wise. */
  avgFn?: (averaged: number, current: number, numAveraged: number) => number;
}

/**
 * Averaged copies of a model's parameters.
 *
 * @example
 * const swa = new AveragedModel(model);
 * for (const epoch of epochs) { train(); if (epoch >= swaStart) swa.updateParameters(model); }
 * swa.copyTo(model); // use the averaged weights
 */
export class AveragedModel {
  /** The averaged parameters, in the model's `parameters()` order. */
  readonly averaged: Tensor[];
  /** How many models have been averaged. */
  numAveraged = 0;
  private readonly avg: (averaged: number, current: number, n: number) => number;

  constructor(model: HasParameters, options: AveragedModelOptions = {}) {
    const { mode = 'swa', decay = 0.999 } = options;
    if (!(decay >= 0 && decay <= 1))
      throw new RangeError(`AveragedModel: decay must be in [0, 1], got ${decay}`);
    this.averaged = noGrad(() => [...model.parameters()].map((p) => p.detach().clone()));
    this.avg =
      options.avgFn ??
      (mode === 'ema' ? (a, c) => decay * a + (1 - decay) * c : (a, c, n) => a + (c - a) / (n + 1));
  }

  /** Folds the model's current parameters into the average. */
  updateParameters(model: HasParameters): void {
    const params = [...model.parameters()];
    if (params.length !== this.averaged.length) {
      throw new RangeError(
        `AveragedModel.updateParameters: expected ${this.averaged.length} parameters, got ${params.length}`,
      );
    }
    noGrad(() => {
      params.forEach((p, i) => {
        const target = this.averaged[i] as Tensor;
        if (this.numAveraged === 0) target.copy_(p);
        else {
          const a = target.storage.data;
          const c = p.contiguous().toTypedArray();
          for (let k = 0; k < c.length; k++)
            a[target.offset + k] = this.avg(
              a[target.offset + k] as number,
              c[k] as number,
              this.numAveraged,
            );
        }
      });
    });
    this.numAveraged++;
  }

  /** Writes the averaged values into a model's parameters. */
  copyTo(model: HasParameters): void {
    noGrad(() => [...model.parameters()].forEach((p, i) => p.copy_(this.averaged[i] as Tensor)));
  }
}

/** Options of {@link SWALR}. */
export interface SWALROptions {
  /** The learning rate of the averaging phase (one value, or one per group). */
  swaLr: number | number[];
  /** Epochs of the annealing. Default 10. */
  annealEpochs?: number;
  /** 'cos' (default) or 'linear'. */
  annealStrategy?: 'cos' | 'linear';
}

/**
 * Anneals each group's learning rate from its current value to `swaLr`, then holds it.
 *
 * @example
 * const swaScheduler = new SWALR(optimizer, { swaLr: 0.05, annealEpochs: 5 });
 * swaScheduler.step(); // once per epoch
 */
export class SWALR {
  private readonly optimizer: { paramGroups: { lr: unknown }[] };
  private readonly swaLrs: number[];
  private readonly startLrs: number[];
  private readonly annealEpochs: number;
  private readonly strategy: 'cos' | 'linear';
  /** Steps taken. */
  lastEpoch = 0;

  constructor(optimizer: { paramGroups: { lr: unknown }[] }, options: SWALROptions) {
    const { swaLr, annealEpochs = 10, annealStrategy = 'cos' } = options;
    const groups = optimizer.paramGroups.length;
    const lrs = Array.isArray(swaLr) ? swaLr : new Array<number>(groups).fill(swaLr);
    if (lrs.length !== groups)
      throw new RangeError(
        `swa_lr must have the same length as optimizer.param_groups: swa_lr has ${lrs.length}, optimizer.param_groups has ${groups}`,
      );
    if (!Number.isInteger(annealEpochs) || annealEpochs < 0)
      throw new RangeError(`anneal_epochs must be equal or greater than 0, got ${annealEpochs}`);
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new RangeError(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${String(annealStrategy)}`,
      );
    }
    this.optimizer = optimizer;
    this.swaLrs = lrs;
    this.startLrs = optimizer.paramGroups.map((g) => Number(g.lr));
    this.annealEpochs = annealEpochs;
    this.strategy = annealStrategy;
  }

  /** Advances one epoch and writes the new learning rates. */
  step(): void {
    this.lastEpoch++;
    const t = this.annealEpochs === 0 ? 1 : Math.min(1, this.lastEpoch / this.annealEpochs);
    const alpha = this.strategy === 'linear' ? t : (1 - Math.cos(Math.PI * t)) / 2;
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = (this.swaLrs[i] as number) * alpha + (this.startLrs[i] as number) * (1 - alpha);
    });
  }

  /** The current learning rate of each group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => Number(g.lr));
  }
}
