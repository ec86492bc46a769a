/**
 * The tie rules and zero cases of the reduction rules, where finite differences do not apply.
 * Expected gradients are worked out by hand (each matches torch 1.13, checked when written).
 */
import { describe, expect, it } from 'vitest';
import { tensor } from '../factories';
import type { Tensor } from '../tensor';

const leaf = (values: number[] | number[][]): Tensor =>
  tensor(values, { dtype: 'float64', requiresGrad: true });
const gradOf = (x: Tensor, f: (x: Tensor) => Tensor): number[] => {
  f(x).sum().backward();
  return Array.from(x.grad!.toTypedArray());
};

describe('reductions: ties and zeros as PyTorch 1.13', () => {
  it.each([
    // Full reductions share the gradient evenly among the tied elements.
    [
      'max()',
      [
        [1, 3, 3],
        [3, 0, 1],
      ],
      (x: Tensor) => x.max(),
      [0, 1 / 3, 1 / 3, 1 / 3, 0, 0],
    ],
    [
      'min()',
      [
        [1, -3, -3],
        [2, 2, -3],
      ],
      (x: Tensor) => x.min(),
      [0, 1 / 3, 1 / 3, 0, 0, 1 / 3],
    ],
    // amax/amin share evenly within each reduced group.
    [
      'amax(1)',
      [
        [1, 3, 3],
        [2, 2, 2],
      ],
      (x: Tensor) => x.amax(1),
      [0, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3],
    ],
    [
      'amin(1)',
      [
        [1, 3, 3],
        [-2, -2, 5],
      ],
      (x: Tensor) => x.amin(1),
      [1, 0, 0, 0.5, 0.5, 0],
    ],
    // With a dim, max/min send the whole gradient to the returned (first) index.
    [
      'min(1)',
      [
        [1, -3, -3],
        [2, 2, -3],
      ],
      (x: Tensor) => x.min(1).values,
      [0, 1, 0, 0, 0, 1],
    ],
    [
      'max(0)',
      [
        [4, 3, 4],
        [4, 0, 1],
      ],
      (x: Tensor) => x.max(0).values,
      [1, 1, 1, 0, 0, 0],
    ],
    // ∞-norm: sign(a) at the elements with |a| = ‖a‖, shared evenly on ties.
    ['norm(∞)', [[1, -3, -3]], (x: Tensor) => x.norm(Infinity), [0, -0.5, -0.5]],
    [
      'norm(∞, 1)',
      [
        [1, -3],
        [3, 2],
      ],
      (x: Tensor) => x.norm(Infinity, 1),
      [0, -1, 1, 0],
    ],
    [
      'norm(−∞, 1)',
      [
        [1, -3],
        [3, 2],
      ],
      (x: Tensor) => x.norm(-Infinity, 1),
      [1, 0, 0, 1],
    ],
    ['norm(1)', [[1, -3, 0]], (x: Tensor) => x.norm(1), [1, -1, 0]],
    // Zero norm / zero spread: gradient 0, not NaN.
    ['norm(2) at 0', [[0, 0]], (x: Tensor) => x.norm(), [0, 0]],
    ['norm(3) at 0', [[0, 0]], (x: Tensor) => x.norm(3), [0, 0]],
    ['norm(1.5) at 0', [[0, 0]], (x: Tensor) => x.norm(1.5), [0, 0]],
    ['norm(∞) at 0', [[0, 0]], (x: Tensor) => x.norm(Infinity), [0, 0]],
    ['std() of a constant', [[2, 2, 2]], (x: Tensor) => x.std(), [0, 0, 0]],
    // Row 0 is constant (0); row 1 = [1, 3]: std = √2, ∂ = (a − 2)/(1·√2).
    [
      'std(1), one constant row',
      [
        [2, 2],
        [1, 3],
      ],
      (x: Tensor) => x.std(1),
      [0, 0, -Math.SQRT1_2, Math.SQRT1_2],
    ],
  ])('%s', (_name, values, f, want) => {
    const got = gradOf(leaf(values), f);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 14));
  });

  it('norm(0.5) has gradient sign(a)·|a|^(−½)·‖a‖^(½), 0 where a = 0', () => {
    // ‖[1, −3, 0]‖_{½} = (1 + √3)², so ∂ = (1 + √3)/√|a|·sign(a).
    const got = gradOf(leaf([1, -3, 0]), (x) => x.norm(0.5));
    const s = 1 + Math.sqrt(3);
    [s, -s / Math.sqrt(3), 0].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 13));
  });

  it.each([1, 1.5, 2, 3, 0.5, Infinity, -Infinity])('norm(%s) records NormBackward1', (p) => {
    expect(leaf([1, 2]).norm(p).gradFn!.name).toBe('NormBackward1');
  });

  it('logsumexp, logSoftmax and softmax stay finite for large inputs', () => {
    // ∂ logsumexp = softmax = [½, ½]
    // (within the rounding of 1000 + ln 2, as PyTorch's exp(a − out))
    gradOf(leaf([1000, 1000]), (x) => x.logsumexp(0)).forEach((v) =>
      expect(v).toBeCloseTo(0.5, 12),
    );
    // ∂ logSoftmax(x)₁ = e₁ − softmax(x) = [−1, 1 − e^−1000] = [−1, 1]
    expect(gradOf(leaf([1000, 0]), (x) => x.logSoftmax(0).select(0, 1))).toEqual([-1, 1]);
    // ∂ softmax(x)₀ = s₀·(e₀ − s) = [1·0, −1·e^−1000] = [0, −0]
    const g = gradOf(leaf([1000, 0]), (x) => x.softmax(0).select(0, 0));
    expect(g.map(Math.abs)).toEqual([0, 0]);
  });
});
