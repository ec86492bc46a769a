import { describe, expect, it } from 'vitest';
import { manualSeed, rand } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { adaptiveAvgPool2d, adaptiveMaxPool2d } from '../src/functional/adaptive-pool';
import { avgPool2d } from '../src/functional/avg-pool';

type Kernels = NonNullable<ReturnType<typeof wasmKernels>>;

function gradOf(make: () => Tensor, pool: (x: Tensor) => Tensor): number[] {
  const x = make();
  const y = pool(x);
  // A non-uniform upstream gradient: Σ y · w with random w.
  const w = rand(y.shape, { dtype: x.dtype });
  y.mul(w).sum().backward();
  return Array.from((x.grad as Tensor).storage.data as ArrayLike<number>);
}

describe('pooling backward on the wasm kernels', () => {
  it('has kernels unless DESCENT_WASM=0', () => {
    if (process.env.DESCENT_WASM === '0') expect(wasmKernels()).toBeNull();
    else expect(wasmKernels()).not.toBeNull();
  });

  it.each(['float32', 'float64'] as const)('avg_pool2d backward runs col2im in wasm, bit-identical to the TypeScript loop (%s)', (dtype) => {
    const k = wasmKernels();
    if (k === null) return; // the fallback suite: nothing to compare against
    const make = (): Tensor => {
      manualSeed(3);
      return rand([4, 6, 13, 11], { dtype, requiresGrad: true });
    };
    const pool = (x: Tensor): Tensor => avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false });
    const kernels = k as { col2im: Kernels['col2im']; owns: Kernels['owns'] };
    const col2im = kernels.col2im;
    const owns = kernels.owns;
    let calls = 0;
    kernels.col2im = (cols, out, shape) => {
      calls++;
      col2im(cols, out, shape);
    };
    let fast: number[];
    let slow: number[];
    try {
      fast = gradOf(make, pool);
      expect(calls).toBeGreaterThan(0);
      calls = 0;
      kernels.owns = () => false; // nothing counts as wasm memory: imageInto takes the TypeScript loop
      slow = gradOf(make, pool);
      expect(calls).toBe(0);
    } finally {
      kernels.col2im = col2im;
      kernels.owns = owns;
    }
    expect(fast).toEqual(slow);
  });

  it('adaptive pooling gradients: each input gets g / (kh·kw) of every window covering it, or g at the maximum', () => {
    manualSeed(5);
    const x = rand([2, 3, 5, 7], { dtype: 'float64', requiresGrad: true });
    adaptiveAvgPool2d(x, [3, 4]).sum().backward();
    const gx = (x.grad as Tensor).storage.data as Float64Array;
    // float64 reference: Σ over windows (PyTorch's rule) covering (iy, ix) of 1 / (kh·kw).
    const expected = new Float64Array(5 * 7);
    for (let oy = 0; oy < 3; oy++) {
      for (let ox = 0; ox < 4; ox++) {
        const y0 = Math.floor((oy * 5) / 3), y1 = Math.ceil(((oy + 1) * 5) / 3);
        const x0 = Math.floor((ox * 7) / 4), x1 = Math.ceil(((ox + 1) * 7) / 4);
        for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) expected[iy * 7 + ix] = (expected[iy * 7 + ix] as number) + 1 / (y1 - y0) / (x1 - x0);
      }
    }
    for (let p = 0; p < 6; p++) {
      for (let i = 0; i < 35; i++) expect(gx[p * 35 + i]).toBeCloseTo(expected[i] as number, 14);
    }
    const z = rand([2, 3, 5, 7], { dtype: 'float64', requiresGrad: true });
    const [values, indices] = adaptiveMaxPool2d(z, [2, 3], { returnIndices: true });
    values.sum().backward();
    const gz = (z.grad as Tensor).storage.data as Float64Array;
    const counts = new Float64Array(2 * 3 * 35);
    const idx = indices.contiguous().storage.data as Int32Array;
    for (let p = 0; p < 6; p++) for (let o = 0; o < 6; o++) { const at = p * 35 + (idx[p * 6 + o] as number); counts[at] = (counts[at] as number) + 1; }
    expect(Array.from(gz)).toEqual(Array.from(counts));
  });
});
