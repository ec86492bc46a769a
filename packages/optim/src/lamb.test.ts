import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { LAMB } from './lamb';

describe('LAMB', () => {
  it.each([
    [{ lr: -1 }, 'Invalid learning rate: -1'],
    [{ eps: -1e-6 }, 'Invalid epsilon value: -1e-06'],
    [{ betas: [1, 0.999] as [number, number] }, 'Invalid beta parameter at index 0: 1.0'],
    [{ weightDecay: -1 }, 'Invalid weight_decay value: -1'],
  ])('rejects %o with PyTorch’s message', (options, message) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new LAMB([w], options)).toThrow(message);
  });

  it('moves a layer by lr·‖θ‖ on its first step, whatever the gradient’s scale (worked example)', () => {
    // t = 1: m = 0.1·g, v = 0.001·g², r = m/(√v + ε) ≈ √10·sign(g); the trust ratio ‖θ‖/‖r‖
    // rescales r to length ‖θ‖ = 5, so θ moves by lr·5 along −sign(g)/√2.
    const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const opt = new LAMB([w], { lr: 0.1, eps: 0 });
    w.grad = tensor([1000, -0.001], { dtype: 'float64' });
    opt.step();
    const [a = NaN, b = NaN] = w.tolist() as number[];
    expect(a).toBeCloseTo(3 - 0.5 / Math.SQRT2, 12);
    expect(b).toBeCloseTo(4 + 0.5 / Math.SQRT2, 12);
    expect(opt.state.get(w)?.trustRatio).toBeCloseTo(5 / Math.sqrt(20), 12);
  });
});
