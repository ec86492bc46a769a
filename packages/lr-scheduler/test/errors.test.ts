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
  MultiplicativeLR,
  MultiStepLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
  simulate,
} from '../src/index';
import type { SchedulableOptimizer } from '../src/index';
import { references } from './references';

type Kind = 'sgd' | 'sgd2' | 'adam' | 'plain';
const optimizer = (kind: Kind): SchedulableOptimizer => {
  if (kind === 'adam') return { paramGroups: [{ lr: 0.1, betas: [0.9, 0.999] }], defaults: { lr: 0.1, betas: [0.9, 0.999] } };
  if (kind === 'plain') return { paramGroups: [{ lr: 0.1 }], defaults: { lr: 0.1 } };
  const n = kind === 'sgd2' ? 2 : 1;
  return { paramGroups: Array.from({ length: n }, () => ({ lr: 0.1, momentum: 0.9 })), defaults: { lr: 0.1, momentum: 0.9 } };
};
const one = (): number => 1;

/** Bad inputs PyTorch 1.13 also rejects: the message is PyTorch's own, read from references.json. */
const torchCases: [string, Kind, (o: SchedulableOptimizer) => unknown, ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor][] = [
  ['resume_without_initial_lr', 'sgd', (o) => new StepLR(o, { stepSize: 2, lastEpoch: 4 }), Error],
  ['lambdalr_count', 'sgd2', (o) => new LambdaLR(o, { lrLambda: [one, one, one] }), RangeError],
  ['multiplicativelr_count', 'sgd2', (o) => new MultiplicativeLR(o, { lrLambda: [one, one, one] }), RangeError],
  ['constantlr_factor', 'sgd', (o) => new ConstantLR(o, { factor: 1.5 }), RangeError],
  ['linearlr_end_factor', 'sgd', (o) => new LinearLR(o, { endFactor: 1.5 }), RangeError],
  ['warm_restarts_t0', 'sgd', (o) => new CosineAnnealingWarmRestarts(o, { t0: -1 }), RangeError],
  ['warm_restarts_t0_fraction', 'sgd', (o) => new CosineAnnealingWarmRestarts(o, { t0: 2.5 }), RangeError],
  ['warm_restarts_tmult', 'sgd', (o) => new CosineAnnealingWarmRestarts(o, { t0: 2, tMult: 0 }), RangeError],
  ['warm_restarts_tmult_fraction', 'sgd', (o) => new CosineAnnealingWarmRestarts(o, { t0: 2, tMult: 1.5 }), RangeError],
  ['cyclic_mode', 'sgd', (o) => new CyclicLR(o, { baseLr: 0.1, maxLr: 1, mode: 'zigzag' as 'triangular' }), RangeError],
  ['cyclic_no_momentum', 'adam', (o) => new CyclicLR(o, { baseLr: 0.1, maxLr: 1 }), TypeError],
  ['cyclic_base_lr_count', 'sgd2', (o) => new CyclicLR(o, { baseLr: [0.1, 0.2, 0.3], maxLr: 1 }), RangeError],
  ['cyclic_max_lr_count', 'sgd2', (o) => new CyclicLR(o, { baseLr: 0.1, maxLr: [1, 2, 3] }), RangeError],
  ['cyclic_base_momentum_count', 'sgd2', (o) => new CyclicLR(o, { baseLr: 0.1, maxLr: 1, baseMomentum: [0.8] }), RangeError],
  ['cyclic_max_momentum_count', 'sgd2', (o) => new CyclicLR(o, { baseLr: 0.1, maxLr: 1, maxMomentum: [0.9] }), RangeError],
  ['onecycle_no_total', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1 }), RangeError],
  ['onecycle_total_steps', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 0 }), RangeError],
  ['onecycle_total_steps_fraction', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 2.5 }), RangeError],
  ['onecycle_epochs', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1, epochs: 0, stepsPerEpoch: 5 }), RangeError],
  ['onecycle_steps_per_epoch', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1, epochs: 2, stepsPerEpoch: -3 }), RangeError],
  ['onecycle_pct_start', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 10, pctStart: 1.5 }), RangeError],
  ['onecycle_anneal_strategy', 'sgd', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 10, annealStrategy: 'exp' as 'cos' }), RangeError],
  ['onecycle_no_momentum', 'plain', (o) => new OneCycleLR(o, { maxLr: 0.1, totalSteps: 10 }), TypeError],
  ['onecycle_max_lr_count', 'sgd2', (o) => new OneCycleLR(o, { maxLr: [0.1], totalSteps: 10 }), RangeError],
  ['plateau_factor', 'sgd', (o) => new ReduceLROnPlateau(o, { factor: 1 }), RangeError],
  ['plateau_min_lr_count', 'sgd2', (o) => new ReduceLROnPlateau(o, { minLr: [0.1, 0.2, 0.3] }), RangeError],
  ['plateau_mode', 'sgd', (o) => new ReduceLROnPlateau(o, { mode: 'best' as 'min' }), RangeError],
  ['plateau_threshold_mode', 'sgd', (o) => new ReduceLROnPlateau(o, { thresholdMode: 'pct' as 'rel' }), RangeError],
];

