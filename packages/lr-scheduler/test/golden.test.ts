import { compareClose, loadGolden } from '@descent/fixtures';
import type { SchedulerCase, SchedulerSpec } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import * as S from '../src/index';
import type { LRScheduler, SchedulableOptimizer, SchedulableParamGroup, Scheduler } from '../src/index';

const golden = loadGolden('schedulers');

/** A stand-in optimizer: schedulers touch only paramGroups (and defaults to detect momentum/betas). */
function fakeOptimizer(spec: SchedulerCase['optimizer']): SchedulableOptimizer & { step(): void } {
  const paramGroups: SchedulableParamGroup[] = spec.lrs.map((lr) =>
    spec.kind === 'Adam' ? { lr, betas: [...(spec.betas ?? [0.9, 0.999])] as [number, number] } : { lr, momentum: spec.momentum ?? 0 },
  );
  const defaults = spec.kind === 'Adam' ? { lr: spec.lrs[0], betas: spec.betas ?? [0.9, 0.999] } : { lr: spec.lrs[0], momentum: spec.momentum ?? 0 };
  return { paramGroups, defaults, step: () => undefined };
}

function lambdaOf(data: unknown): (epoch: number) => number {
  const d = data as { kind: string; base?: number; decay?: number; factor?: number };
  if (d.kind === 'pow') return (e) => (d.base as number) ** e;
  if (d.kind === 'inverse_time') return (e) => 1 / (1 + (d.decay as number) * e);
  if (d.kind === 'constant') return () => d.factor as number;
  throw new Error(`unknown lrLambda kind ${d.kind}`);
}

function build(spec: SchedulerSpec, opt: SchedulableOptimizer): Scheduler {
  const options: Record<string, unknown> = Object.fromEntries(Object.entries(spec.options).filter(([, v]) => v !== null));
  if (options.lrLambda !== undefined) options.lrLambda = Array.isArray(options.lrLambda) ? options.lrLambda.map(lambdaOf) : lambdaOf(options.lrLambda);
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

describe('schedulers against PyTorch 1.13', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const opt = fakeOptimizer(c.optimizer);
    const scheduler = build(c, opt);
    const track = (): number[] => opt.paramGroups.map((g) => (c.track === 'beta1' ? (g.betas as [number, number])[0] : (g.momentum as number)));
    const lrs = [opt.paramGroups.map((g) => g.lr)];
    const mom = [track()];
    for (let e = 0; e < c.epochs; e++) {
      opt.step();
      if (c.metrics) (scheduler as S.ReduceLROnPlateau).step(c.metrics[e] as number);
      else (scheduler.step)();
      lrs.push(opt.paramGroups.map((g) => g.lr));
      mom.push(track());
      expect(scheduler.getLastLr()).toEqual(lrs[lrs.length - 1]);
    }
    expect(compareClose(lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
    const wantMomentum = c.track === 'beta1' ? c.beta1 : c.momentum;
    if (c.track) expect(compareClose(mom.flat(), (wantMomentum as number[][]).flat(), golden.tolerance)).toBeNull();
  });

  it.each(['seed_steplr', 'seed_multisteplr', 'seed_exponentiallr'])("reproduces the tutorial's 200-epoch schedule %s", (name) => {
    const c = golden.cases.find((x) => x.name === name) as SchedulerCase;
    expect(c.epochs).toBe(200);
    const sim = S.simulate((opt) => build(c, opt), { epochs: 200, lrs: c.optimizer.lrs });
    expect(compareClose(sim.lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
  });
});
