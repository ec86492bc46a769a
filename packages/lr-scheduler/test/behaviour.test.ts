import { readdirSync, readFileSync } from 'node:fs';
import { compareClose, loadGolden } from '@descent/fixtures';
import type { SchedulerCase } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import {
  ChainedScheduler,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  ExponentialLR,
  InverseTimeLR,
  LinearLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
  simulate,
} from '../src/index';
import type { SchedulableOptimizer } from '../src/index';

const golden = loadGolden('schedulers');
const goldenCase = (name: string): SchedulerCase => golden.cases.find((c) => c.name === name) as SchedulerCase;

const sgd = (lr = 0.1, groups = 1): SchedulableOptimizer => ({
  paramGroups: Array.from({ length: groups }, () => ({ lr, momentum: 0.9 })),
  defaults: { lr, momentum: 0.9 },
});

describe('InverseTimeLR', () => {
  it('follows lr₀ / (1 + k·t / steps), with and without staircase', () => {
    const smooth = simulate((o) => new InverseTimeLR(o, { decayRate: 0.5, decaySteps: 2 }), { epochs: 5 }).lrs.map((r) => r[0]);
    const stairs = simulate((o) => new InverseTimeLR(o, { decayRate: 0.5, decaySteps: 2, staircase: true }), { epochs: 5 }).lrs.map((r) => r[0]);
    [0, 1, 2, 3, 4, 5].forEach((t) => {
      expect(smooth[t]).toBeCloseTo(0.1 / (1 + (0.5 * t) / 2), 15);
      expect(stairs[t]).toBeCloseTo(0.1 / (1 + 0.5 * Math.floor(t / 2)), 15);
    });
  });

  it("equals PyTorch's LambdaLR with the tutorial's 1/t lambda (golden lambdalr_inverse_time)", () => {
    const c = goldenCase('lambdalr_inverse_time');
    expect(c.options.lrLambda).toEqual({ kind: 'inverse_time', decay: 0.1 });
    const sim = simulate((o) => new InverseTimeLR(o, { decayRate: 0.1 }), { epochs: c.epochs, lrs: c.optimizer.lrs });
    expect(compareClose(sim.lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
  });

  it('is chainable: under ChainedScheduler a LinearLR warm-up factor multiplies the 1/t decay', () => {
    const lrs = simulate(
      (o) => new ChainedScheduler([new LinearLR(o, { startFactor: 0.1, totalIters: 4 }), new InverseTimeLR(o, { decayRate: 0.5 })]),
      { epochs: 12, lrs: [0.1] },
    ).lrs.map((r) => r[0] as number);
    lrs.forEach((lr, t) => expect(lr).toBeCloseTo((0.1 * (0.1 + (0.9 * Math.min(t, 4)) / 4)) / (1 + 0.5 * t), 15));
  });

  it('stays on the closed form over 200 chained epochs (rtol 1e-12)', () => {
    const lrs = simulate((o) => new InverseTimeLR(o, { decayRate: 0.05 }), { epochs: 200 }).lrs.map((r) => r[0] as number);
    const want = lrs.map((_, t) => 0.1 / (1 + 0.05 * t));
    expect(compareClose(lrs, want, { rtol: 1e-12, atol: 0 })).toBeNull();
  });

  it('step(epoch) jumps to the closed form', () => {
    const o = sgd();
    const s = new InverseTimeLR(o, { decayRate: 0.25, decaySteps: 4, staircase: true });
    s.step(9);
    expect(o.paramGroups[0]?.lr).toBeCloseTo(0.1 / (1 + 0.25 * 2), 15);
    s.step();
    expect(o.paramGroups[0]?.lr).toBeCloseTo(0.1 / (1 + 0.25 * 2), 15); // epoch 10, still ⌊10/4⌋ = 2
    s.step(3);
    expect(o.paramGroups[0]?.lr).toBeCloseTo(0.1, 15);
  });
});

describe('LRScheduler base', () => {
  it('stores initialLr in each group and keeps one already there (PyTorch setdefault)', () => {
    const o: SchedulableOptimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.3, initialLr: 0.2 }] };
    const s = new StepLR(o, { stepSize: 2, gamma: 0.5 });
    expect(o.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.2]);
    expect(s.baseLrs).toEqual([0.1, 0.2]);
    expect(s.lastEpoch).toBe(0);
    expect(s.getLastLr()).toEqual([0.1, 0.3]); // the construction step keeps the current lr
    s.step();
    s.step(); // epoch 2: the chainable rule multiplies the current lrs
    expect(s.getLastLr()).toEqual([0.05, 0.15]);
  });

  it('drives any object with paramGroups: a class of its own, no defaults', () => {
    class Mine {
      readonly groups = [{ lr: 1, extra: 'kept' }];
      get paramGroups(): { lr: number; [k: string]: unknown }[] {
        return this.groups;
      }
    }
    const mine = new Mine();
    const s = new ExponentialLR(mine, { gamma: 0.5 });
    s.step();
    s.step();
    expect(mine.groups).toEqual([{ lr: 0.25, extra: 'kept', initialLr: 1 }]);
  });

  it('imports no other package and no Node built-in (browser-safe)', () => {
    const dir = new URL('../src/', import.meta.url);
    const imports = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string));
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter((p) => !p.startsWith('./'))).toEqual([]);
  });
});

