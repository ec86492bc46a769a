import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { AdEMAMix, alphaAt, beta3At } from './ademamix';

describe('AdEMAMix', () => {
  it.each([
    [{ lr: -1 }, 'Invalid learning rate: -1'],
    [{ betas: [0.9, 0.999, 1] as [number, number, number] }, 'Invalid beta parameter at index 2: 1.0'],
    [{ alpha: -2 }, 'Invalid alpha value: -2'],
    [{ weightDecay: -1 }, 'Invalid weight_decay value: -1'],
  ])('rejects %o with the reference’s message', (options, message) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new AdEMAMix([w], options)).toThrow(message);
  });

  it('warms α linearly and β₃ by half-life (worked values)', () => {
    expect(alphaAt(5, 8, 10)).toBe(4);
    expect(alphaAt(12, 8, 10)).toBe(8);
    // At t = 0 the slow average starts with β₁'s half-life: β₃ = ½^(1/(f(β₁) + 1)) ≈ β₁.
    expect(beta3At(0, 0.9, 0.9999, 100)).toBeCloseTo(0.9, 6);
    expect(beta3At(100, 0.9, 0.9999, 100)).toBe(0.9999);
  });

  it('takes a first step of lr·(1 + α·(1 − β₃)) per coordinate (worked example)', () => {
    // t = 1: m₁/(1 − β₁) = g, m₂ = (1 − β₃)·g, √v/√(1 − β₂) = |g|.
    const w = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
    const opt = new AdEMAMix([w], { lr: 0.1, alpha: 2, betas: [0.9, 0.999, 0.99], eps: 0 });
    w.grad = tensor([3, -0.5], { dtype: 'float64' });
    opt.step();
    const [a = NaN, b = NaN] = w.tolist() as number[];
    expect(a).toBeCloseTo(-0.1 * 1.02, 12);
    expect(b).toBeCloseTo(0.1 * 1.02, 12);
  });
});
