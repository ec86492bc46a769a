/**
 * Float64 gradcheck (first and second order) of the strided-window pair behind in-place ops on
 * views (stridedRegion / stridedScatter, PyTorch's AsStridedBackward0) and of im2col / col2im
 * (F.unfold / F.fold), each of which is the other's backward.
 */
import { describe, expect, it } from 'vitest';
import { col2im, grad, gradcheck, im2col, tensor } from '../src/index';
import type { Im2colGeometry, Tensor } from '../src/index';
import { stridedRegion, stridedScatter, type ViewGeometry } from '../src/ops/as-strided';

const leaf = (shape: number[], seed: number): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Array.from({ length: n }, (_, i) => Math.sin(seed + 1.7 * i)), { dtype: 'float64', requiresGrad: true }).reshape(shape).detach().requiresGrad_();
};

/** The second-order check: gradcheck of x, g ↦ ∂⟨f(x), g⟩/∂x recorded under createGraph. */
function gradgradcheck(f: (x: Tensor) => Tensor, x: Tensor, outShape: number[]): boolean {
  const first = (a: Tensor, g: Tensor): Tensor => grad(f(a).mul(f(a)).mul(0.5), [a], { gradOutputs: [g], createGraph: true })[0]!;
  return gradcheck(first, [x, leaf(outShape, 9)]);
}

// Views of a contiguous [4, 6] base: a strided block (x[1:, 1::2]), a transposed one, a 0-d element.
const GEOMETRIES: [string, ViewGeometry][] = [
  ['x[1:, 1::2]', { shape: [3, 3], strides: [6, 2], offset: 7, baseShape: [4, 6], dtype: 'float64' }],
  ['x.T[::2, :3]', { shape: [3, 3], strides: [2, 6], offset: 0, baseShape: [4, 6], dtype: 'float64' }],
  ['x[2, 5]', { shape: [], strides: [], offset: 17, baseShape: [4, 6], dtype: 'float64' }],
];

describe('strided windows (as_strided)', () => {
  it.each(GEOMETRIES)('%s: stridedRegion passes gradcheck and gradgradcheck', (_label, geo) => {
    expect(gradcheck((g) => stridedRegion(g, geo), [leaf([4, 6], 1)])).toBe(true);
    expect(gradgradcheck((g) => stridedRegion(g, geo), leaf([4, 6], 2), [...geo.shape])).toBe(true);
  });

  it.each(GEOMETRIES)('%s: stridedScatter passes gradcheck and gradgradcheck', (_label, geo) => {
    expect(gradcheck((s) => stridedScatter(s, geo), [leaf([...geo.shape], 3)])).toBe(true);
    expect(gradgradcheck((s) => stridedScatter(s, geo), leaf([...geo.shape], 4), [4, 6])).toBe(true);
  });

  it('an in-place op on a strided view of a non-leaf passes gradcheck', () => {
    const f = (x: Tensor): Tensor => {
      const y = x.mul(1);
      y.slice(1, 1, undefined, 2).mul_(2).add_(1);
      y.narrow(0, 1, 1).exp_();
      return y.square();
    };
    expect(gradcheck(f, [leaf([3, 6], 5)])).toBe(true);
  });
});

const GEO: Im2colGeometry = { kernel: [2, 3], dilation: [2, 1], padding: [1, 0, 1, 1], stride: [1, 2] };

describe('im2col / col2im', () => {
  // Input [2, 2, 5, 6]: outH = (5 + 1 − 2·1 − 1)/1 + 1 = 4, outW = (6 + 2 − 2 − 1)/2 + 1 = 3.
  it('im2col passes gradcheck and gradgradcheck', () => {
    expect(im2col(leaf([2, 2, 5, 6], 0), GEO).shape).toEqual([2, 12, 12]);
    expect(gradcheck((x) => im2col(x, GEO), [leaf([2, 2, 5, 6], 6)])).toBe(true);
    expect(gradgradcheck((x) => im2col(x, GEO), leaf([2, 2, 5, 6], 7), [2, 12, 12])).toBe(true);
  });

  it('col2im passes gradcheck and gradgradcheck', () => {
    expect(gradcheck((c) => col2im(c, GEO, 5, 6), [leaf([2, 12, 12], 8)])).toBe(true);
    expect(gradgradcheck((c) => col2im(c, GEO, 5, 6), leaf([2, 12, 12], 10), [2, 2, 5, 6])).toBe(true);
  });
});