/** Where PyTorch 1.13 has no check (or fails later, dividing by zero), our own message. */
const ownCases: [string, Kind, (o: SchedulableOptimizer) => unknown, ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor, string][] = [
  ['milestones not increasing', 'sgd', (o) => new MultiStepLR(o, { milestones: [5, 3] }), RangeError, 'Milestones should be a list of increasing integers. Got [5, 3]'],
  ['fractional milestone', 'sgd', (o) => new MultiStepLR(o, { milestones: [2.5] }), RangeError, 'Milestones should be a list of increasing integers. Got [2.5]'],
  ['stepSize 0', 'sgd', (o) => new StepLR(o, { stepSize: 0 }), RangeError, 'StepLR: stepSize must be a positive integer, got 0'],
  ['stepSize fractional', 'sgd', (o) => new StepLR(o, { stepSize: 1.5 }), RangeError, 'StepLR: stepSize must be a positive integer, got 1.5'],
  ['StepLR gamma negative', 'sgd', (o) => new StepLR(o, { stepSize: 2, gamma: -0.5 }), RangeError, 'StepLR: gamma must be positive, got -0.5'],
  ['MultiStepLR gamma 0', 'sgd', (o) => new MultiStepLR(o, { milestones: [2, 4], gamma: 0 }), RangeError, 'MultiStepLR: gamma must be positive, got 0'],
  ['ExponentialLR gamma negative', 'sgd', (o) => new ExponentialLR(o, { gamma: -1 }), RangeError, 'ExponentialLR: gamma must be positive, got -1'],
  ['ExponentialLR gamma NaN', 'sgd', (o) => new ExponentialLR(o, { gamma: NaN }), RangeError, 'ExponentialLR: gamma must be positive, got NaN'],
  ['tMax 0', 'sgd', (o) => new CosineAnnealingLR(o, { tMax: 0 }), RangeError, 'CosineAnnealingLR: tMax must be positive, got 0'],
  ['LinearLR startFactor 0', 'sgd', (o) => new LinearLR(o, { startFactor: 0 }), RangeError, 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1. Got 0'],
  ['LinearLR startFactor 2', 'sgd', (o) => new LinearLR(o, { startFactor: 2 }), RangeError, 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1. Got 2'],
  ['ConstantLR factor 1.5', 'sgd', (o) => new ConstantLR(o, { factor: 1.5 }), RangeError, 'Constant multiplicative factor expected to be between 0 and 1. Got 1.5'],
  ['LinearLR totalIters 0', 'sgd', (o) => new LinearLR(o, { totalIters: 0 }), RangeError, 'LinearLR: totalIters must be a positive integer, got 0'],
  ['PolynomialLR totalIters 0', 'sgd', (o) => new PolynomialLR(o, { totalIters: 0 }), RangeError, 'PolynomialLR: totalIters must be a positive integer, got 0'],
  ['ConstantLR totalIters -1', 'sgd', (o) => new ConstantLR(o, { totalIters: -1 }), RangeError, 'ConstantLR: totalIters must be a non-negative integer, got -1'],
  ['CyclicLR stepSizeUp 0', 'sgd', (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 0 }), RangeError, 'CyclicLR: stepSizeUp must be positive, got 0'],
  ['CyclicLR stepSizeDown -1', 'sgd', (o) => new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeDown: -1 }), RangeError, 'CyclicLR: stepSizeDown must be non-negative, got -1'],
  ['InverseTimeLR decayRate negative', 'sgd', (o) => new InverseTimeLR(o, { decayRate: -0.5 }), RangeError, 'InverseTimeLR: decayRate must be non-negative, got -0.5'],
  ['InverseTimeLR decaySteps 0', 'sgd', (o) => new InverseTimeLR(o, { decayRate: 0.5, decaySteps: 0 }), RangeError, 'InverseTimeLR: decaySteps must be positive, got 0'],
  ['lrLambda not a function', 'sgd', (o) => new LambdaLR(o, { lrLambda: 0.5 as unknown as () => number }), TypeError, 'LambdaLR: lrLambda must be a function or a list of one function per group, got number'],
  ['lrLambda list with a hole', 'sgd2', (o) => new MultiplicativeLR(o, { lrLambda: [one, undefined as unknown as () => number] }), TypeError, 'MultiplicativeLR: lrLambda must be a function or a list of one function per group, got undefined'],
  ['lastEpoch below -1', 'sgd', (o) => new StepLR(o, { stepSize: 2, lastEpoch: -2 }), RangeError, 'StepLR: lastEpoch must be an integer >= -1, got -2'],
  ['ConstantLR factor 0', 'sgd', (o) => new ConstantLR(o, { factor: 0 }), RangeError, 'ConstantLR: factor must be greater than 0 (the lr is divided by it at totalIters), got 0'],
  ['ChainedScheduler of nothing', 'sgd', () => new ChainedScheduler([]), RangeError, 'ChainedScheduler expects at least one scheduler'],
];

