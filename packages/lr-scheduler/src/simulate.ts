/**
 * Runs a scheduler without training: builds a stand-in optimizer with one group per entry of
 * `lrs`, constructs the scheduler on it, and records every group's lr after construction and after
 * each of `epochs` steps (so `epochs + 1` rows), as the tutorial's plots need.
 */
import type { SchedulableOptimizer, SchedulableParamGroup, Scheduler } from './lr-scheduler';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Number of steps. */
  epochs: number;
  /** Initial lr of each group. Default [0.1]. */
  lrs?: number[];
  /** Momentum of each group (SGD-like stand-in). Default 0.9. */
  momentum?: number;
  /** Give the stand-in Adam-like `betas` instead of `momentum`. */
  betas?: [number, number];
  /** Metrics for ReduceLROnPlateau, one per epoch. */
  metrics?: number[];
}

/** What {@link simulate} returns. */
export interface Simulation {
  /** lrs[e][g]: group g's lr after e steps. */
  lrs: number[][];
  /** momentum (or β₁) per epoch and group. */
  momentum: number[][];
}

/**
 * The per-epoch lr of every group under a scheduler.
 *
 * @example
 * simulate((opt) => new StepLR(opt, { stepSize: 50, gamma: 0.5 }), { epochs: 200 }).lrs.map((r) => r[0]);
 */
export function simulate(factory: (optimizer: SchedulableOptimizer) => Scheduler, options: SimulateOptions): Simulation {
  const { epochs, lrs = [0.1], momentum = 0.9, betas, metrics } = options;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`simulate: epochs must be a non-negative integer, got ${epochs}`);
  if (metrics && metrics.length < epochs) throw new RangeError(`simulate: metrics needs one value per epoch (${epochs}), got ${metrics.length}`);
  const groups: SchedulableParamGroup[] = lrs.map((lr) => (betas ? { lr, betas: [...betas] as [number, number] } : { lr, momentum }));
  const optimizer = { paramGroups: groups, defaults: betas ? { lr: lrs[0], betas } : { lr: lrs[0], momentum } };
  const scheduler = factory(optimizer);
  const read = (): [number[], number[]] => [groups.map((g) => g.lr), groups.map((g) => (betas ? (g.betas as [number, number])[0] : (g.momentum as number)))];
  const out: Simulation = { lrs: [], momentum: [] };
  const record = (): void => {
    const [l, m] = read();
    out.lrs.push(l);
    out.momentum.push(m);
  };
  record();
  for (let e = 0; e < epochs; e++) {
    if (metrics) (scheduler.step as (m: number) => void)(metrics[e] as number);
    else (scheduler.step)();
    record();
  }
  return out;
}
