import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { LARS } from './lars';

describe('LARS', () => {
  it.each([
    [{ lr: -1 }, 'Invalid learning rate: -1'],
    [{ lr: 0.1, momentum: -0.5 }, 'Invalid momentum value: -0.5'],
    [{ lr: 0.1, weightDecay: -1 }, 'Invalid weight_decay value: -1'],
    [{ lr: 0.1, nesterov: true }, 'Nesterov momentum requires a momentum and zero dampening'],
  ])('rejects %o with the reference’s message', (options, message) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new LARS([w], options)).toThrow(message);
  });

  it('requires lr, as SGD', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new LARS([w], {} as { lr: number })).toThrow('required optimization parameter lr');
  });

  it('scales the step by η‖θ‖/(‖g‖ + λ‖θ‖ + ε) (worked example)', () => {
    // ‖θ‖ = 5, ‖g‖ = 10, λ = 0.1: γ_l = 0.01·5/(10 + 0.5 + 0) and d = γ_l·(g + 0.1·θ).
    const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const opt = new LARS([w], { lr: 1, weightDecay: 0.1, trustCoefficient: 0.01, eps: 0 });
    w.grad = tensor([6, 8], { dtype: 'float64' });
    opt.step();
    const local = (0.01 * 5) / 10.5;
    const [a = NaN, b = NaN] = w.tolist() as number[];
    expect(a).toBeCloseTo(3 - local * 6.3, 14);
    expect(b).toBeCloseTo(4 - local * 8.4, 14);
  });
});
