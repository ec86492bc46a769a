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
} from '@descent/lr-scheduler';

/** What a schedule needs of an optimizer: its param groups (as `@descent/lr-scheduler` does). */
export interface GroupsOnly {
  paramGroups: { lr: number; momentum: number; [k: string]: unknown }[];
}

/** One option of a scheduler, described for the explorer's inputs. */
export type OptionSpec =
  | { name: string; kind: 'number'; value: number; min: number; max: number; step: number }
  | { name: string; kind: 'select'; value: string; choices: string[] }
  | { name: string; kind: 'bool'; value: boolean }
  | { name: string; kind: 'list'; value: number[] };

/** Option values by name. */
export type OptionValues = Record<string, number | string | boolean | number[]>;

/** A scheduler steps the lr; ReduceLROnPlateau takes a metric. */
interface Steppable {
  step(metric?: number): unknown;
}

/** A scheduler of the catalogue: its options (with the defaults drawn) and how to build it. */
export interface SchedulerEntry {
  name: string;
  options: OptionSpec[];
  make(opt: GroupsOnly, v: OptionValues, epochs: number): Steppable;
  /** ReduceLROnPlateau's metric at an epoch. */
  metric?: (epoch: number) => number;
}

const num = (name: string, value: number, min: number, max: number, step: number): OptionSpec => ({
  name,
  kind: 'number',
  value,
  min,
  max,
  step,
});
const n = (v: OptionValues, k: string): number => v[k] as number;
const s = (v: OptionValues, k: string): string => v[k] as string;
const b = (v: OptionValues, k: string): boolean => v[k] as boolean;

/**
 * Amplitude scales CyclicLR's explorer offers as `scaleFn` (x is the cycle, from 1, or the step):
 * PyTorch's own examples (`0.5 ** (x - 1)` halves each cycle, `0.99 ** x` decays smoothly).
 */
export const SCALE_FNS: Record<string, ((x: number) => number) | undefined> = {
  none: undefined,
  '0.5^(x−1)': (x) => 0.5 ** (x - 1),
  '0.99^x': (x) => 0.99 ** x,
  '1/x': (x) => 1 / Math.max(x, 1),
};

/**
 * Every scheduler of `@descent/lr-scheduler`, with the tutorial's three first. Defaults are chosen
 * to show each schedule's shape over 200 epochs from lr 0.1.
 */
