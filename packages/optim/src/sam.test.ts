import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { SAM } from './sam';
import { SGD } from './sgd';

function quadratic(w: Tensor): () => Tensor {
  return () => {
    const loss = w.mul(w).sum();
    loss.backward();
    return loss;
  };
}

describe('SAM', () => {
  it('rejects a negative rho with the reference’s message', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new SAM([w], (g) => new SGD(g, { lr: 0.1 }), { rho: -1 })).toThrow('Invalid rho, should be non-negative: -1');
  });

  it('requires a closure', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new SAM([w], (g) => new SGD(g, { lr: 0.1 }));
    expect(() => opt.step()).toThrow('Sharpness Aware Minimization requires closure, but it was not provided');
  });

  it('steps the base with the gradient at θ + ρ·g/‖g‖ (worked example)', () => {
    // f = ‖θ‖², θ = (3, 4): g = (6, 8), ‖g‖ = 10, e = 0.5·(0.6, 0.8) = (0.3, 0.4);
    // g′ = 2·(3.3, 4.4) and SGD lr 0.1 gives θ = (3 − 0.66, 4 − 0.88).
    const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const opt = new SAM([w], (g) => new SGD(g, { lr: 0.1 }), { rho: 0.5 });
    quadratic(w)();
    const loss = opt.step(quadratic(w));
    const [a = NaN, b = NaN] = w.tolist() as number[];
    expect(a).toBeCloseTo(2.34, 12);
    expect(b).toBeCloseTo(3.12, 12);
    expect(loss).toBeCloseTo(3.3 ** 2 + 4.4 ** 2, 10);
  });

  it('shares its groups with the base optimizer, new groups included', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const v = tensor([3], { requiresGrad: true });
    const opt = new SAM([w], (g) => new SGD(g, { lr: 0.1 }), { rho: 0.2 });
    opt.addParamGroup({ params: [v], rho: 0.3 });
    expect(opt.baseOptimizer.paramGroups).toEqual(opt.paramGroups);
    expect(opt.paramGroups[1]?.rho).toBe(0.3);
    expect(opt.paramGroups[1]?.lr).toBe(0.1);
  });
});
