import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Muon, newtonSchulz } from './muon';

describe('Muon', () => {
  it.each([
    [{ lr: -1 }, 'Invalid learning rate: -1'],
    [{ momentum: -0.1 }, 'Invalid momentum value: -0.1'],
    [{ nsSteps: 1.5 }, 'Invalid ns_steps value: 1.5'],
    [{ adamw: { betas: [0.9, 1] as [number, number] } }, 'Invalid beta parameter at index 1: 1.0'],
  ])('rejects %o', (options, message) => {
    const w = tensor([[1, 2]], { requiresGrad: true });
    expect(() => new Muon([w], options)).toThrow(message);
  });

  it('Newton–Schulz maps every singular value into about [0.7, 1.2] and keeps the singular vectors', () => {
    // diag(3, 1, 0.1): singular values 3, 1, 0.1 with singular vectors e₁, e₂, e₃, so the result
    // stays diagonal; the quintic's fixed iteration count leaves values near, not at, 1.
    const x = newtonSchulz(new Float64Array([3, 0, 0, 0, 1, 0, 0, 0, 0.1]), 3, 3, 5, 'float64');
    const diagonal = [x[0], x[4], x[8]] as number[];
    for (const d of diagonal) {
      expect(d).toBeGreaterThan(0.65);
      expect(d).toBeLessThan(1.25);
    }
    for (const i of [1, 2, 3, 5, 6, 7]) expect(Math.abs(x[i] as number)).toBeLessThan(1e-12);
  });

  it('brings the singular values of a wide matrix near 1 (eigenvalues of X·Xᵀ in [0.65², 1.25²])', () => {
    const wide = newtonSchulz(new Float64Array([1, 2, 3, 4, 0.5, -1]), 2, 3, 5, 'float64');
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = Array.from(wide);
    const [p, q, r] = [a * a + b * b + c * c, a * d + b * e + c * f, d * d + e * e + f * f];
    // Eigenvalues of the symmetric 2×2 [[p, q], [q, r]].
    const mean = (p + r) / 2;
    const spread = Math.sqrt(((p - r) / 2) ** 2 + q * q);
    for (const eigenvalue of [mean - spread, mean + spread]) {
      expect(eigenvalue).toBeGreaterThan(0.65 ** 2);
      expect(eigenvalue).toBeLessThan(1.25 ** 2);
    }
  });

  it('runs AdamW with the adamw options on vectors', () => {
    // First AdamW step: θ ← θ − lr·g/|g| (m̂/√v̂ = sign g, ε negligible).
    const b = tensor([1, 1], { dtype: 'float64', requiresGrad: true });
    const opt = new Muon([b], { adamw: { lr: 0.1 } });
    b.grad = tensor([2, -3], { dtype: 'float64' });
    opt.step();
    const [p = NaN, q = NaN] = b.tolist() as number[];
    expect(p).toBeCloseTo(0.9, 8);
    expect(q).toBeCloseTo(1.1, 8);
  });
});