export const SCHEDULERS: readonly SchedulerEntry[] = [
  {
    name: 'StepLR',
    options: [num('stepSize', 50, 1, 200, 1), num('gamma', 0.5, 0.05, 1, 0.05)],
    make: (o, v) => new StepLR(o, { stepSize: n(v, 'stepSize'), gamma: n(v, 'gamma') }),
  },
  {
    name: 'MultiStepLR',
    options: [
      { name: 'milestones', kind: 'list', value: [50, 125, 160] },
      num('gamma', 0.5, 0.05, 1, 0.05),
    ],
    make: (o, v) =>
      new MultiStepLR(o, { milestones: v.milestones as number[], gamma: n(v, 'gamma') }),
  },
  {
    name: 'ExponentialLR',
    options: [num('gamma', 0.95, 0.8, 1, 0.005)],
    make: (o, v) => new ExponentialLR(o, { gamma: n(v, 'gamma') }),
  },
  {
    name: 'ConstantLR',
    options: [num('factor', 1 / 3, 0.05, 1, 0.05), num('totalIters', 50, 1, 200, 1)],
    make: (o, v) => new ConstantLR(o, { factor: n(v, 'factor'), totalIters: n(v, 'totalIters') }),
  },
  {
    name: 'LinearLR',
    options: [
      num('startFactor', 1 / 3, 0.01, 1, 0.01),
      num('endFactor', 1, 0, 1, 0.01),
      num('totalIters', 50, 1, 200, 1),
    ],
    make: (o, v) =>
      new LinearLR(o, {
        startFactor: n(v, 'startFactor'),
        endFactor: n(v, 'endFactor'),
        totalIters: n(v, 'totalIters'),
      }),
  },
  {
    name: 'PolynomialLR',
    options: [num('totalIters', 150, 1, 200, 1), num('power', 2, 0.1, 5, 0.1)],
    make: (o, v) => new PolynomialLR(o, { totalIters: n(v, 'totalIters'), power: n(v, 'power') }),
  },
  {
    name: 'CosineAnnealingLR',
    options: [num('tMax', 50, 1, 200, 1), num('etaMin', 0.001, 0, 0.05, 0.001)],
    make: (o, v) => new CosineAnnealingLR(o, { tMax: n(v, 'tMax'), etaMin: n(v, 'etaMin') }),
  },
  {
    name: 'CosineAnnealingWarmRestarts',
    options: [num('t0', 20, 1, 100, 1), num('tMult', 2, 1, 4, 1), num('etaMin', 0, 0, 0.05, 0.001)],
    make: (o, v) =>
      new CosineAnnealingWarmRestarts(o, {
        t0: n(v, 't0'),
        tMult: n(v, 'tMult'),
        etaMin: n(v, 'etaMin'),
      }),
  },
  {
    name: 'InverseTimeLR (1/t)',
    options: [
      num('decayRate', 0.05, 0, 0.5, 0.005),
      num('decaySteps', 1, 1, 50, 1),
      { name: 'staircase', kind: 'bool', value: false },
    ],
    make: (o, v) =>
      new InverseTimeLR(o, {
        decayRate: n(v, 'decayRate'),
        decaySteps: n(v, 'decaySteps'),
        staircase: b(v, 'staircase'),
      }),
  },
  {
    name: 'LambdaLR (base^epoch)',
    options: [num('base', 0.98, 0.9, 1, 0.005)],
    make: (o, v) => new LambdaLR(o, { lrLambda: (epoch: number) => n(v, 'base') ** epoch }),
  },
  {
    name: 'MultiplicativeLR',
    options: [num('factor', 0.98, 0.9, 1, 0.005)],
    make: (o, v) => new MultiplicativeLR(o, { lrLambda: () => n(v, 'factor') }),
  },
  {
    name: 'CyclicLR',
    options: [
      num('baseLr', 0.001, 0, 0.1, 0.001),
      num('maxLr', 0.1, 0.001, 0.2, 0.001),
      num('stepSizeUp', 25, 1, 100, 1),
      num('stepSizeDown', 25, 1, 100, 1),
      {
        name: 'mode',
        kind: 'select',
        value: 'triangular2',
        choices: ['triangular', 'triangular2', 'exp_range'],
      },
      num('gamma', 0.99, 0.9, 1, 0.001),
      // A custom amplitude scale (PyTorch's scale_fn, which then overrides mode), by name.
      { name: 'scaleFn', kind: 'select', value: 'none', choices: Object.keys(SCALE_FNS) },
      { name: 'scaleMode', kind: 'select', value: 'cycle', choices: ['cycle', 'iterations'] },
      { name: 'cycleMomentum', kind: 'bool', value: true },
      num('baseMomentum', 0.8, 0, 1, 0.01),
      num('maxMomentum', 0.9, 0, 1, 0.01),
    ],
    make: (o, v) =>
      new CyclicLR(o, {
        baseLr: n(v, 'baseLr'),
        maxLr: n(v, 'maxLr'),
        stepSizeUp: n(v, 'stepSizeUp'),
        stepSizeDown: n(v, 'stepSizeDown'),
        mode: s(v, 'mode') as 'triangular' | 'triangular2' | 'exp_range',
        gamma: n(v, 'gamma'),
        ...(SCALE_FNS[s(v, 'scaleFn')] ? { scaleFn: SCALE_FNS[s(v, 'scaleFn')] } : {}),
        scaleMode: s(v, 'scaleMode') as 'cycle' | 'iterations',
        cycleMomentum: b(v, 'cycleMomentum'),
        baseMomentum: n(v, 'baseMomentum'),
        maxMomentum: n(v, 'maxMomentum'),
      }),
  },
  {
    name: 'OneCycleLR',
    options: [
      num('maxLr', 0.1, 0.001, 0.2, 0.001),
      num('pctStart', 0.3, 0.05, 0.95, 0.05),
      { name: 'annealStrategy', kind: 'select', value: 'cos', choices: ['cos', 'linear'] },
      num('divFactor', 25, 1, 100, 1),
      num('finalDivFactor', 1e4, 1, 1e5, 1),
      { name: 'threePhase', kind: 'bool', value: false },
      { name: 'cycleMomentum', kind: 'bool', value: true },
      num('baseMomentum', 0.85, 0, 1, 0.01),
      num('maxMomentum', 0.95, 0, 1, 0.01),
    ],
    make: (o, v, epochs) =>
      new OneCycleLR(o, {
        maxLr: n(v, 'maxLr'),
        totalSteps: epochs,
        pctStart: n(v, 'pctStart'),
        annealStrategy: s(v, 'annealStrategy') as 'cos' | 'linear',
        divFactor: n(v, 'divFactor'),
        finalDivFactor: n(v, 'finalDivFactor'),
        threePhase: b(v, 'threePhase'),
        cycleMomentum: b(v, 'cycleMomentum'),
        baseMomentum: n(v, 'baseMomentum'),
        maxMomentum: n(v, 'maxMomentum'),
      }),
  },
  {
    name: 'ReduceLROnPlateau',
    options: [
      { name: 'mode', kind: 'select', value: 'min', choices: ['min', 'max'] },
      num('factor', 0.5, 0.05, 0.95, 0.05),
      num('patience', 10, 0, 50, 1),
      num('threshold', 1e-4, 0, 0.1, 1e-4),
      { name: 'thresholdMode', kind: 'select', value: 'rel', choices: ['rel', 'abs'] },
      num('cooldown', 5, 0, 50, 1),
      num('minLr', 0.001, 0, 0.05, 0.001),
      num('eps', 1e-8, 0, 1e-3, 1e-8),
    ],
    // A loss that falls, then stalls at 0.2 from epoch 40.
    metric: (epoch) => Math.max(0.2, 1 - epoch / 50),
    make: (o, v) =>
      new ReduceLROnPlateau(o, {
        mode: s(v, 'mode') as 'min' | 'max',
        factor: n(v, 'factor'),
        patience: n(v, 'patience'),
        threshold: n(v, 'threshold'),
        thresholdMode: s(v, 'thresholdMode') as 'rel' | 'abs',
        cooldown: n(v, 'cooldown'),
        minLr: n(v, 'minLr'),
        eps: n(v, 'eps'),
      }),
  },
  {
    name: 'SequentialLR (warm-up, cosine)',
    options: [
      num('milestone', 10, 1, 100, 1),
      num('startFactor', 0.1, 0.01, 1, 0.01),
      num('etaMin', 0, 0, 0.05, 0.001),
    ],
    make: (o, v, epochs) =>
      new SequentialLR(o, {
        schedulers: [
          new LinearLR(o, {
            startFactor: n(v, 'startFactor'),
            endFactor: 1,
            totalIters: n(v, 'milestone'),
          }),
          new CosineAnnealingLR(o, { tMax: epochs - n(v, 'milestone'), etaMin: n(v, 'etaMin') }),
        ],
        milestones: [n(v, 'milestone')],
      }),
  },
  {
    name: 'ChainedScheduler',
    options: [
      num('constantFactor', 0.5, 0.05, 1, 0.05),
      num('constantIters', 20, 1, 100, 1),
      num('gamma', 0.98, 0.9, 1, 0.005),
    ],
    make: (o, v) =>
      new ChainedScheduler([
        new ConstantLR(o, { factor: n(v, 'constantFactor'), totalIters: n(v, 'constantIters') }),
        new ExponentialLR(o, { gamma: n(v, 'gamma') }),
      ]),
  },
];

/** The default option values of a scheduler. */
export function defaultsOf(entry: SchedulerEntry): OptionValues {
  return Object.fromEntries(entry.options.map((o) => [o.name, o.value]));
}

/**
 * Runs a schedule as PyTorch's protocol does: the lr right after construction, then for each
 * epoch `scheduler.step()` (ReduceLROnPlateau: `step(metric)`) and the lr after it.
 */
export function simulateSchedule(
  entry: SchedulerEntry,
  values: OptionValues = defaultsOf(entry),
  { epochs = 200, lr = 0.1, momentum = 0.9 } = {},
): { lrs: number[]; momentum: number[] } {
  const opt: GroupsOnly = { paramGroups: [{ lr, momentum }] };
  const scheduler = entry.make(opt, values, epochs);
  const group = opt.paramGroups[0] as GroupsOnly['paramGroups'][number];
  const lrs = [group.lr];
  const mom = [group.momentum];
  for (let e = 0; e < epochs; e++) {
    scheduler.step(entry.metric?.(e));
    lrs.push(group.lr);
    mom.push(group.momentum);
  }
  return { lrs, momentum: mom };
}
