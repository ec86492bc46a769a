import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Adagrad, Adam, LBFGS, RMSprop, Rprop, SGD } from '../src/index';
import type { OptimizerLike } from '../src/index';

// A strided (transposed) leaf over a 2×3 buffer, and a contiguous leaf holding the same values.
function pair(): { strided: Tensor; plain: Tensor } {
  const base = tensor([1, -2, 3, 0.5, -0.25, 2], { dtype: 'float64' }).reshape([2, 3]);
  const strided = base.transpose(0, 1).detach().requiresGrad_();
  const plain = tensor(strided.tolist(), { dtype: 'float64', requiresGrad: true });
  return { strided, plain };
}

const grads = [
  [
    [0.3, -1],
    [2, 0.1],
    [-0.5, 0.7],
  ],
  [
    [-0.2, 0.4],
    [1.5, -0.3],
    [0, 0.9],
  ],
  [
    [0.6, 0.6],
    [-1, 0.2],
    [0.25, -0.8],
  ],
];

describe('strided (non-contiguous) parameters', () => {
  it.each([
    ['SGD', (p: Tensor) => new SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.01 })],
    ['Adam', (p: Tensor) => new Adam([p], { lr: 0.1, amsgrad: true })],
    ['Adagrad', (p: Tensor) => new Adagrad([p], { lr: 0.1 })],
    ['RMSprop', (p: Tensor) => new RMSprop([p], { lr: 0.01, centered: true })],
    ['Rprop', (p: Tensor) => new Rprop([p])],
  ] as const)(
    '%s updates a transposed view exactly like the same values stored contiguously',
    (_n, make) => {
      const { strided, plain } = pair();
      expect(strided.isContiguous()).toBe(false);
      const a: OptimizerLike = make(strided);
      const b: OptimizerLike = make(plain);
      for (const g of grads) {
        strided.grad = tensor(g, { dtype: 'float64' });
        plain.grad = tensor(g, { dtype: 'float64' });
        a.step();
        b.step();
        expect(strided.tolist()).toEqual(plain.tolist());
      }
    },
  );

  it('LBFGS with strong Wolfe moves a transposed view like a contiguous copy', () => {
    const { strided, plain } = pair();
    const run = (x: Tensor): number[][] => {
      const opt = new LBFGS([x], { lineSearchFn: 'strong_wolfe', maxIter: 5 });
      // f(x) = Σ (x − 1)² · w with weights by position, so the layout matters.
      const w = [
        [1, 2],
        [3, 4],
        [5, 6],
      ];
      opt.step(() => {
        opt.zeroGrad();
        const v = x.tolist() as number[][];
        x.grad = tensor(
          v.map((r, i) => r.map((e, j) => 2 * (e - 1) * w[i]![j]!)),
          { dtype: 'float64' },
        );
        return v.reduce((s, r, i) => s + r.reduce((t, e, j) => t + (e - 1) ** 2 * w[i]![j]!, 0), 0);
      });
      return x.tolist() as number[][];
    };
    expect(run(strided)).toEqual(run(plain));
  });
});
