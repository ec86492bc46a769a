/**
 * MultiplicativeLR: multiply the current lr by a function of the epoch.
 *
 *   lr_t = lr_{t−1} · λ(t)   (t ≥ 1; the lr is left alone at construction)
 *
 * When to use: a decay given as a per-epoch factor (composes with other schedulers' changes).
 */
import { LRScheduler, perGroupFn } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { readOptions } from './options';

/** Options of {@link MultiplicativeLR}. */
export interface MultiplicativeLROptions {
  /** λ(epoch), or one function per group (required). */
  lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[];
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Multiplies each group's lr by `lrLambda(epoch)` every epoch.
 *
 * @example
 * const s = new MultiplicativeLR(opt, { lrLambda: () => 0.95 });
 */
export class MultiplicativeLR extends LRScheduler {
  private readonly lrLambdas: ((epoch: number) => number)[];

  constructor(optimizer: SchedulableOptimizer, options: MultiplicativeLROptions) {
    const { lrLambda, lastEpoch = -1 } = readOptions('MultiplicativeLR', optimizer, options, ['lrLambda', 'lastEpoch']);
    const fns = perGroupFn('MultiplicativeLR', optimizer, lrLambda as MultiplicativeLROptions['lrLambda']);
    super(optimizer, lastEpoch);
    this.lrLambdas = fns;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch <= 0) return this.groupLrs();
    return this.groupLrs().map((lr, i) => lr * (this.lrLambdas[i] as (e: number) => number)(this.lastEpoch));
  }
}
