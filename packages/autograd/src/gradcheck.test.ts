import { describe, expect, it } from 'vitest';
import { gradcheck } from './gradcheck';
import { tensor } from './factories';
import { record } from './node';
import type { Tensor } from './tensor';

describe('gradcheck', () => {
  it('accepts a correct rule', () => {
    const x = tensor([0.3, -0.7], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((t: Tensor) => t.mul(t).sum(), [x])).toBe(true);
  });

  it('throws with the mismatching Jacobian entry for a wrong rule', () => {
    // A deliberately wrong rule: d(2x)/dx reported as 3.
    const wrongDouble = (t: Tensor): Tensor => {
      const out = t.detach().mul(2);
      return record(out, 'WrongBackward0', [t], (g) => [g.mul(3)]);
    };
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(() => gradcheck(wrongDouble, [x])).toThrow(
      /^Jacobian mismatch for output 0 with respect to input 0, entry \(0, 0\): numerical (1\.9999\d*|2(\.0000\d*)?), analytical 3$/,
    );
  });

  it('requires float64 inputs', () => {
    const x = tensor([1], { requiresGrad: true });
    expect(() => gradcheck((t: Tensor) => t.sum(), [x])).toThrow(
      new TypeError('gradcheck: input 0 requires grad and must be float64, got float32'),
    );
  });
});
