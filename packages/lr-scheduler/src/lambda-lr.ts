/**
 * LambdaLR: lr₀ times a function of the epoch.
 *
 *   lr_t = lr₀ · λ(t)
 *
 * Not chainable: it rewrites lr₀·λ(t) every step, overriding other schedulers' factors.
 * When to use: any schedule you can write as a formula of the epoch (e.g. λ(t) = 1/(1 + k·t)).
 */
import { LRScheduler, perGroupFn } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { readOptions } from './options';

/** Options of {@link LambdaLR}. */
export interface LambdaLROptions {
  /** λ(epoch), or one function per group (required). */
  lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[];
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Sets each group's lr to its initial lr times `lrLambda(epoch)`.
 *
 * @example
 * const s = new LambdaLR(opt, { lrLambda: (epoch) => 0.95 ** epoch });
 */
export class LambdaLR extends LRScheduler {
  private readonly lrLambdas: ((epoch: number) => number)[];

  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    const { lrLambda, lastEpoch = -1 } = readOptions('LambdaLR', optimizer, options, ['lrLambda', 'lastEpoch']);
    const fns = perGroupFn('LambdaLR', optimizer, lrLambda as LambdaLROptions['lrLambda']);
    super(optimizer, lastEpoch);
    this.lrLambdas = fns;
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((base, i) => base * (this.lrLambdas[i] as (e: number) => number)(this.lastEpoch));
  }
}
