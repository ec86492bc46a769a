import { describe, expect, it } from 'vitest';
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  InverseTimeLR,
  LambdaLR,
  LinearLR,
  MultiStepLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
  simulate,
} from '../src/index';
import type { SchedulableOptimizer, Scheduler } from '../src/index';

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

  it('rejects a negative epoch count', () => {
    expect(() => simulate((o) => new StepLR(o, { stepSize: 2 }), { epochs: -1 })).toThrow(
      new RangeError('simulate: epochs must be a non-negative integer, got -1'),
    );
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

describe('state dicts', () => {
  const cases: [string, (o: SchedulableOptimizer) => Scheduler][] = [
    ['StepLR', (o) => new StepLR(o, { stepSize: 3, gamma: 0.5 })],
    ['MultiStepLR', (o) => new MultiStepLR(o, { milestones: [5, 9, 9, 14], gamma: 0.5 })],
    ['LinearLR', (o) => new LinearLR(o, { startFactor: 0.25, totalIters: 12 })],
    ['PolynomialLR', (o) => new PolynomialLR(o, { totalIters: 15, power: 2 })],
    ['InverseTimeLR', (o) => new InverseTimeLR(o, { decayRate: 0.5, decaySteps: 3, staircase: true })],
    ['CosineAnnealingLR', (o) => new CosineAnnealingLR(o, { tMax: 7, etaMin: 0.01 })],
    ['CyclicLR', (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, mode: 'triangular2' })],
    ['OneCycleLR', (o) => new OneCycleLR(o, { maxLr: 0.2, totalSteps: 30 })],
    ['CosineAnnealingWarmRestarts', (o) => new CosineAnnealingWarmRestarts(o, { t0: 4, tMult: 2 })],
    ['SequentialLR', (o) => new SequentialLR(o, { schedulers: [new ConstantLR(o, { factor: 0.5, totalIters: 2 }), new ExponentialLR(o, { gamma: 0.9 })], milestones: [3] })],
    ['ChainedScheduler', (o) => new ChainedScheduler([new ConstantLR(o, { factor: 0.5, totalIters: 2 }), new ExponentialLR(o, { gamma: 0.9 })])],
  ];
  it.each(cases)('%s resumes mid-schedule identically', (_n, make) => {
    const full = simulate(make, { epochs: 20 }).lrs.map((r) => r[0]);
    const o1 = sgd();
    const s1 = make(o1);
    for (let e = 0; e < 8; e++) (s1.step)();
    const saved = JSON.parse(JSON.stringify(s1.stateDict())) as Record<string, unknown>;
    const savedGroups = JSON.parse(JSON.stringify(o1.paramGroups)) as SchedulableOptimizer['paramGroups'];
    const o2: SchedulableOptimizer = { paramGroups: savedGroups, defaults: o1.defaults };
    const s2 = make(sgd());
    (s2 as { optimizer: SchedulableOptimizer }).optimizer.paramGroups.splice(0, 1, ...o2.paramGroups);
    s2.loadStateDict(saved);
    const rest: number[] = [];
    for (let e = 8; e < 20; e++) {
      (s2.step)();
      rest.push(s2.getLastLr()[0] as number);
    }
    rest.forEach((v, i) => expect(v).toBeCloseTo(full[i + 9] as number, 14));
  });

  it('LambdaLR saves no function (as PyTorch) and keeps its own lambda on load', () => {
    const s1 = new LambdaLR(sgd(), { lrLambda: (e) => 0.5 ** e });
    s1.step();
    s1.step();
    const sd = s1.stateDict();
    expect(Object.values(sd).some((v) => typeof v === 'function' || (Array.isArray(v) && v.some((x) => typeof x === 'function')))).toBe(false);
    const o2 = sgd();
    const s2 = new LambdaLR(o2, { lrLambda: (e) => 0.5 ** e });
    s2.loadStateDict(JSON.parse(JSON.stringify(sd)) as Record<string, unknown>);
    s2.step();
    // lr₀ · 0.5³ at epoch 3, from the base lr 0.1.
    expect(o2.paramGroups[0]?.lr).toBeCloseTo(0.1 * 0.5 ** 3, 15);
  });

  it('ReduceLROnPlateau resumes its counters', () => {
    const o = sgd();
    const s = new ReduceLROnPlateau(o, { patience: 1 });
    [1, 1, 1].forEach((m) => s.step(m));
    const copy = new ReduceLROnPlateau(sgd(), { patience: 1 });
    copy.loadStateDict(s.stateDict());
    expect(copy.numBadEpochs).toBe(s.numBadEpochs);
    expect(copy.best).toBe(1);
  });

  it('ReduceLROnPlateau continues identically after a round trip', () => {
    // patience 1, factor 0.1, a flat metric: reductions after steps 3 and 5 (0.1 → 0.01 → 0.001).
    const o = sgd();
    const s = new ReduceLROnPlateau(o, { patience: 1 });
    [1, 1, 1].forEach((m) => s.step(m));
    expect(o.paramGroups[0]?.lr).toBeCloseTo(0.01, 15);
    const o2 = sgd();
    (o2.paramGroups[0] as { lr: number }).lr = o.paramGroups[0]?.lr as number; // what the optimizer's own state dict restores
    const copy = new ReduceLROnPlateau(o2, { patience: 1 });
    copy.loadStateDict(JSON.parse(JSON.stringify(s.stateDict())) as Record<string, unknown>);
    copy.step(1);
    expect(o2.paramGroups[0]?.lr).toBeCloseTo(0.01, 15);
    copy.step(1);
    expect(o2.paramGroups[0]?.lr).toBeCloseTo(0.001, 15);
  });
});

describe('errors worded as PyTorch, before any change', () => {
  it.each([
    [() => new MultiStepLR(sgd(), { milestones: [5, 3] }), RangeError, 'Milestones should be a list of increasing integers. Got [5, 3]'],
    [() => new StepLR(sgd(), { stepSize: 0 }), RangeError, 'StepLR: stepSize must be a positive integer, got 0'],
    [() => new ExponentialLR(sgd(), { gamma: -1 }), RangeError, 'ExponentialLR: gamma must be positive, got -1'],
    [() => new CosineAnnealingLR(sgd(), { tMax: 0 }), RangeError, 'CosineAnnealingLR: tMax must be positive, got 0'],
    [() => new CosineAnnealingWarmRestarts(sgd(), { t0: -1 }), RangeError, 'Expected positive integer T_0, but got -1'],
    [() => new CyclicLR(sgd(), { baseLr: 0.1, maxLr: 1, mode: 'zigzag' as 'triangular' }), RangeError, 'mode is invalid and scale_fn is None'],
    [() => new ReduceLROnPlateau(sgd(), { mode: 'best' as 'min' }), RangeError, 'mode best is unknown!'],
    [() => new ReduceLROnPlateau(sgd(), { factor: 1 }), RangeError, 'Factor should be < 1.0.'],
    [() => new StepLR(sgd(), { stepSize: 2, lastEpoch: 4 }), Error, "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer"],
    [() => new MultiStepLR(sgd(), { milestones: [2, 4], gamma: 0 }), RangeError, 'MultiStepLR: gamma must be positive, got 0'],
    [() => new StepLR(sgd(), { stepSize: 2, gamma: -0.5 }), RangeError, 'StepLR: gamma must be positive, got -0.5'],
    [() => new CosineAnnealingWarmRestarts(sgd(), { t0: 2, tMult: 0 }), RangeError, 'Expected integer T_mult >= 1, but got 0'],
    [() => new ReduceLROnPlateau(sgd(), { thresholdMode: 'pct' as 'rel' }), RangeError, 'threshold mode pct is unknown!'],
    [() => new OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 10, annealStrategy: 'exp' as 'cos' }), RangeError, "anneal_strategy must by one of 'cos' or 'linear', instead got exp"],
    [() => new InverseTimeLR(sgd(), { decayRate: 0.5, decaySteps: 0 }), RangeError, 'InverseTimeLR: decaySteps must be positive, got 0'],
    [() => new OneCycleLR(sgd(), { maxLr: 0.1 }), RangeError, 'You must define either total_steps OR (epochs AND steps_per_epoch)'],
  ])('%#: %s', (fn, cls, message) => {
    expect(fn).toThrow(new cls(message));
  });

  it('OneCycleLR refuses a step past its total, as PyTorch words it, and leaves the lr alone', () => {
    const o = sgd();
    const s = new OneCycleLR(o, { maxLr: 0.1, totalSteps: 30 });
    for (let i = 0; i < 30; i++) s.step();
    const lr = o.paramGroups[0]?.lr;
    expect(() => s.step()).toThrow(new RangeError('Tried to step 32 times. The specified number of total steps is 30'));
    expect(o.paramGroups[0]?.lr).toBe(lr);
  });

  it('OneCycleLR.step(epoch) past the total throws and changes nothing', () => {
    const o = sgd();
    const s = new OneCycleLR(o, { maxLr: 0.1, totalSteps: 30 });
    const before = { lr: o.paramGroups[0]?.lr, lastEpoch: s.lastEpoch };
    expect(() => s.step(40)).toThrow(new RangeError('Tried to step 41 times. The specified number of total steps is 30'));
    expect({ lr: o.paramGroups[0]?.lr, lastEpoch: s.lastEpoch }).toEqual(before);
  });

  it('MultiStepLR leaves the optimizer untouched when it rejects its options', () => {
    const o = sgd();
    expect(() => new MultiStepLR(o, { milestones: [3, 1] })).toThrow(RangeError);
    expect(o.paramGroups[0]).toEqual({ lr: 0.1, momentum: 0.9 });
  });
});
