import { describe, expect, it } from 'vitest';
import { grad } from './backward';
import { tensor } from './factories';
import type { Tensor } from './tensor';

describe('grad()', () => {
  it('returns gradients without touching .grad', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const [g] = grad(x.mul(x).sum(), [x]);
    expect(Array.from(g!.toTypedArray())).toEqual([2, 4]);
    expect(x.grad).toBeNull();
    expect(g!.requiresGrad).toBe(false);
  });

  it('gives the second derivative of x³ (6x) with createGraph, matching finite differences', () => {
    const x0 = 1.7;
    const x = tensor(x0, { dtype: 'float64', requiresGrad: true });
    const [dy] = grad(x.pow(3), [x], { createGraph: true });
    expect(dy!.requiresGrad).toBe(true);
    const [d2y] = grad(dy!, [x]);
    const h = 1e-4;
    const f = (v: number): number => v ** 3;
    const fd = (f(x0 + h) - 2 * f(x0) + f(x0 - h)) / (h * h);
    expect(d2y!.item()).toBeCloseTo(6 * x0, 12);
    expect(Math.abs(d2y!.item() - fd)).toBeLessThan(1e-5);
    expect(dy!.item()).toBeCloseTo(3 * x0 * x0, 12);
  });

  it('computes a Hessian-vector product that matches finite differences of the gradient', () => {
    // f(x) = Σ sin(x_i)·x_{i+1} + (Σ x)²
    const f = (x: Tensor): Tensor =>
      x
        .narrow(0, 0, 3)
        .sin()
        .mul(x.narrow(0, 1, 3))
        .sum()
        .add(x.sum().pow(2));
    const x0 = [0.3, -1.2, 0.8, 2.0];
    const v = tensor([1, -0.5, 0.25, 2], { dtype: 'float64' });
    const x = tensor(x0, { dtype: 'float64', requiresGrad: true });
    const [g] = grad(f(x), [x], { createGraph: true });
    const [hv] = grad(g!.mul(v).sum(), [x]);
    const eps = 1e-6;
    const gradAt = (values: number[]): number[] => {
      const t = tensor(values, { dtype: 'float64', requiresGrad: true });
      return Array.from(grad(f(t), [t])[0]!.toTypedArray());
    };
    const vs = Array.from(v.toTypedArray());
    const plus = gradAt(x0.map((xi, i) => xi + eps * vs[i]!));
    const minus = gradAt(x0.map((xi, i) => xi - eps * vs[i]!));
    const fd = plus.map((p, i) => (p - minus[i]!) / (2 * eps));
    const got = Array.from(hv!.toTypedArray());
    got.forEach((value, i) => expect(Math.abs(value - fd[i]!)).toBeLessThan(1e-6));
  });

  it('takes gradOutputs for non-scalar outputs and several inputs', () => {
    const a = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const b = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const [ga, gb] = grad(a.mul(b), [a, b], {
      gradOutputs: [tensor([1, 10], { dtype: 'float64' })],
    });
    expect(Array.from(ga!.toTypedArray())).toEqual([3, 40]);
    expect(Array.from(gb!.toTypedArray())).toEqual([1, 20]);
  });

  it('gives the gradient of a non-leaf input', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(2);
    const [gh] = grad(h.mul(h).sum(), [h]);
    expect(Array.from(gh!.toTypedArray())).toEqual([4, 8]);
  });

  it('throws for unused inputs unless allowUnused', () => {
    const x = tensor([1], { requiresGrad: true });
    const unused = tensor([1], { requiresGrad: true });
    expect(() => grad(x.mul(2).sum(), [unused])).toThrow(
      new Error(
        'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
      ),
    );
    expect(grad(x.mul(2).sum(), [x, unused], { allowUnused: true })[1]).toBeNull();
  });

  it('throws for inputs that do not require grad', () => {
    const x = tensor([1], { requiresGrad: true });
    expect(() => grad(x.sum(), [tensor([1])])).toThrow(
      new Error('One of the differentiated Tensors does not require grad'),
    );
  });

  it('frees the graph unless retainGraph', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = x.exp().sum();
    grad(y, [x], { retainGraph: true });
    grad(y, [x]);
    expect(() => grad(y, [x])).toThrow(/Trying to backward through the graph a second time/);
  });
});

describe('grad() runs only the part of the graph it needs', () => {
  it('leaves the history below a non-leaf input intact (a later backward still works)', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.exp();
    const y = h.mul(h).sum();
    const [gh] = grad(y, [h], { retainGraph: false });
    expect(Array.from(gh!.toTypedArray())).toEqual([2 * Math.exp(1), 2 * Math.exp(2)]);
    h.sum().backward(); // ExpBackward0 was neither run nor freed by grad()
    expect(Array.from(x.grad!.toTypedArray())).toEqual([Math.exp(1), Math.exp(2)]);
  });
});

describe('backward() with createGraph', () => {
  it('leaves a differentiable .grad (double backward of x³ gives 6x)', () => {
    const x = tensor(2, { dtype: 'float64', requiresGrad: true });
    x.pow(3).backward(undefined, { createGraph: true });
    const dy = x.grad!;
    expect(dy.item()).toBe(12); // 3x²
    expect(dy.gradFn).not.toBeNull();
    x.grad = null;
    dy.backward();
    expect(x.grad!.item()).toBe(12); // 6x
  });
});
