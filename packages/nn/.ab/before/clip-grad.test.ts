import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { clipGradNorm_, clipGradValue_, Parameter, parametersToVector, vectorToParameters } from './index';

function param(values: number[], grad: number[] | null): Parameter {
  const p = new Parameter(tensor(values, { dtype: 'float64' }));
  if (grad !== null) p.grad = tensor(grad, { dtype: 'float64' });
  return p;
}

const values = (t: Tensor) => Array.from(t.toTypedArray(), Number);

describe('clipGradNorm_', () => {
  it('scales every gradient by maxNorm / (total + 1e-6) (hand-worked)', () => {
    // grads [3, 4] and [12]: total = √(3² + 4² + 12²) = √169 = 13; coef = 1 / (13 + 1e-6)
    const a = param([0, 0], [3, 4]);
    const b = param([0], [12]);
    const skipped = param([0], null);
    const total = clipGradNorm_([a, b, skipped], 1);
    expect(total.item()).toBe(13);
    const coef = 1 / (13 + 1e-6);
    expect(values(a.grad!)).toEqual([3 * coef, 4 * coef]);
    expect(values(b.grad!)).toEqual([12 * coef]);
    expect(skipped.grad).toBeNull();
  });

  it('leaves gradients alone when the norm is already small', () => {
    const a = param([0, 0], [0.3, 0.4]);
    expect(clipGradNorm_(a, 1).item()).toBeCloseTo(0.5, 15);
    expect(values(a.grad!)).toEqual([0.3, 0.4]);
  });

  it.each([
    // ‖(‖[1, −2]‖₁, ‖[4]‖₁)‖₁ = 3 + 4 = 7
    [1, 7],
    // max |g| = 4
    [Infinity, 4],
    // (1³ + 2³ + 4³)^(1/3) = 73^(1/3)
    [3, Math.cbrt(73)],
  ])('uses norm type %s', (normType, want) => {
    const total = clipGradNorm_([param([0, 0], [1, -2]), param([0], [4])], 100, normType);
    expect(total.item()).toBeCloseTo(want, 12);
  });

  it('returns 0 without gradients and throws on a non-finite norm when asked', () => {
    expect(clipGradNorm_([param([1], null)], 1).item()).toBe(0);
    const bad = param([0], [Infinity]);
    expect(() => clipGradNorm_(bad, 1, 2, { errorIfNonfinite: true })).toThrow(
      'The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped.',
    );
    expect(() => clipGradNorm_(bad, 1, Infinity, { errorIfNonfinite: true })).toThrow('The total norm of order inf for gradients');
    expect(clipGradNorm_(param([0], [NaN]), 1).item()).toBeNaN();
  });
});

describe('clipGradValue_', () => {
  it('clamps every gradient element', () => {
    const a = param([0, 0, 0], [-3, 0.2, 5]);
    clipGradValue_([a], 1);
    expect(values(a.grad!)).toEqual([-1, 0.2, 1]);
  });

  it('takes a single tensor, and rejects a negative or missing clip value without touching the gradients', () => {
    const a = param([0, 0], [-3, 5]);
    clipGradValue_(a, 2);
    expect(values(a.grad!)).toEqual([-2, 2]);
    expect(() => clipGradValue_(a, -1)).toThrow(new RangeError('clipGradValue_: clipValue must be a non-negative number, got -1'));
    expect(() => clipGradValue_(a, NaN)).toThrow(new RangeError('clipGradValue_: clipValue must be a non-negative number, got NaN'));
    expect(values(a.grad!)).toEqual([-2, 2]);
  });
});

describe('parametersToVector and vectorToParameters', () => {
  it('flattens in order and copies back', () => {
    const a = new Parameter(tensor([[1, 2], [3, 4]], { dtype: 'float64' }));
    const b = new Parameter(tensor([5], { dtype: 'float64' }));
    expect(values(parametersToVector([a, b]))).toEqual([1, 2, 3, 4, 5]);
    vectorToParameters(tensor([9, 8, 7, 6, 5], { dtype: 'float64' }), [a, b]);
    expect(a.tolist()).toEqual([
      [9, 8],
      [7, 6],
    ]);
    expect(values(b)).toEqual([5]);
    expect(() => vectorToParameters(tensor([1, 2], { dtype: 'float64' }), [a, b])).toThrow(
      new RangeError('vectorToParameters: the vector has 2 elements but the parameters hold 5'),
    );
  });
});
