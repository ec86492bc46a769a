/**
 * Max pooling runs as one recorded op with a one-loop backward; with createGraph the backward is
 * itself recorded, so a gradient of the gradient flows. Checked by finite differences in float64.
 */
import { grad, gradcheck, manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { functional as F } from '../src/index';

describe('maxPool2d double backward', () => {
  it.each<[string, (x: Tensor) => Tensor, number[]]>([
    ['2×2', (x) => F.maxPool2d(x, 2), [2, 2, 4, 6]],
    ['3×3 stride 1, padding 1 (overlapping windows)', (x) => F.maxPool2d(x, 3, { stride: 1, padding: 1 }), [1, 2, 4, 4]],
    ['1-D', (x) => F.maxPool1d(x, 3, { stride: 2, padding: 1 }), [2, 3, 7]],
  ])('d(∂L/∂x)/dw matches finite differences: %s', (_label, pool, shape) => {
    manualSeed(3);
    const x = randn(shape, { dtype: 'float64', requiresGrad: true });
    const outShape = pool(x).shape as number[];
    const w = randn(outShape, { dtype: 'float64', requiresGrad: true });
    // ∂/∂x of Σ pool(x)·w is w scattered to the maxima: linear in w, recorded with createGraph.
    const fn = (weights: Tensor): Tensor => {
      const [gx] = grad(pool(x).mul(weights).sum(), [x], { createGraph: true });
      return (gx as Tensor).mul(x);
    };
    expect(gradcheck(fn, [w], { atol: 1e-6, rtol: 1e-4 })).toBe(true);
  });
});
