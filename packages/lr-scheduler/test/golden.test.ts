import { compareClose, loadGolden } from '@descent/fixtures';
import type { SchedulerCase, SchedulerSpec } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import * as S from '../src/index';
import { build, fakeOptimizer, momentumOf, stepOnce } from './build';

const golden = loadGolden('schedulers');

/** Runs a golden case by its protocol: every group's lr (and momentum/β₁) after construction and each step. */
function run(c: SchedulerCase): { lrs: number[][]; momentum: number[][]; lastLrs: number[][] } {
  const opt = fakeOptimizer(c.optimizer);
  const scheduler = build(c, opt);
  const out = { lrs: [opt.paramGroups.map((g) => g.lr)], momentum: [c.track ? momentumOf(opt, c.track) : []], lastLrs: [scheduler.getLastLr()] };
  for (let e = 0; e < c.epochs; e++) {
    opt.step();
    stepOnce(scheduler, c.metrics?.[e]);
    out.lrs.push(opt.paramGroups.map((g) => g.lr));
    out.momentum.push(c.track ? momentumOf(opt, c.track) : []);
    out.lastLrs.push(scheduler.getLastLr());
  }
  return out;
}

function classesOf(spec: SchedulerSpec): string[] {
  return [spec.scheduler, ...(spec.schedulers ?? []).flatMap(classesOf)];
}

describe('schedulers against PyTorch 1.13 (fixtures/golden/schedulers.json)', () => {
  it('covers every PyTorch scheduler we export, every epoch of every case', () => {
    expect(golden.cases).toHaveLength(44);
    const covered = new Set(golden.cases.flatMap(classesOf));
    const exported = Object.keys(S).filter((k) => /^[A-Z]/.test(k) && !['LRScheduler', 'InverseTimeLR'].includes(k));
    expect([...covered].sort()).toEqual(exported.sort());
    for (const c of golden.cases) {
      expect(c.lrs).toHaveLength(c.epochs + 1);
      if (c.metrics) expect(c.metrics).toHaveLength(c.epochs);
    }
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = run(c);
    expect(compareClose(got.lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
    // getLastLr() equals the groups' lrs after construction and after every step.
    expect(got.lastLrs).toEqual(got.lrs);
    if (c.track) {
      const want = (c.track === 'beta1' ? c.beta1 : c.momentum) as number[][];
      expect(want).toHaveLength(c.epochs + 1);
      expect(compareClose(got.momentum.flat(), want.flat(), golden.tolerance)).toBeNull();
    }
  });

  it.each(['seed_steplr', 'seed_multisteplr', 'seed_exponentiallr'])(
    "simulate() reproduces the tutorial's 200-epoch schedule %s on SGD(lr 0.1, momentum 0.9)",
    (name) => {
      const c = golden.cases.find((x) => x.name === name) as SchedulerCase;
      expect(c.epochs).toBe(200);
      expect(c.optimizer).toEqual({ kind: 'SGD', lrs: [0.1], momentum: 0.9 });
      const sim = S.simulate((opt) => build(c, opt), { epochs: 200, lrs: [0.1], momentum: 0.9 });
      expect(sim.lrs).toHaveLength(201);
      expect(compareClose(sim.lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
      expect(sim.momentum.every(([m]) => m === 0.9)).toBe(true);
    },
  );

  it("reads the tutorial's three schedules at their milestones (0.1·0.5^k and 0.1·0.95^t)", () => {
    const at = (name: string, e: number): number => (golden.cases.find((x) => x.name === name) as SchedulerCase).lrs[e]?.[0] as number;
    expect([0, 49, 50, 99, 100, 150, 199].map((e) => at('seed_steplr', e))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125, 0.0125]);
    expect([49, 50, 124, 125, 159, 160, 200].map((e) => at('seed_multisteplr', e))).toEqual([0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125]);
    expect(at('seed_exponentiallr', 200)).toBeCloseTo(0.1 * 0.95 ** 200, 15);
  });
});
