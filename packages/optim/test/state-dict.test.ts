import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { FUSED_THRESHOLD } from '../src/fused';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  LBFGS,
  Lion,
  NAdam,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

type Make = (w: Tensor) => OptimizerLike;

// Every optimizer, with options that give it all of its state (momentum buffers, amsgrad, …).
const OPTIMIZERS: [string, Make][] = [
  ['SGD', (w) => new SGD([w], { lr: 0.01, momentum: 0.9, nesterov: true })],
  ['SGD dampening', (w) => new SGD([w], { lr: 0.01, momentum: 0.9, dampening: 0.9, weightDecay: 0.1 })],
  ['Adagrad', (w) => new Adagrad([w], { lrDecay: 0.1, initialAccumulatorValue: 0.1 })],
  ['RMSprop', (w) => new RMSprop([w], { centered: true, momentum: 0.5 })],
  ['Adam', (w) => new Adam([w], { lr: 0.01, amsgrad: true })],
  ['AdamW', (w) => new AdamW([w], { lr: 0.01, weightDecay: 0.1 })],
  ['Adamax', (w) => new Adamax([w])],
  ['NAdam', (w) => new NAdam([w])],
  ['RAdam', (w) => new RAdam([w])],
  ['Adadelta', (w) => new Adadelta([w], { weightDecay: 0.01 })],
  ['Rprop', (w) => new Rprop([w])],
  ['ASGD', (w) => new ASGD([w], { t0: 3 })],
  ['Lion', (w) => new Lion([w], { weightDecay: 0.1 })],
];

/** Deterministic values in [-1, 1) from a 32-bit LCG (Numerical Recipes constants). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

const STEPS = 12;
const SAVE_AT = 5;

function run(opt: OptimizerLike, w: Tensor, grads: number[][]): void {
  for (const g of grads) {
    w.grad = tensor(g, { dtype: w.dtype });
    opt.step();
  }
}

/**
 * An uninterrupted run against: run to SAVE_AT, save, keep stepping the original (which must not
 * change the saved dict), then a fresh optimizer over a fresh copy of the parameter loads the dict
 * and runs the rest. The two must agree bit for bit.
 */
function expectResumeMatches(make: Make, n: number, dtype: 'float32' | 'float64'): void {
  const init = values(n, 1);
  const grads = Array.from({ length: STEPS }, (_, k) => values(n, 10 + k));
  const w1 = tensor(init, { dtype, requiresGrad: true });
  run(make(w1), w1, grads);

  const w2 = tensor(init, { dtype, requiresGrad: true });
  const o2 = make(w2);
  run(o2, w2, grads.slice(0, SAVE_AT));
  const saved = o2.stateDict();
  const w3 = tensor(Array.from(w2.toTypedArray()), { dtype, requiresGrad: true });
  run(o2, w2, grads.slice(SAVE_AT, SAVE_AT + 2));
  const o3 = make(w3);
  o3.loadStateDict(saved);
  run(o3, w3, grads.slice(SAVE_AT));
  expect(Array.from(w3.toTypedArray())).toEqual(Array.from(w1.toTypedArray()));
}

