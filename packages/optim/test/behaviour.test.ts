import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  LBFGS,
  NAdam,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

const seed = loadGolden('seed_examples').examples;

describe("the tutorial's two-step runs on loss w²/2 from w = 1", () => {
  // Built from the golden's two_steps_setup; gradients come from autograd's backward.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the golden options are data
  const classes: Record<string, new (params: Tensor[], options: any) => OptimizerLike> = {
    SGD,
    Adagrad,
    RMSprop,
    Adam,
  };
  it.each(Object.entries(seed.two_steps))('prints %s exactly as the tutorial', (label, rows) => {
    const setup = seed.two_steps_setup[label];
    expect(setup).toBeDefined();
    const { optimizer, options, w0, steps, dtype } = setup!;
    expect(rows).toHaveLength(steps);
    const w = tensor([w0], {
      dtype: dtype === 'float64' ? 'float64' : 'float32',
      requiresGrad: true,
    });
    const opt = new classes[optimizer]!([w], options);
    rows.forEach((row, i) => {
      opt.zeroGrad();
      w.pow(2).div(2).sum().backward();
      const grad = (w.grad as Tensor).item();
      opt.step();
      // C's %f is six decimals, as toFixed(6).
      const line = `第${i + 1}次: 梯度w.grad: ${grad.toFixed(6)}, 更新后的权重:${w.item().toFixed(6)}`;
      expect(line).toBe(row.line);
      expect([grad.toFixed(6), w.item().toFixed(6)]).toEqual([row.gradF, row.weightF]);
      expect(Math.abs(grad - row.grad)).toBeLessThanOrEqual(1e-6 * Math.abs(row.grad));
      expect(Math.abs(w.item() - row.weight)).toBeLessThanOrEqual(1e-6 * Math.abs(row.weight));
    });
  });

  it('takes w from 1 to 0.9 with SGD(lr 0.1), in float32 and float64', () => {
    const { w1, w1Float64 } = seed.sgd_single_step;
    for (const [dtype, want] of [
      ['float32', w1],
      ['float64', w1Float64],
    ] as const) {
      const w = tensor([1], { dtype, requiresGrad: true });
      w.pow(2).div(2).sum().backward();
      new SGD([w], { lr: 0.1 }).step();
      expect(w.item()).toBe(want);
    }
  });
});

describe('SGD momentum as the tutorial writes it', () => {
  it('equals s_t = β·s_{t−1} + (1 − β)·g_t with s_1 = g_1 when dampening = β', () => {
    const beta = 0.9;
    const lr = 0.05;
    const grads = [0.3, -1.2, 0.7, 2.5, -0.4];
    const w = tensor([1], { dtype: 'float64', requiresGrad: true });
    const opt = new SGD([w], { lr, momentum: beta, dampening: beta });
    // Hand-written recurrence.
    let s = 0;
    let want = 1;
    grads.forEach((g, t) => {
      s = t === 0 ? g : beta * s + (1 - beta) * g;
      want -= lr * s;
      w.grad = tensor([g], { dtype: 'float64' });
      opt.step();
      expect(w.item()).toBeCloseTo(want, 14);
    });
  });
});

