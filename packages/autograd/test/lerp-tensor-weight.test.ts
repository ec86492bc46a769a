import { describe, expect, it } from 'vitest';
import { tensor } from '../src/index';

describe('lerp_ with a tensor weight', () => {
  it('records the weight too: ∂/∂self = 1 − w, ∂/∂end = w, ∂/∂w = end − self', () => {
    const a = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const end = tensor([5, -1, 0.5], { dtype: 'float64', requiresGrad: true });
    const w = tensor([0.25, 0.5, 2], { dtype: 'float64', requiresGrad: true });
    const h = a.mul(1);
    h.lerp_(end, w);
    expect(h.tolist()).toEqual([1 + 0.25 * 4, 2 + 0.5 * -3, 3 + 2 * -2.5]);
    h.sum().backward();
    expect(a.grad?.tolist()).toEqual([0.75, 0.5, -1]);
    expect(end.grad?.tolist()).toEqual([0.25, 0.5, 2]);
    expect(w.grad?.tolist()).toEqual([4, -3, -2.5]);
  });

  it('a leaf that requires grad still refuses it outside noGrad', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    expect(() => a.lerp_(tensor([0, 0]), tensor([0.5, 0.5]))).toThrow(/leaf Variable that requires grad/);
  });
});