describe('a state dict restored mid-training continues bit-identically', () => {
  it.each(OPTIMIZERS)('%s, float64', (_n, make) => expectResumeMatches(make, 5, 'float64'));
  it.each(OPTIMIZERS)('%s, float32', (_n, make) => expectResumeMatches(make, 3, 'float32'));
  // Large float32 parameters take the fused WebAssembly step (when available): state restored into
  // fresh buffers must continue just as well.
  it.each(OPTIMIZERS.filter(([n]) => /^(SGD|Adam|AdamW|RMSprop|Adagrad)$/.test(n)))(
    '%s, float32 of fused size',
    (_n, make) => expectResumeMatches(make, FUSED_THRESHOLD + 5, 'float32'),
  );

  it('LBFGS, whose history is saved as a copy', () => {
    // f(x) = Σ (i + 1)·(x_i − 1)², so the curvature differs per coordinate and the history matters.
    const closureFor = (opt: LBFGS, x: Tensor) => (): number => {
      opt.zeroGrad();
      const v = x.tolist() as number[];
      x.grad = tensor(
        v.map((e, i) => 2 * (i + 1) * (e - 1)),
        { dtype: 'float64' },
      );
      return v.reduce((s, e, i) => s + (i + 1) * (e - 1) ** 2, 0);
    };
    const make = (x: Tensor) => new LBFGS([x], { maxIter: 2, historySize: 3 });
    const start = [3, -2, 0.5];
    const x1 = tensor(start, { dtype: 'float64', requiresGrad: true });
    const o1 = make(x1);
    for (let k = 0; k < 4; k++) o1.step(closureFor(o1, x1));

    const x2 = tensor(start, { dtype: 'float64', requiresGrad: true });
    const o2 = make(x2);
    for (let k = 0; k < 2; k++) o2.step(closureFor(o2, x2));
    const saved = o2.stateDict();
    o2.step(closureFor(o2, x2)); // must not change `saved`
    const x3 = tensor(start, { dtype: 'float64', requiresGrad: true });
    const o0 = make(x3);
    for (let k = 0; k < 2; k++) o0.step(closureFor(o0, x3)); // the point o2 saved at
    const o3 = make(x3);
    o3.loadStateDict(saved);
    for (let k = 0; k < 2; k++) o3.step(closureFor(o3, x3));
    expect(x3.tolist()).toEqual(x1.tolist());
    expect(o3.counters).toEqual(o1.counters);
  });
});

describe('loadStateDict refuses another layout and changes nothing', () => {
  const p = (v: number[]): Tensor => tensor(v, { requiresGrad: true });

  /** An SGD with one step of momentum taken (buffer [2]), to check nothing of it changes. */
  function stepped(): { opt: SGD; a: Tensor } {
    const a = p([1]);
    const opt = new SGD([a], { lr: 0.1, momentum: 0.9 });
    a.grad = tensor([2]);
    opt.step();
    return { opt, a };
  }
  function unchanged({ opt, a }: { opt: SGD; a: Tensor }): void {
    expect((opt.state.get(a)?.momentumBuffer as Tensor).tolist()).toEqual([2]);
    expect(opt.paramGroups[0]?.lr).toBe(0.1);
    expect(opt.paramGroups[0]?.momentum).toBe(0.9);
  }

  it('another number of groups (PyTorch\'s message)', () => {
    const s = stepped();
    const two = new SGD([{ params: [p([1])] }, { params: [p([2])] }], { lr: 0.5 });
    expect(() => s.opt.loadStateDict(two.stateDict())).toThrow(
      new RangeError('loaded state dict has a different number of parameter groups'),
    );
    unchanged(s);
  });

  it('a group of another size (PyTorch\'s message)', () => {
    const s = stepped();
    const other = new SGD([p([1]), p([3])], { lr: 0.5 });
    expect(() => s.opt.loadStateDict(other.stateDict())).toThrow(
      new RangeError(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      ),
    );
    unchanged(s);
  });

  it('state of another shape (PyTorch would load it and fail at the next step)', () => {
    const s = stepped();
    const b = p([1, 2]);
    const other = new SGD([b], { lr: 0.5, momentum: 0.9 });
    b.grad = tensor([1, 1]);
    other.step();
    expect(() => s.opt.loadStateDict(other.stateDict())).toThrow(
      new RangeError('loaded state dict has momentumBuffer of shape [2] for parameter 0 of shape [1]'),
    );
    unchanged(s);
  });

  it('state for a parameter index that no group has', () => {
    const s = stepped();
    const sd = s.opt.stateDict();
    sd.state[3] = { momentumBuffer: tensor([1]) };
    expect(() => s.opt.loadStateDict(sd)).toThrow(
      new RangeError('loaded state dict has state for parameter 3, which is in no group'),
    );
    unchanged(s);
  });

  it('a state dict that went through JSON (tensors became plain objects)', () => {
    const s = stepped();
    const sd = JSON.parse(JSON.stringify(s.opt.stateDict())) as ReturnType<SGD['stateDict']>;
    expect(() => s.opt.loadStateDict(sd)).toThrow(
      new TypeError(
        'loaded state dict has momentumBuffer of parameter 0 that is neither a tensor nor a number, got [object Object] (rebuild tensors after a JSON round trip)',
      ),
    );
    unchanged(s);
  });

  it('an LBFGS history for another number of values', () => {
    const closure = (x: Tensor) => (): number => {
      x.grad = x.detach().mul(2);
      return (x.tolist() as number[]).reduce((t, v) => t + v * v, 0);
    };
    const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const big = new LBFGS([x], { maxIter: 3 });
    big.step(closure(x));
    const y = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const small = new LBFGS([y], { maxIter: 3 });
    small.step(closure(y));
    const before = small.stateDict();
    expect(() => small.loadStateDict(big.stateDict())).toThrow(
      new RangeError('LBFGS.loadStateDict: the saved history is for 3 parameter values, this optimizer has 2'),
    );
    expect(small.stateDict()).toEqual(before);
  });
});

