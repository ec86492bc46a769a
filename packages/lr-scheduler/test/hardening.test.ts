/**
 * Wrong kinds and out-of-range values on every entry of every scheduler (issues #22 and #25): the
 * constructor (its optimizer, options object, each option), `step` and `loadStateDict`. Each must
 * throw an Error naming the argument and its value (never a TypeError from inside, never a silent
 * NaN), and a refused call leaves the scheduler and the optimizer's groups unchanged.
 */
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
} from '../src/index';
import type { SchedulableOptimizer, Scheduler } from '../src/index';

const optimizer = (): SchedulableOptimizer => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } });
const one = (): number => 1;
type Make = (o: SchedulableOptimizer, options?: unknown) => Scheduler;

/** Each scheduler, its valid options, and the options a table row may spoil. */
const SCHEDULERS: [string, Make, Record<string, unknown>, string[]][] = [
  ['LambdaLR', (o, x) => new LambdaLR(o, x as never), { lrLambda: one }, ['lrLambda', 'lastEpoch']],
  ['MultiplicativeLR', (o, x) => new MultiplicativeLR(o, x as never), { lrLambda: one }, ['lrLambda', 'lastEpoch']],
  ['StepLR', (o, x) => new StepLR(o, x as never), { stepSize: 2 }, ['stepSize', 'gamma', 'lastEpoch']],
  ['MultiStepLR', (o, x) => new MultiStepLR(o, x as never), { milestones: [2, 4] }, ['milestones', 'gamma', 'lastEpoch']],
  ['ConstantLR', (o, x) => new ConstantLR(o, x as never), {}, ['factor', 'totalIters', 'lastEpoch']],
  ['LinearLR', (o, x) => new LinearLR(o, x as never), {}, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch']],
  ['ExponentialLR', (o, x) => new ExponentialLR(o, x as never), { gamma: 0.9 }, ['gamma', 'lastEpoch']],
  ['PolynomialLR', (o, x) => new PolynomialLR(o, x as never), {}, ['totalIters', 'power', 'lastEpoch']],
  ['CosineAnnealingLR', (o, x) => new CosineAnnealingLR(o, x as never), { tMax: 10 }, ['tMax', 'etaMin', 'lastEpoch']],
  ['CosineAnnealingWarmRestarts', (o, x) => new CosineAnnealingWarmRestarts(o, x as never), { t0: 3 }, ['t0', 'tMult', 'etaMin', 'lastEpoch']],
  ['CyclicLR', (o, x) => new CyclicLR(o, x as never), { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3 }, ['baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'lastEpoch']],
  ['OneCycleLR', (o, x) => new OneCycleLR(o, x as never), { maxLr: 0.1, totalSteps: 20 }, ['maxLr', 'totalSteps', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'lastEpoch']],
  ['ReduceLROnPlateau', (o, x) => new ReduceLROnPlateau(o, x as never), {}, ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps']],
  ['InverseTimeLR', (o, x) => new InverseTimeLR(o, x as never), { decayRate: 0.5 }, ['decayRate', 'decaySteps', 'staircase', 'lastEpoch']],
];

const INTERNAL = /is not a function|is not iterable|Cannot read propert|Cannot convert undefined|undefined or null to object/;

/** Names a message may use for an option: its own, its snake_case, or PyTorch's wording. */
function names(key: string): RegExp {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const torch: Record<string, string> = {
    startFactor: 'Starting multiplicative factor', endFactor: 'Ending multiplicative factor', factor: 'actor', t0: 'T_0', tMult: 'T_mult', milestones: 'Milestones', mode: 'mode', thresholdMode: 'threshold mode', scaleFn: 'scale_fn',
  };
  return new RegExp([key, snake, torch[key]].filter((x) => x !== undefined).join('|'));
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).not.toMatch(INTERNAL);
    return e as Error;
  }
  throw new Error('expected a throw');
}

const BAD: unknown[] = [null, 'x', '3', NaN, {}, true, [1, 'x']];
const BOOLEANS = ['cycleMomentum', 'threePhase', 'staircase'];
const NONE_DEFAULTS = ['stepSizeDown', 'baseMomentum', 'maxMomentum'];
const CASES = SCHEDULERS.flatMap(([name, make, valid, keys]) =>
  keys.flatMap((key) =>
    BAD
      // true is a valid boolean; null is PyTorch's None (the default) where PyTorch's default is None.
      .filter((value) => !(value === true && BOOLEANS.includes(key)))
      .filter((value) => !(value === null && NONE_DEFAULTS.includes(key)))
      .map((value) => ({ name, make, valid, key, value })),
  ),
);

describe('every scheduler option refuses wrong kinds and NaN, naming the option, and changes no group', () => {
  it.each(CASES)('$name { $key: $value }', ({ make, valid, key, value }) => {
    const o = optimizer();
    const groups = structuredClone(o.paramGroups);
    const err = thrown(() => make(o, { ...valid, [key]: value }));
    expect(err.message).toMatch(names(key));
    expect(o.paramGroups).toEqual(groups);
  });

  it.each([
    [() => new CosineAnnealingLR(optimizer(), { tMax: 10, etaMin: NaN }), 'CosineAnnealingLR: etaMin must be a finite number, got NaN'],
    [() => new OneCycleLR(optimizer(), { maxLr: NaN, totalSteps: 10 }), 'max_lr must be finite and >= 0, got NaN'],
    [() => new ReduceLROnPlateau(optimizer(), { patience: -1 }), 'ReduceLROnPlateau: patience must be an integer >= 0, got -1'],
    [() => new LinearLR(optimizer(), { startFactor: 2 }), 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1. Got 2'],
    [() => new StepLR(optimizer(), { step_size: 50 } as never), 'StepLR: unknown option step_size (did you mean stepSize? options are camelCase); the options are stepSize, gamma, lastEpoch'],
    [() => new ExponentialLR(optimizer(), { gamma: 0.5, last_epoch: 5, verbose: true, foo: 1 } as never), 'ExponentialLR: unknown option last_epoch (did you mean lastEpoch? options are camelCase); the options are gamma, lastEpoch'],
    [() => new ExponentialLR(optimizer(), { gamma: 0.5, verbose: true } as never), 'ExponentialLR: unknown option verbose; the options are gamma, lastEpoch'],
    [() => new (StepLR as unknown as new (...a: unknown[]) => unknown)(optimizer(), 50, 0.5), "StepLR: options must be an object { stepSize, gamma, lastEpoch } (Descent takes scheduler options by name, not PyTorch's positional arguments), got 50"],
    [() => new StepLR({} as never, { stepSize: 1 }), 'StepLR: optimizer must be an optimizer (an object with paramGroups: an array of { lr, ... }), got an object {}'],
    [() => new StepLR(null as never, { stepSize: 1 }), 'StepLR: optimizer must be an optimizer (an object with paramGroups: an array of { lr, ... }), got null'],
    [() => new StepLR({ paramGroups: [{ lr: 'x' }] } as never, { stepSize: 1 }), 'StepLR: optimizer.paramGroups[0].lr must be a finite number, got "x"'],
    [() => new ChainedScheduler(null as never), 'ChainedScheduler: schedulers must be an array of schedulers, got null'],
    [() => new SequentialLR(optimizer(), { schedulers: 5, milestones: [] } as never), 'SequentialLR: schedulers must be a non-empty array of epoch schedulers (LRScheduler), got 5'],
    [() => new SequentialLR(optimizer(), null as never), "SequentialLR: options must be an object { schedulers, milestones, lastEpoch } (Descent takes scheduler options by name, not PyTorch's positional arguments), got null"],
  ])('%#: the issue\'s cases, exact messages', (fn, message) => {
    expect(thrown(fn).message).toBe(message);
  });

  it.each(SCHEDULERS)('%s: the options object itself must be an object', (_name, make, valid) => {
    for (const bad of [5, 'x', null, [valid], true]) expect(thrown(() => make(optimizer(), bad)).message).toMatch(/options must be an object/);
  });
});

/** The scheduler's state and the optimizer's groups, to compare before and after a refused call. */
function picture(s: Scheduler): string {
  return JSON.stringify({ state: s.stateDict(), groups: s.optimizer.paramGroups }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

function stepped(make: Make, valid: Record<string, unknown>): Scheduler {
  const s = make(optimizer(), valid);
  for (let i = 0; i < 3; i++) (s.step as (m?: number) => void)(s instanceof ReduceLROnPlateau ? 1 : undefined);
  return s;
}

describe('step refuses what is not an epoch (or a metric), and changes nothing', () => {
  it.each(SCHEDULERS.filter(([name]) => name !== 'ReduceLROnPlateau'))('%s.step(NaN | "3" | Infinity | null | {})', (_name, make, valid) => {
    const s = stepped(make, valid);
    const before = picture(s);
    for (const bad of [NaN, '3', Infinity, null, {}]) {
      expect(thrown(() => (s.step as (e: unknown) => void)(bad)).message).toMatch(/\.step: epoch must be a finite number, got/);
    }
    expect(picture(s)).toBe(before);
    expect(s.getLastLr().every(Number.isFinite)).toBe(true);
  });

  it('ReduceLROnPlateau.step("3") and a bad epoch', () => {
    const s = new ReduceLROnPlateau(optimizer());
    for (let i = 0; i < 3; i++) s.step(1);
    const before = picture(s);
    expect(thrown(() => s.step('3' as never)).message).toBe('ReduceLROnPlateau.step: metric must be a number, got "3"');
    expect(thrown(() => s.step(1, NaN)).message).toBe('ReduceLROnPlateau.step: epoch must be a finite number, got NaN');
    expect(picture(s)).toBe(before);
  });

  it('StepLR.step(NaN) (the issue\'s case) keeps lastEpoch and lr', () => {
    const o = optimizer();
    const s = new StepLR(o, { stepSize: 2 });
    expect(thrown(() => s.step(NaN))).toEqual(new RangeError('StepLR.step: epoch must be a finite number, got NaN'));
    expect(thrown(() => s.step('3' as never))).toEqual(new TypeError('StepLR.step: epoch must be a finite number, got "3"'));
    expect([s.lastEpoch, o.paramGroups[0]?.lr]).toEqual([0, 0.1]);
  });

  it('SequentialLR and ChainedScheduler take no argument', () => {
    const o = optimizer();
    const seq = new SequentialLR(o, { schedulers: [new ConstantLR(o), new ExponentialLR(o, { gamma: 0.9 })], milestones: [2] });
    expect(thrown(() => (seq.step as (e: unknown) => void)('3')).message).toBe('SequentialLR.step takes no arguments, got ["3"]');
    const chained = new ChainedScheduler([new ExponentialLR(optimizer(), { gamma: 0.9 })]);
    expect(thrown(() => (chained.step as (e: unknown) => void)(3)).message).toBe('ChainedScheduler.step takes no arguments, got [3]');
  });
});

describe('loadStateDict refuses what the constructor refuses, and then nothing has changed', () => {
  const loadCases = SCHEDULERS.flatMap(([name, make, valid]) => {
    const keys = Object.entries(stepped(make, valid).stateDict()).filter(([, v]) => v !== null && typeof v !== 'function');
    return keys.flatMap(([key]) => ['x', NaN, null].map((value) => ({ name, make, valid, key, value })));
  });
  it.each(loadCases)('$name: { $key: $value }', ({ make, valid, key, value }) => {
    const s = stepped(make, valid);
    const before = picture(s);
    if (key === 'best' && value === null) return; // null is ±Infinity through JSON (documented)
    const err = thrown(() => s.loadStateDict({ ...s.stateDict(), [key]: value }));
    expect(err.message).toMatch(new RegExp(`${key}|mode|anneal_strategy`));
    expect(picture(s)).toBe(before);
  });

  it.each(SCHEDULERS)('%s: the dict itself must be an object', (_name, make, valid) => {
    const s = stepped(make, valid);
    const before = picture(s);
    for (const bad of [null, undefined, 5, 'x', []]) expect(thrown(() => s.loadStateDict(bad as never)).message).toMatch(/loadStateDict: expected a state dict from stateDict\(\), got/);
    expect(picture(s)).toBe(before);
  });

  it.each([
    [{ lastEpoch: 'x' }, new TypeError('StepLR.loadStateDict: lastEpoch must be a number, got "x"')],
    [{ stepSize: 0, gamma: NaN }, new RangeError('StepLR.loadStateDict: gamma must be a number, got NaN')],
    [{ stepSize: 0 }, new RangeError('StepLR: stepSize must be a positive integer, got 0')],
    [{ gamma: -1 }, new RangeError('StepLR: gamma must be positive, got -1')],
    [{ baseLrs: [0.1, 0.2] }, new RangeError('StepLR.loadStateDict: baseLrs must hold 1 finite numbers (one per group), got [0.1, 0.2]')],
    [{ lastEpoch: -5 }, new RangeError('StepLR.loadStateDict: lastEpoch must be a finite number >= -1, got -5')],
  ])("StepLR: the issue's %j", (sd, error) => {
    const s = stepped(SCHEDULERS.find(([n]) => n === 'StepLR')![1], { stepSize: 2 });
    const before = picture(s);
    expect(() => s.loadStateDict(sd)).toThrow(error);
    expect(picture(s)).toBe(before);
  });

  it('ReduceLROnPlateau: patience -1 and factor 2 are refused on load too', () => {
    const s = new ReduceLROnPlateau(optimizer());
    const before = picture(s);
    expect(() => s.loadStateDict({ patience: -1 })).toThrow(new RangeError('ReduceLROnPlateau.loadStateDict: patience must be an integer >= 0, got -1'));
    expect(() => s.loadStateDict({ factor: 2 })).toThrow(new RangeError('Factor should be < 1.0.'));
    expect(picture(s)).toBe(before);
  });

  it('a composite whose second child refuses its state restores the first child', () => {
    const o = optimizer();
    const seq = new SequentialLR(o, { schedulers: [new ConstantLR(o), new ExponentialLR(o, { gamma: 0.9 })], milestones: [2] });
    seq.step();
    const before = picture(seq);
    const sd = seq.stateDict();
    const children = sd.schedulers as Record<string, unknown>[];
    children[0] = { ...children[0], lastEpoch: 7 };
    children[1] = { ...children[1], gamma: NaN };
    expect(() => seq.loadStateDict(sd)).toThrow(new RangeError('ExponentialLR.loadStateDict: gamma must be a number, got NaN'));
    expect(picture(seq)).toBe(before);
  });

  it('a valid dict still loads (the checks refuse only what is wrong)', () => {
    for (const [, make, valid] of SCHEDULERS) {
      const a = stepped(make, valid);
      const b = make(optimizer(), valid);
      b.loadStateDict(a.stateDict());
      expect(b.stateDict()).toEqual(a.stateDict());
    }
  });
});