describe('validation worded as PyTorch', () => {
  const p = (): Tensor => tensor([1], { requiresGrad: true });
  it.each([
    [() => new SGD([p()], { lr: -1 }), RangeError, 'Invalid learning rate: -1'],
    [() => new SGD([p()], { lr: 0.1, momentum: -0.5 }), RangeError, 'Invalid momentum value: -0.5'],
    [
      () => new SGD([p()], { lr: 0.1, nesterov: true }),
      RangeError,
      'Nesterov momentum requires a momentum and zero dampening',
    ],
    [
      () => new Adam([p()], { betas: [1, 0.999] }),
      RangeError,
      'Invalid beta parameter at index 0: 1',
    ],
    [() => new Adam([p()], { eps: -1e-8 }), RangeError, 'Invalid epsilon value: -1e-08'],
    [() => new AdamW([p()], { weightDecay: -1 }), RangeError, 'Invalid weight_decay value: -1'],
    [() => new Adagrad([p()], { lrDecay: -1 }), RangeError, 'Invalid lr_decay value: -1'],
    [
      () => new Adagrad([p()], { initialAccumulatorValue: -1 }),
      RangeError,
      'Invalid initial_accumulator_value value: -1',
    ],
    [() => new Adadelta([p()], { rho: 1.1 }), RangeError, 'Invalid rho value: 1.1'],
    [() => new RMSprop([p()], { alpha: -1 }), RangeError, 'Invalid alpha value: -1'],
    [() => new NAdam([p()], { momentumDecay: -1 }), RangeError, 'Invalid momentum_decay value: -1'],
    [() => new Rprop([p()], { etas: [1.2, 0.5] }), RangeError, 'Invalid eta values: 1.2, 0.5'],
    [() => new SGD([], { lr: 0.1 }), RangeError, 'optimizer got an empty parameter list'],
    [
      () => new SGD([p()], { lr: 0.1, weightDecay: -1 }),
      RangeError,
      'Invalid weight_decay value: -1',
    ],
    [
      () => new Adam([p()], { betas: [0.9, -0.1] }),
      RangeError,
      'Invalid beta parameter at index 1: -0.1',
    ],
    [() => new RMSprop([p()], { momentum: -0.5 }), RangeError, 'Invalid momentum value: -0.5'],
    [() => new Adamax([p()], { lr: -1e-5 }), RangeError, 'Invalid learning rate: -1e-05'],
    [() => new Rprop([p()], { etas: [0.5, 0.9] }), RangeError, 'Invalid eta values: 0.5, 0.9'],
    [() => new RAdam([p()], { eps: -1 }), RangeError, 'Invalid epsilon value: -1'],
    [() => new ASGD([p()], { weightDecay: -2 }), RangeError, 'Invalid weight_decay value: -2'],
  ])('%#: %s', (fn, cls, message) => {
    expect(fn).toThrow(new cls(message));
  });

  it('rejects a parameter in two groups, and a Set', () => {
    const a = p();
    expect(() => new SGD([{ params: [a] }, { params: [a] }], { lr: 0.1 })).toThrow(
      new Error('some parameters appear in more than one parameter group'),
    );
    const opt = new SGD([a], { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(
      new Error('some parameters appear in more than one parameter group'),
    );
    expect(opt.paramGroups).toHaveLength(1);
    expect(() => new SGD(new Set([p()]), { lr: 0.1 })).toThrow(
      new TypeError(
        'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Set (its order is not stable)',
      ),
    );
    expect(() => new SGD([{ params: new Set([p()]) }], { lr: 0.1 })).toThrow(
      new TypeError(
        'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
      ),
    );
    expect(() => new SGD([p(), 3 as unknown as Tensor], { lr: 0.1 })).toThrow(
      new TypeError('optimizer can only optimize Tensors, but one of the params is number'),
    );
  });

  it('leaves the optimizer unchanged when addParamGroup fails', () => {
    const a = p();
    const opt = new SGD([a], { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: [p(), a] })).toThrow(Error);
    expect(() => opt.addParamGroup({ params: [] })).not.toThrow(); // PyTorch allows an empty extra group
    expect(opt.paramGroups.map((g) => g.params.length)).toEqual([1, 0]);
  });

  it("fills group options from the defaults without touching the caller's objects", () => {
    const group = { params: [p()], lr: 0.5 };
    const opt = new SGD([group, { params: [p()] }], { lr: 0.1, momentum: 0.9 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum, g.dampening])).toEqual([
      [0.5, 0.9, 0],
      [0.1, 0.9, 0],
    ]);
    opt.paramGroups[0]!.lr = 7;
    expect(group).toEqual({ params: group.params, lr: 0.5 });
    expect(opt.paramGroups[0]!.params).not.toBe(group.params);
  });
});

