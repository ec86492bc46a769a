import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Prodigy } from './prodigy';

describe('Prodigy', () => {
  it.each([
    [{ d0: 0 }, 'Invalid d0 value: 0'],
    [{ lr: 0 }, 'Invalid learning rate: 0'],
    [{ eps: 0 }, 'Invalid epsilon value: 0'],
    [{ betas: [1, 0.999] as [number, number] }, 'Invalid beta parameter at index 0: 1.0'],
  ])('rejects %o with the reference’s message', (options, message) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new Prodigy([w], options)).toThrow(message);
  });

  it('refuses groups with different non-zero learning rates', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const opt = new Prodigy([{ params: [a] }, { params: [b], lr: 0.5 }]);
    a.grad = tensor([1]);
    b.grad = tensor([1]);
    expect(() => opt.step()).toThrow('Setting different lr values in different parameter groups is only supported for values of 0');
  });

  it('grows its step size d from d₀ by orders of magnitude on a parabola', () => {
    const w = tensor([5, -3], { dtype: 'float64', requiresGrad: true });
    const opt = new Prodigy([w]);
    for (let i = 0; i < 50; i++) {
      w.grad = w.detach().mul(2);
      opt.step();
    }
    expect(opt.d).toBeGreaterThan(1e-2);
  });
});