/** The thrown error, for asserting its exact class and message. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('bad options throw before anything changes', () => {
  it('uses every PyTorch message recorded in references.json', () => {
    const special = ['sequential_other_optimizer', 'sequential_milestones', 'chained_other_optimizer', 'warm_restarts_negative_epoch', 'onecycle_past_total'];
    const used = new Set([...torchCases.map(([name]) => name), ...special]);
    expect(Object.keys(references.errors).filter((k) => !used.has(k))).toEqual([]);
  });

  it.each(torchCases)('%s: PyTorch 1.13 wording', (name, kind, make, cls) => {
    const o = optimizer(kind);
    const groups = structuredClone(o.paramGroups);
    const err = thrown(() => make(o));
    expect(err.constructor).toBe(cls);
    // PyTorch's words; where PyTorch's message omits the value, ours adds it (" Got 1.5").
    expect(err.message.replace(/ Got [^ ]+$/, '')).toBe(references.errors[name]?.message);
    expect(o.paramGroups).toEqual(groups);
  });

  it.each(ownCases)('%s', (_name, kind, make, cls, message) => {
    const o = optimizer(kind);
    const groups = structuredClone(o.paramGroups);
    const err = thrown(() => make(o));
    expect(err.constructor).toBe(cls);
    expect(err.message).toBe(message);
    expect(o.paramGroups).toEqual(groups);
  });

  it.each([
    ['sequential_other_optimizer', (o: SchedulableOptimizer) => [new ConstantLR(o), new ExponentialLR(optimizer('sgd'), { gamma: 0.9 })], [2]],
    ['sequential_milestones', (o: SchedulableOptimizer) => [new ConstantLR(o), new ExponentialLR(o, { gamma: 0.9 })], [2, 4]],
  ])('%s: PyTorch 1.13 wording', (name, children, milestones) => {
    const o = optimizer('sgd');
    const schedulers = children(o);
    const groups = structuredClone(o.paramGroups);
    const err = thrown(() => new SequentialLR(o, { schedulers, milestones }));
    expect([err.constructor, err.message]).toEqual([RangeError, references.errors[name]?.message]);
    expect(o.paramGroups).toEqual(groups);
  });

  it('chained_other_optimizer: PyTorch 1.13 wording', () => {
    const children = [new ConstantLR(optimizer('sgd')), new ExponentialLR(optimizer('sgd'), { gamma: 0.9 })];
    const err = thrown(() => new ChainedScheduler(children));
    expect([err.constructor, err.message]).toEqual([RangeError, references.errors.chained_other_optimizer?.message]);
  });
});

describe('bad steps throw and change nothing', () => {
  it('CosineAnnealingWarmRestarts.step(-1) (PyTorch wording)', () => {
    const o = optimizer('sgd');
    const s = new CosineAnnealingWarmRestarts(o, { t0: 2 });
    s.step(0.5);
    const before = { lr: o.paramGroups[0]?.lr, state: s.stateDict() };
    const err = thrown(() => s.step(-1));
    expect([err.constructor, err.message]).toEqual([RangeError, references.errors.warm_restarts_negative_epoch?.message]);
    expect({ lr: o.paramGroups[0]?.lr, state: s.stateDict() }).toEqual(before);
  });

  it('OneCycleLR past totalSteps (PyTorch wording), by step() and by step(epoch)', () => {
    const o = optimizer('sgd');
    const s = new OneCycleLR(o, { maxLr: 0.1, totalSteps: 30 });
    for (let i = 0; i < 30; i++) s.step(); // all 30 steps are allowed
    const before = { group: { ...o.paramGroups[0] }, state: s.stateDict() };
    const err = thrown(() => s.step());
    expect([err.constructor, err.message]).toEqual([RangeError, references.errors.onecycle_past_total?.message]);
    expect(thrown(() => s.step(40)).message).toBe('Tried to step 41 times. The specified number of total steps is 30');
    expect({ group: { ...o.paramGroups[0] }, state: s.stateDict() }).toEqual(before);
  });

  it('ReduceLROnPlateau.step needs a number', () => {
    const o = optimizer('sgd');
    const s = new ReduceLROnPlateau(o);
    const err = thrown(() => (s.step as (m: unknown) => void)('0.5'));
    expect([err.constructor, err.message]).toEqual([TypeError, 'ReduceLROnPlateau.step: metric must be a number, got "0.5"']);
    expect(s.lastEpoch).toBe(0);
  });

  it.each([
    [{ epochs: -1 }, 'simulate: epochs must be a non-negative integer, got -1'],
    [{ epochs: 2.5 }, 'simulate: epochs must be a non-negative integer, got 2.5'],
    [{ epochs: 3, metrics: [1, 2] }, 'simulate: metrics needs one value per epoch (3), got 2'],
  ])('simulate(%j) throws', (options, message) => {
    const err = thrown(() => simulate((o) => new ReduceLROnPlateau(o), options));
    expect([err.constructor, err.message]).toEqual([RangeError, message]);
  });
});
