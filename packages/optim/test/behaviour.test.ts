import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { Adadelta, Adagrad, Adam, LBFGS, RMSprop, Rprop, SGD } from '../src/index';
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

  it('runs the hooks around an LBFGS step too, once per step whatever the evaluations', () => {
    const x = tensor([3, -1], { dtype: 'float64', requiresGrad: true });
    const opt = new LBFGS([x], { maxIter: 4 });
    const calls: string[] = [];
    opt.registerStepPreHook(() => calls.push('pre'));
    opt.registerStepPostHook(() => calls.push('post'));
    let evaluations = 0;
    opt.step(() => {
      evaluations++;
      calls.push('closure');
      opt.zeroGrad();
      const l = x.pow(2).sum();
      l.backward();
      return l;
    });
    expect(evaluations).toBeGreaterThan(1);
    expect(calls).toEqual(['pre', ...Array<string>(evaluations).fill('closure'), 'post']);
  });

  it('zeroes a gradient that has a graph (createGraph) by cutting it off first', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1 });
    w.grad = w.mul(3); // a gradient with history, as backward({ createGraph }) leaves
    const grad = w.grad;
    opt.zeroGrad({ setToNone: false });
    expect(w.grad).toBe(grad);
    expect(grad.gradFn).toBeNull();
    expect(grad.tolist()).toEqual([0, 0]);
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

  it('skips a parameter whose gradient is null: no move, no state, no step counted', () => {
    const a = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const b = tensor([3], { dtype: 'float64', requiresGrad: true });
    const adam = new Adam([a, b], { lr: 0.1 });
    a.grad = tensor([1, -1], { dtype: 'float64' });
    adam.step();
    adam.step();
    expect(b.tolist()).toEqual([3]);
    expect(adam.state.has(b)).toBe(false);
    expect(adam.state.get(a)?.step).toBe(2);
    // Adagrad makes its state in the constructor (as PyTorch); a skipped parameter keeps step 0.
    const adagrad = new Adagrad([a, b]);
    adagrad.step();
    expect(adagrad.state.get(b)?.step).toBe(0);
    expect(adagrad.state.get(a)?.step).toBe(1);
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