describe('state dicts are copies', () => {
  it('saves parameters by index across groups, and shares no tensor or option with the optimizer', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1, 2], { requiresGrad: true });
    const opt = new Adam([{ params: [a] }, { params: [b], lr: 0.5, betas: [0.8, 0.9] }], { lr: 0.1 });
    a.grad = tensor([1]);
    b.grad = tensor([1, 1]);
    opt.step();
    const sd = opt.stateDict();
    expect(sd.paramGroups.map((g) => [g.params, g.lr, g.betas])).toEqual([
      [[0], 0.1, [0.9, 0.999]],
      [[1], 0.5, [0.8, 0.9]],
    ]);
    (sd.state[1]?.expAvg as Tensor).fill_(9);
    sd.paramGroups[0]!.lr = 7;
    (sd.paramGroups[1]!.betas as number[])[0] = 0;
    // (1 − β₁)·g with β₁ = 0.8 and g = 1, in float32
    expect((opt.state.get(b)?.expAvg as Tensor).tolist()).toEqual([0.2, 0.2].map(Math.fround));
    expect(opt.paramGroups[0]?.lr).toBe(0.1);
    expect(opt.paramGroups[1]?.betas).toEqual([0.8, 0.9]);
  });

  it('loads copies: changing the dict afterwards changes nothing', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const src = new Adam([a], { betas: [0.8, 0.9] });
    a.grad = tensor([1, 1]);
    src.step();
    const sd = src.stateDict();
    const b = tensor([1, 2], { requiresGrad: true });
    const dst = new Adam([b]);
    dst.loadStateDict(sd);
    (sd.state[0]?.expAvg as Tensor).fill_(9);
    (sd.paramGroups[0]!.betas as number[])[0] = 0;
    expect((dst.state.get(b)?.expAvg as Tensor).tolist()).toEqual([0.2, 0.2].map(Math.fround));
    expect(dst.paramGroups[0]?.betas).toEqual([0.8, 0.9]);
    expect(dst.paramGroups[0]?.params[0]).toBe(b);
  });

  it('casts floating state to the parameter dtype, as PyTorch does', () => {
    const a = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const src = new RMSprop([a]);
    a.grad = tensor([0.5, 1], { dtype: 'float64' });
    src.step();
    const b = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const dst = new RMSprop([b]);
    dst.loadStateDict(src.stateDict());
    const sq = dst.state.get(b)?.squareAvg as Tensor;
    expect(sq.dtype).toBe('float32');
    // (1 − α)·g² with α = 0.99
    expect(sq.tolist()).toEqual([0.01 * 0.25, 0.01].map(Math.fround));
  });
});
