/**
 * PolynomialLR: decay to zero over `totalIters` epochs along a polynomial.
 *
 *   lr_t = lr₀ · (1 − min(t, T)/T)^power
 *
 * When to use: a fixed budget that should end at lr 0 (power 1 is a linear decay).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, integerFrom, readOptions } from './options';

/** Options of {@link PolynomialLR}. */
export interface PolynomialLROptions {
  /** Epochs T until the lr reaches 0. Default 5. */
  totalIters?: number;
  /** Power of the polynomial. Default 1. */
  power?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Decays every group's lr polynomially to zero.
 *
 * @example
 * const s = new PolynomialLR(opt, { totalIters: 100, power: 2 });
 */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;

  constructor(optimizer: SchedulableOptimizer, options: PolynomialLROptions = {}) {
    const { totalIters = 5, power = 1, lastEpoch = -1 } = readOptions('PolynomialLR', optimizer, options, ['totalIters', 'power', 'lastEpoch']);
    check({ totalIters, power });
    super(optimizer, lastEpoch);
    this.totalIters = totalIters;
    this.power = power;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return this.groupLrs();
    const factor = ((1 - this.lastEpoch / this.totalIters) / (1 - (this.lastEpoch - 1) / this.totalIters)) ** this.power;
    return this.groupLrs().map((lr) => lr * factor);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }
}

/** The constructor's checks (also run on a loaded state dict). */
function check({ totalIters, power }: { totalIters?: unknown; power?: unknown }): void {
  // PyTorch does not check; both its forms divide by totalIters.
  checkNumber('PolynomialLR', 'totalIters', totalIters, integerFrom(1), 'a positive integer');
  checkNumber('PolynomialLR', 'power', power, Number.isFinite, 'a finite number');
}
