import { compareClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { ChainedScheduler, ConstantLR, ExponentialLR, InverseTimeLR, LinearLR, ReduceLROnPlateau, SequentialLR, StepLR } from '../src/index';
import type { SchedulableOptimizer, Scheduler } from '../src/index';
import type { OptimizerSpec } from './build';
import { build, checkpoint, fakeOptimizer, momentumOf, stepOnce } from './build';
import type { SchedulerSpec } from '@descent/fixtures';
import { references } from './references';

const golden = loadGolden('schedulers');

/** A reference run: its spec, the argument of every step and PyTorch's lrs (and momentum/β₁). */
interface Run extends SchedulerSpec {
  optimizer: OptimizerSpec;
  args: (number | null)[];
  lrs: number[][];
  track?: 'momentum' | 'beta1';
  moms?: number[][];
}

const runs: [string, Run][] = [
  ...golden.cases.map((c): [string, Run] => [
    c.name,
    { ...c, args: c.metrics ?? new Array<null>(c.epochs).fill(null), moms: c.track && (c.track === 'beta1' ? c.beta1 : c.momentum) },
  ]),
  ...references.calls.map((c): [string, Run] => [c.name, { ...c, args: c.calls, moms: c.track && c[c.track] }]),
];

describe('stateDict() / loadStateDict() mid-schedule, against PyTorch 1.13', () => {
  it.each(runs)('%s continues exactly as the uninterrupted PyTorch run', (_name, r) => {
    const mid = Math.floor(r.args.length / 2);
    const opt = fakeOptimizer(r.optimizer);
    const scheduler = build(r, opt);
    r.args.slice(0, mid).forEach((a) => stepOnce(scheduler, a));
    // The state holds data only (no functions), survives JSON, and is a deep copy.
    const state = scheduler.stateDict();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const copy = structuredClone(state);
    for (const v of Object.values(state)) if (Array.isArray(v)) v.push(-1);
    state.lastEpoch = -100;
    expect(scheduler.stateDict()).toEqual(copy);
    const restored = checkpoint(scheduler, opt);

    // A new run: optimizer and scheduler built as before, then both states loaded (PyTorch's order).
    const opt2 = fakeOptimizer(r.optimizer);
    const scheduler2 = build(r, opt2);
    restored.groups.forEach((g, i) => Object.assign(opt2.paramGroups[i] as object, g));
    scheduler2.loadStateDict(restored.scheduler);
    expect(scheduler2.getLastLr()).toEqual(scheduler.getLastLr());
    const lrs: number[][] = [];
    const moms: number[][] = [];
    r.args.slice(mid).forEach((a) => {
      stepOnce(scheduler2, a);
      lrs.push(opt2.paramGroups.map((g) => g.lr));
      if (r.track) moms.push(momentumOf(opt2, r.track));
    });
    expect(compareClose(lrs.flat(), r.lrs.slice(mid + 1).flat(), golden.tolerance)).toBeNull();
    if (r.track) expect(compareClose(moms.flat(), (r.moms as number[][]).slice(mid + 1).flat(), golden.tolerance)).toBeNull();
  });

  it('InverseTimeLR (no PyTorch twin) resumes on lr₀ / (1 + k·⌊t / s⌋)', () => {
    const sgd = (): SchedulableOptimizer => ({ paramGroups: [{ lr: 0.1 }, { lr: 0.4 }] });
    const make = (o: SchedulableOptimizer): Scheduler => new InverseTimeLR(o, { decayRate: 0.5, decaySteps: 3, staircase: true });
    const opt = sgd();
    const s = make(opt);
    for (let e = 0; e < 7; e++) s.step();
    const saved = checkpoint(s, opt);
    const opt2 = sgd();
    const s2 = make(opt2);
    saved.groups.forEach((g, i) => Object.assign(opt2.paramGroups[i] as object, g));
    s2.loadStateDict(saved.scheduler);
    for (let t = 8; t <= 20; t++) {
      s2.step();
      [0.1, 0.4].forEach((lr0, i) => expect(opt2.paramGroups[i]?.lr).toBeCloseTo(lr0 / (1 + 0.5 * Math.floor(t / 3)), 15));
    }
  });
});

describe('loadStateDict() misuse', () => {
  const sgd = (): SchedulableOptimizer => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }], defaults: { momentum: 0.9 } });

  it('rejects an unknown key and changes nothing', () => {
    const s = new StepLR(sgd(), { stepSize: 2 });
    s.step();
    const before = s.stateDict();
    expect(() => s.loadStateDict({ lastEpoch: 7, stepsize: 3 })).toThrow(new RangeError('loadStateDict: unexpected key stepsize for StepLR'));
    expect(s.stateDict()).toEqual(before);
  });

  it('rejects a composite state with the wrong number of children', () => {
    const o = sgd();
    const s = new SequentialLR(o, { schedulers: [new ConstantLR(o), new ExponentialLR(o, { gamma: 0.9 })], milestones: [2] });
    const chained = new ChainedScheduler([new LinearLR(o)]);
    expect(() => s.loadStateDict(chained.stateDict())).toThrow(new RangeError('loadStateDict: expected 2 child scheduler states, got 1'));
  });

  it('ReduceLROnPlateau saved before its first metric survives JSON (best ±Infinity → null → ±Infinity)', () => {
    for (const mode of ['min', 'max'] as const) {
      const s = new ReduceLROnPlateau(sgd(), { mode });
      const json = JSON.parse(JSON.stringify(s.stateDict())) as Record<string, unknown>;
      expect(json.best).toBeNull();
      const copy = new ReduceLROnPlateau(sgd(), { mode });
      copy.loadStateDict(json);
      expect(copy.best).toBe(mode === 'min' ? Infinity : -Infinity);
      copy.step(5); // any first metric is an improvement
      expect([copy.best, copy.numBadEpochs]).toEqual([5, 0]);
    }
  });

  it("re-checks ReduceLROnPlateau's modes, as PyTorch's load_state_dict does", () => {
    const s = new ReduceLROnPlateau(sgd());
    expect(() => s.loadStateDict({ ...s.stateDict(), mode: 'best' })).toThrow(new RangeError('mode best is unknown!'));
    expect(s.mode).toBe('min');
  });
});
