/**
 * MultiStepLR: decay by γ at each milestone (by γᵏ at a milestone listed k times).
 *
 *   lr_t = lr₀ · γ^(number of milestones ≤ t)
 *
 * When to use: decay at chosen, unevenly spaced epochs (the tutorial's milestones [50, 125, 160]).
 */
import { LRScheduler } from './lr-scheduler';
import type { SchedulableOptimizer } from './lr-scheduler';
import { checkNumber, describeValue, readOptions } from './options';

/** Options of {@link MultiStepLR}. */
export interface MultiStepLROptions {
  /** Increasing epoch indices (required). */
  milestones: number[];
  /** Multiplicative factor γ. Default 0.1. */
  gamma?: number;
  /** Index of the last epoch when resuming. Default −1. */
  lastEpoch?: number;
}

/**
 * Decays every group's lr by `gamma` at each milestone.
 *
 * @example
 * const s = new MultiStepLR(opt, { milestones: [50, 125, 160], gamma: 0.5 });
 */
export class MultiStepLR extends LRScheduler {
  milestones: number[];
  gamma: number;

  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    const { milestones, gamma = 0.1, lastEpoch = -1 } = readOptions('MultiStepLR', optimizer, options, ['milestones', 'gamma', 'lastEpoch']);
    check({ milestones, gamma });
    super(optimizer, lastEpoch);
    this.milestones = [...(milestones as number[])];
    this.gamma = gamma;
    this.initialStep();
  }

  protected override checkFields(fields: Record<string, unknown>): void {
    check(fields);
  }

  protected getLr(): number[] {
    const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
    if (hits === 0) return this.groupLrs();
    return this.groupLrs().map((lr) => lr * this.gamma ** hits);
  }

  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((lr) => lr * this.gamma ** passed);
  }
}

/** The constructor's checks (also run on a loaded state dict). */
function check({ milestones, gamma }: { milestones?: unknown; gamma?: unknown }): void {
  if (!Array.isArray(milestones) || milestones.some((m: unknown, i) => !Number.isInteger(m) || (i > 0 && (m as number) < (milestones[i - 1] as number)))) {
    throw new RangeError(`Milestones should be a list of increasing integers. Got ${describeValue(milestones)}`);
  }
  checkNumber('MultiStepLR', 'gamma', gamma, (g) => g > 0, 'positive');
}
