/**
 * SequentialLR: run one scheduler until the first milestone, the next until the second, and so on.
 *
 *   at construction: every group's lr ← initialLr, the children's construction steps are undone and
 *   the first child's redone; at milestone m_k: child k+1 `step(0)` (its closed form at epoch 0 from
 *   the initial lrs, where it has one); otherwise the active child steps.
 *
 * When to use: phases in time, typically warm-up then decay (LinearLR for 5 epochs, then cosine):
 *
 * @example
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 * const decay = new CosineAnnealingLR(opt, { tMax: 95 });
 * const s = new SequentialLR(opt, { schedulers: [warmup, decay], milestones: [5] });
 */
import { LRScheduler, loadComposite, saveComposite } from './lr-scheduler';
import { checkNumber, describeValue, integerFrom, readOptions } from './options';
import type { SchedulableOptimizer, Scheduler, SchedulerStateDict } from './lr-scheduler';

/** Options of {@link SequentialLR}. */
export interface SequentialLROptions {
  /** The schedulers, in order (all on this optimizer). */
  schedulers: LRScheduler[];
  /** Epochs at which the next scheduler takes over (one fewer than schedulers). */
  milestones: number[];
  /** Index of the last epoch. Default −1. */
  lastEpoch?: number;
}

/**
 * Chains schedulers in time.
 */
export class SequentialLR implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  lastEpoch: number;
  milestones: number[];
  private readonly schedulers: LRScheduler[];
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const { schedulers, milestones, lastEpoch = -1 } = readOptions('SequentialLR', optimizer, options, ['schedulers', 'milestones', 'lastEpoch']);
    if (!Array.isArray(schedulers) || schedulers.length === 0 || schedulers.some((s: unknown) => !(s instanceof LRScheduler)))
      throw new TypeError(`SequentialLR: schedulers must be a non-empty array of epoch schedulers (LRScheduler), got ${describeValue(schedulers)}`);
    if (!Array.isArray(milestones) || milestones.some((m: unknown, i) => !Number.isInteger(m) || (i > 0 && (m as number) < (milestones[i - 1] as number))))
      throw new TypeError(`SequentialLR: milestones must be a list of increasing integers, got ${describeValue(milestones)}`);
    checkNumber('SequentialLR', 'lastEpoch', lastEpoch, integerFrom(-1), 'an integer >= -1');
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new RangeError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new RangeError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    this.optimizer = optimizer;
    this.schedulers = schedulers;
    this.milestones = [...milestones];
    this.lastEpoch = lastEpoch + 1;
    for (const g of optimizer.paramGroups) g.lr = g.initialLr as number;
    for (const s of schedulers) s.lastEpoch -= 1;
    const first = schedulers[0] as LRScheduler;
    // The first child's construction step again (PyTorch's _initial_step).
    first.stepCount = 0;
    first.step();
    this.lastLr = first.getLastLr();
  }

  /** Advances one epoch through the active child. */
  step(...args: never[]): void {
    if (args.some((a) => a !== undefined)) throw new TypeError(`SequentialLR.step takes no arguments, got ${describeValue(args)}`);
    this.lastEpoch += 1;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;
    const scheduler = this.schedulers[idx] as LRScheduler;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
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
