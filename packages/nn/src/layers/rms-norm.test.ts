import { gradcheck, manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { rmsNorm } from '../functional/rms-norm';
import { RMSNorm } from './rms-norm';

/** A plain float64 loop: y = x / √(mean(x²) + eps) · w over the last `n` elements of each row. */
function reference(x: ArrayLike<number>, n: number, eps: number, w: ArrayLike<number> | null): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.length / n; r++) {
    let ms = 0;
    for (let i = 0; i < n; i++) ms += x[r * n + i]! ** 2;
    const inv = 1 / Math.sqrt(ms / n + eps);
    for (let i = 0; i < n; i++) out.push(x[r * n + i]! * inv * (w === null ? 1 : w[i]!));
  }
  return out;
}

describe('RMSNorm (torch.nn.RMSNorm of PyTorch 2.4)', () => {
  it('normalises by the root mean square of the trailing dims, with float64 machine eps by default', () => {
    manualSeed(0);
    const x = randn([3, 2, 4], { dtype: 'float64' });
    const w = randn([2, 4], { dtype: 'float64' });
    const y = rmsNorm(x, [2, 4], { weight: w });
    const want = reference(x.storage.data, 8, 2 ** -52, w.storage.data);
    Array.from(y.storage.data).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
  });

  it('module: ones weight, given eps, PyTorch repr', () => {
    manualSeed(1);
    const norm = new RMSNorm(5, { eps: 1e-3 });
    const x = randn([4, 5]);
    const want = reference(x.storage.data, 5, 1e-3, null);
    Array.from(norm.forward(x).storage.data).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    expect(norm.toString()).toBe('RMSNorm((5,), eps=0.001, elementwise_affine=True)');
    expect(new RMSNorm([2, 3], { elementwiseAffine: false }).parameters()).toHaveLength(0);
  });

  it('gradients match finite differences (float64)', () => {
    manualSeed(2);
    const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
    const w = randn([4], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a: Tensor, b: Tensor) => rmsNorm(a, 4, { weight: b, eps: 1e-6 }), [x, w])).toBe(true);
  });

  it('refuses a shape that does not end the input', () => {
    expect(() => rmsNorm(randn([2, 3]), [4])).toThrow('Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]');
    expect(() => new RMSNorm(4, { eps: -1 })).toThrow('RMSNorm: eps must be a non-negative number or null, got -1');
  });
});
