/**
 * Builds the schedulers that the PyTorch references describe (fixtures' schedulers.json and this
 * folder's references.json share one format): a stand-in optimizer, then the scheduler tree.
 */
import type { SchedulerSpec } from '@descent/fixtures';
import * as S from '../src/index';
import type { LRScheduler, SchedulableOptimizer, SchedulableParamGroup, Scheduler } from '../src/index';

/** The optimizer part of a reference case. */
export interface OptimizerSpec {
  kind: 'SGD' | 'Adam';
  lrs: number[];
  momentum?: number;
  betas?: [number, number];
}

/** A stand-in optimizer: schedulers touch only paramGroups (and defaults, to detect momentum/betas). */
export function fakeOptimizer(spec: OptimizerSpec, groups?: Record<string, unknown>[]): SchedulableOptimizer & { step(): void } {
  const betas = spec.betas ?? [0.9, 0.999];
  const paramGroups: SchedulableParamGroup[] = spec.lrs.map((lr) =>
    spec.kind === 'Adam' ? { lr, betas: [...betas] as [number, number] } : { lr, momentum: spec.momentum ?? 0 },
  );
  // What an optimizer's loadStateDict restores: every saved key of every group.
  groups?.forEach((g, i) => Object.assign(paramGroups[i] as SchedulableParamGroup, structuredClone(g)));
  const defaults = spec.kind === 'Adam' ? { lr: spec.lrs[0], betas } : { lr: spec.lrs[0], momentum: spec.momentum ?? 0 };
  return { paramGroups, defaults, step: () => undefined };
}

/** lrLambda / scaleFn as data: pow → base^x, inverse_time → 1/(1 + decay·x), constant → factor. */
export function fnOf(data: unknown): (x: number) => number {
  const d = data as { kind: string; base?: number; decay?: number; factor?: number };
  if (d.kind === 'pow') return (x) => (d.base as number) ** x;
  if (d.kind === 'inverse_time') return (x) => 1 / (1 + (d.decay as number) * x);
  if (d.kind === 'constant') return () => d.factor as number;
  throw new Error(`unknown function kind ${d.kind}`);
}

/** Builds a scheduler (children first, on the same optimizer), with extra options such as lastEpoch. */
export function build(spec: SchedulerSpec, opt: SchedulableOptimizer, extra: Record<string, unknown> = {}): Scheduler {
  const options: Record<string, unknown> = Object.fromEntries(Object.entries({ ...spec.options, ...extra }).filter(([, v]) => v !== null));
  for (const key of ['lrLambda', 'scaleFn']) {
    const v = options[key];
    if (v !== undefined) options[key] = Array.isArray(v) ? v.map(fnOf) : fnOf(v);
  }
  const children = (spec.schedulers ?? []).map((c) => build(c, opt));
  switch (spec.scheduler) {
    case 'SequentialLR':
      return new S.SequentialLR(opt, { schedulers: children as LRScheduler[], milestones: options.milestones as number[] });
    case 'ChainedScheduler':
      return new S.ChainedScheduler(children);
    default: {
      const Ctor = (S as unknown as Record<string, new (o: SchedulableOptimizer, opts: Record<string, unknown>) => Scheduler>)[spec.scheduler];
      if (Ctor === undefined) throw new Error(`no scheduler ${spec.scheduler}`);
      return new Ctor(opt, options);
    }
  }
}

/** Every group's momentum, or β₁ for Adam-like groups. */
export function momentumOf(opt: SchedulableOptimizer, track: 'momentum' | 'beta1'): number[] {
  return opt.paramGroups.map((g) => (track === 'beta1' ? (g.betas as [number, number])[0] : (g.momentum as number)));
}

/** One step of a reference protocol: `step()`, `step(epoch)`, or ReduceLROnPlateau's `step(metric)`. */
export function stepOnce(scheduler: Scheduler, arg?: number | null): void {
  (scheduler.step as (x?: number) => void)(arg ?? undefined);
}

/** What a training script saves: the scheduler's and the optimizer's state, through JSON. */
export function checkpoint(scheduler: Scheduler, opt: SchedulableOptimizer): { scheduler: Record<string, unknown>; groups: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify({ scheduler: scheduler.stateDict(), groups: opt.paramGroups })) as {
    scheduler: Record<string, unknown>;
    groups: Record<string, unknown>[];
  };
}
