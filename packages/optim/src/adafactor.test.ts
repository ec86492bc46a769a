import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Adafactor } from './adafactor';

describe('Adafactor', () => {
  it.each([
    [{ lr: -1 }, 'Learning rate should be >= 0 but is: -1'],
    [{ beta2Decay: 0.5 }, 'beta2_decay should be <= 0 but is: 0.5'],
    [{ eps: [-1, 1e-3] as [number, number] }, 'epsilon1 should be >= 0 but is: -1'],
    [{ eps: [null, -0.5] as [null, number] }, 'epsilon2 should be >= 0 but is: -0.5'],
    [{ d: 0.5 }, 'Clipping threshold d should be >= 1 but is: 0.5'],
    [{ weightDecay: -0.1 }, 'weight_decay should be >= 0 but is: -0.1'],
  ])('rejects %o with PyTorch’s message', (options, message) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new Adafactor([w], options)).toThrow(message);
  });

  it('keeps factored row and column moments for a matrix, a full one for a vector', () => {
    const w = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([1, 2], { requiresGrad: true });
    const opt = new Adafactor([w, b]);
    w.grad = tensor([[1, 1, 1], [1, 1, 1]]);
    b.grad = tensor([1, 1]);
    opt.step();
    const sw = opt.state.get(w);
    expect((sw?.rowVar as typeof w).shape).toEqual([2, 1]);
    expect((sw?.colVar as typeof w).shape).toEqual([1, 3]);
    expect((opt.state.get(b)?.variance as typeof w).shape).toEqual([2]);
  });

  it('takes a first step of ρ·RMS(θ) per coordinate for a constant gradient (worked example)', () => {
    // t = 1: β̂₂ = 1 − 1^τ = 0, so V̂ = G² exactly and U = G/|G| = ±1, RMS(U) = 1 (no clipping);
    // ρ = min(0.01, 1) = 0.01 and α = max(1e-3, RMS(θ))·ρ with RMS([3, 4]) = √12.5.
    const w = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const opt = new Adafactor([w]);
    w.grad = tensor([0.5, -2], { dtype: 'float64' });
    opt.step();
    const alpha = Math.sqrt(12.5) * 0.01;
    const [a = NaN, b = NaN] = w.tolist() as number[];
    expect(a).toBeCloseTo(3 - alpha, 14);
    expect(b).toBeCloseTo(4 + alpha, 14);
  });
});