describe('state dicts', () => {
  const run = (opt: OptimizerLike, w: Tensor, grads: number[][]): void => {
    for (const g of grads) {
      w.grad = tensor(g);
      opt.step();
    }
  };
  const grads = Array.from({ length: 12 }, (_, k) => [
    Math.sin(k + 1),
    Math.cos(2 * k),
    0.3 * k - 1,
  ]);

  it.each([
    ['Adam', (w: Tensor) => new Adam([w], { lr: 0.01, amsgrad: true })],
    ['SGD', (w: Tensor) => new SGD([w], { lr: 0.01, momentum: 0.9, nesterov: true })],
    ['RMSprop', (w: Tensor) => new RMSprop([w], { centered: true, momentum: 0.5 })],
    ['Adagrad', (w: Tensor) => new Adagrad([w], { lrDecay: 0.1 })],
    ['NAdam', (w: Tensor) => new NAdam([w])],
    ['ASGD', (w: Tensor) => new ASGD([w], { t0: 3 })],
    ['Rprop', (w: Tensor) => new Rprop([w])],
    ['Adamax', (w: Tensor) => new Adamax([w])],
    ['RAdam', (w: Tensor) => new RAdam([w])],
  ])('%s continues bit-identically after a save and load mid-training', (_n, make) => {
    const w1 = tensor([0.5, -1, 2], { requiresGrad: true });
    const o1 = make(w1);
    run(o1, w1, grads);

    const w2 = tensor([0.5, -1, 2], { requiresGrad: true });
    const o2 = make(w2);
    run(o2, w2, grads.slice(0, 5));
    const saved = o2.stateDict();
    const w3 = tensor(w2.tolist(), { requiresGrad: true });
    const o3 = make(w3);
    o3.loadStateDict(saved);
    // The saved state is a copy: stepping o2 further must not change it.
    run(o2, w2, grads.slice(5, 6));
    run(o3, w3, grads.slice(5));
    expect(Array.from(w3.toTypedArray())).toEqual(Array.from(w1.toTypedArray()));
  });

  it('refuses a state dict with another group layout and changes nothing', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2], { requiresGrad: true });
    const two = new SGD([{ params: [a] }, { params: [b] }], { lr: 0.1 });
    const one = new SGD([tensor([1], { requiresGrad: true })], { lr: 0.5 });
    expect(() => one.loadStateDict(two.stateDict())).toThrow(
      new RangeError('loaded state dict has a different number of parameter groups'),
    );
    expect(one.paramGroups[0]?.lr).toBe(0.5);
  });

  it('refuses a group of another size and keeps its own state', () => {
    const a = tensor([1], { requiresGrad: true });
    const opt = new SGD([a], { lr: 0.1, momentum: 0.9 });
    a.grad = tensor([2]);
    opt.step(); // buffer = [2]
    const other = new SGD(
      [tensor([1], { requiresGrad: true }), tensor([3], { requiresGrad: true })],
      { lr: 0.5 },
    );
    expect(() => opt.loadStateDict(other.stateDict())).toThrow(
      new RangeError(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      ),
    );
    expect((opt.state.get(a)?.momentumBuffer as Tensor).tolist()).toEqual([2]);
    expect(opt.paramGroups[0]?.lr).toBe(0.1);
  });

  it('saves parameters by index and state as copies', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1, 2], { requiresGrad: true });
    const opt = new Adam([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1 });
    a.grad = tensor([1]);
    b.grad = tensor([1, 1]);
    opt.step();
    const sd = opt.stateDict();
    expect(sd.paramGroups.map((g) => [g.params, g.lr])).toEqual([
      [[0], 0.1],
      [[1], 0.5],
    ]);
    (sd.state[1]?.expAvg as Tensor).fill_(9);
    sd.paramGroups[0]!.lr = 7;
    expect((opt.state.get(b)?.expAvg as Tensor).tolist()).toEqual([0.1, 0.1].map(Math.fround)); // (1 − β₁)·g
    expect(opt.paramGroups[0]?.lr).toBe(0.1);
  });
});

describe('hooks, zeroGrad and closures', () => {
  it('runs pre and post hooks around step until removed', () => {
    const w = tensor([1], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1 });
    const calls: string[] = [];
    const pre = opt.registerStepPreHook(() => calls.push('pre'));
    opt.registerStepPostHook(() => calls.push(`post ${w.item().toFixed(2)}`));
    w.grad = tensor([1]);
    opt.step();
    pre.remove();
    opt.step();
    expect(calls).toEqual(['pre', 'post 0.90', 'post 0.80']);
  });

  it('sets gradients to null by default, or zeroes them', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1 });
    w.grad = tensor([3, 4]);
    opt.zeroGrad({ setToNone: false });
    expect(w.grad?.tolist()).toEqual([0, 0]);
    opt.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it("returns the closure's loss", () => {
    const w = tensor([3], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1 });
    const loss = opt.step(() => {
      opt.zeroGrad();
      const l = w.pow(2).sum();
      l.backward();
      return l;
    });
    expect(loss).toBe(9);
    expect(w.item()).toBeCloseTo(3 - 0.1 * 6, 6);
  });
});