describe('simulate', () => {
  it('records every group after construction and after each step', () => {
    // StepLR(stepSize 2, gamma 0.5) by hand: lr_t = lr0 · 0.5^⌊t/2⌋ for each group.
    const { lrs } = simulate((o) => new StepLR(o, { stepSize: 2, gamma: 0.5 }), { epochs: 5, lrs: [0.1, 0.4] });
    expect(lrs).toHaveLength(6);
    lrs.forEach((row, t) => {
      expect(row[0]).toBeCloseTo(0.1 * 0.5 ** Math.floor(t / 2), 15);
      expect(row[1]).toBeCloseTo(0.4 * 0.5 ** Math.floor(t / 2), 15);
    });
  });

  it("records Adam's β₁ when given betas (golden onecycle_adam_epochs)", () => {
    const c = goldenCase('onecycle_adam_epochs');
    const sim = simulate((o) => new OneCycleLR(o, c.options as unknown as ConstructorParameters<typeof OneCycleLR>[1]), {
      epochs: c.epochs,
      lrs: c.optimizer.lrs,
      betas: [0.9, 0.999],
    });
    expect(compareClose(sim.lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
    expect(compareClose(sim.momentum.flat(), (c.beta1 as number[][]).flat(), golden.tolerance)).toBeNull();
  });

  it('feeds ReduceLROnPlateau one metric per epoch (golden plateau_min_rel)', () => {
    const c = goldenCase('plateau_min_rel');
    const sim = simulate((o) => new ReduceLROnPlateau(o, { mode: 'min', factor: 0.5, patience: 3 }), {
      epochs: c.epochs,
      lrs: c.optimizer.lrs,
      metrics: c.metrics,
    });
    expect(compareClose(sim.lrs.flat(), c.lrs.flat(), golden.tolerance)).toBeNull();
  });
});

describe('CosineAnnealingWarmRestarts', () => {
  it('takes fractional epochs (values from PyTorch 1.13: T_0 = 10, T_mult = 2)', () => {
    const opt = sgd();
    const s = new CosineAnnealingWarmRestarts(opt, { t0: 10, tMult: 2 });
    s.step(12.5);
    expect(opt.paramGroups[0]?.lr).toBeCloseTo(0.09619397662556434, 15);
    s.step(35);
    expect(opt.paramGroups[0]?.lr).toBeCloseTo(0.09619397662556434, 15);
    s.step(3.25); // back inside the first cycle
    expect(opt.paramGroups[0]?.lr).toBeCloseTo(0.07612492823579745, 15);
  });
});

describe('warm-up', () => {
  it('LinearLR then CosineAnnealingLR in SequentialLR ramps up, then anneals', () => {
    const lrs = simulate(
      (o) =>
        new SequentialLR(o, {
          schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 5 }), new CosineAnnealingLR(o, { tMax: 10 })],
          milestones: [5],
        }),
      { epochs: 15, lrs: [1] },
    ).lrs.map((r) => r[0] as number);
    // Ramp 0.1 → 1 by 0.18 an epoch (hand computed), then the cosine from 1 at its epoch 0.
    [0.1, 0.28, 0.46, 0.64, 0.82].forEach((want, t) => expect(lrs[t]).toBeCloseTo(want, 12));
    expect(lrs[5]).toBeCloseTo(1, 12);
    expect(lrs[10]).toBeCloseTo(0.5, 12);
    expect(lrs[15]).toBeCloseTo(0, 12);
  });
});

describe('README', () => {
  it("warm-up example: 0.01 … 0.082, then 0.1 annealed to 0 at epoch 100 (hand formulas)", () => {
    const lrs = simulate(
      (opt) =>
        new SequentialLR(opt, {
          schedulers: [new LinearLR(opt, { startFactor: 0.1, totalIters: 5 }), new CosineAnnealingLR(opt, { tMax: 95 })],
          milestones: [5],
        }),
      { epochs: 100, lrs: [0.1] },
    ).lrs.map((r) => r[0] as number);
    expect(lrs).toHaveLength(101);
    // Linear ramp: 0.1 · (0.1 + 0.9·t/5); then the cosine from 0.1 over 95 epochs.
    lrs.forEach((lr, t) => expect(lr).toBeCloseTo(t < 5 ? 0.1 * (0.1 + (0.9 * t) / 5) : 0.05 * (1 + Math.cos((Math.PI * (t - 5)) / 95)), 14));
    expect(lrs[100]).toBeCloseTo(0, 15);
  });
});
