/**
 * ChainedScheduler: step several schedulers together, so their factors multiply.
 *
 *   every step: each child steps in order (each child's chainable rule sees the lr the previous
 *   child wrote)
 *
 * When to use: apply several factors at once, e.g. a ConstantLR warm-up on top of ExponentialLR.
 */
import { loadComposite, saveComposite } from './lr-scheduler';
import { describeValue, isRecord } from './options';
import type { SchedulableOptimizer, Scheduler, SchedulerStateDict } from './lr-scheduler';

/**
 * Steps all its schedulers at once.
 *
 * @example
 * const s = new ChainedScheduler([new ConstantLR(opt, { factor: 0.1, totalIters: 2 }), new ExponentialLR(opt, { gamma: 0.9 })]);
 */
export class ChainedScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  lastEpoch = 0;
  private readonly schedulers: Scheduler[];
  private lastLr: number[];

  constructor(schedulers: Scheduler[]) {
    if (!Array.isArray(schedulers) || schedulers.some((s: unknown) => !isRecord(s) || typeof s.step !== 'function' || !('optimizer' in s)))
      throw new TypeError(`ChainedScheduler: schedulers must be an array of schedulers, got ${describeValue(schedulers)}`);
    const first = schedulers[0];
    if (first === undefined) throw new RangeError('ChainedScheduler expects at least one scheduler');
    schedulers.forEach((s, i) => {
      if (s.optimizer !== first.optimizer) {
        throw new RangeError(`ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`);
      }
    });
    this.schedulers = [...schedulers];
    this.optimizer = first.optimizer;
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Steps every child. */
  step(...args: never[]): void {
    if (args.some((a) => a !== undefined)) throw new TypeError(`ChainedScheduler.step takes no arguments, got ${describeValue(args)}`);
    for (const s of this.schedulers) (s.step)();
    this.lastEpoch += 1;
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The lrs after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Its own fields plus each child's state dict, under `schedulers`. */
  stateDict(): SchedulerStateDict {
    return saveComposite(this, this.schedulers);
  }

  /** Restores a state from `stateDict()`, children included. */
  loadStateDict(sd: SchedulerStateDict): void {
    loadComposite(this, this.schedulers, sd);
  }
}