// Optax-style convergence table: each optimizer reaches the minimum of a parabola and Rosenbrock.
describe('convergence', () => {
  const parabola = (x: Tensor): Tensor =>
    x
      .sub(tensor([1, -2], { dtype: 'float64' }))
      .pow(2)
      .sum();
  const rosenbrock = (x: Tensor): Tensor => {
    const a = x.narrow(0, 0, 1);
    const b = x.narrow(0, 1, 1);
    return a
      .neg()
      .add(1)
      .pow(2)
      .add(b.sub(a.pow(2)).pow(2).mul(100))
      .sum();
  };
  it.each([
    ['SGD', (w: Tensor) => new SGD([w], { lr: 0.1 }), parabola, [1, -2], 200],
    ['Adam', (w: Tensor) => new Adam([w], { lr: 0.05 }), parabola, [1, -2], 1000],
    ['RMSprop', (w: Tensor) => new RMSprop([w], { lr: 0.01 }), parabola, [1, -2], 1000],
    ['Adagrad', (w: Tensor) => new Adagrad([w], { lr: 0.5 }), parabola, [1, -2], 1000],
    ['Adadelta', (w: Tensor) => new Adadelta([w], { lr: 10 }), parabola, [1, -2], 1000],
    ['Rprop', (w: Tensor) => new Rprop([w]), parabola, [1, -2], 200],
    ['Adam on Rosenbrock', (w: Tensor) => new Adam([w], { lr: 0.02 }), rosenbrock, [1, 1], 5000],
  ] as const)('%s reaches the minimum', (_n, make, f, minimum, steps) => {
    const w = tensor([-1, 1.5], { dtype: 'float64', requiresGrad: true });
    const opt = make(w);
    for (let i = 0; i < steps; i++) {
      opt.zeroGrad();
      f(w).backward();
      opt.step();
    }
    (w.tolist() as number[]).forEach((v, i) =>
      expect(Math.abs(v - (minimum[i] as number))).toBeLessThan(2e-2),
    );
  });

  it('LBFGS with strong Wolfe solves Rosenbrock', () => {
    const w = tensor([-1, 1.5], { dtype: 'float64', requiresGrad: true });
    const opt = new LBFGS([w], { lineSearchFn: 'strong_wolfe', maxIter: 100 });
    for (let i = 0; i < 5; i++) {
      opt.step(() => {
        opt.zeroGrad();
        const l = rosenbrock(w);
        l.backward();
        return l;
      });
    }
    (w.tolist() as number[]).forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(1e-5));
  });
});

describe('LBFGS state dicts', () => {
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

  it('continues bit-identically after a save and load, and the saved history is a copy', () => {
    const x1 = tensor([3, -2, 0.5], { dtype: 'float64', requiresGrad: true });
    const o1 = make(x1);
    for (let k = 0; k < 4; k++) o1.step(closureFor(o1, x1));

    const x2 = tensor([3, -2, 0.5], { dtype: 'float64', requiresGrad: true });
    const o2 = make(x2);
    for (let k = 0; k < 2; k++) o2.step(closureFor(o2, x2));
    const saved = o2.stateDict();
    o2.step(closureFor(o2, x2)); // must not change `saved`
    const x3 = tensor([3, -2, 0.5], { dtype: 'float64', requiresGrad: true });
    const o0 = make(x3);
    for (let k = 0; k < 2; k++) o0.step(closureFor(o0, x3)); // same point as o2 when it saved
    const o3 = make(x3);
    o3.loadStateDict(saved);
    for (let k = 0; k < 2; k++) o3.step(closureFor(o3, x3));
    expect(x3.tolist()).toEqual(x1.tolist());
  });
});
