import { describe, expect, it } from 'vitest';
import { wasmKernels } from '../wasm/index';
import { im2colInto, im2colOutputSize, im2colSamplesInto } from './im2col';
import type { Im2colGeometry } from './im2col';
import { columnsInto } from './im2col-dispatch';

// The wasm im2col (assembly/im2col.ts) against the TypeScript loops, which the conv goldens check
// against PyTorch: every entry equal, both layouts, with stride, dilation and asymmetric padding.
describe('columnsInto on the wasm kernel', () => {
  const geometries: [string, Im2colGeometry][] = [
    ['5×5 valid', { kernel: [5, 5], dilation: [1, 1], padding: [0, 0, 0, 0], stride: [1, 1] }],
    ['3×3 same', { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] }],
    ['stride 2, dilation 2, asymmetric padding', { kernel: [3, 2], dilation: [2, 2], padding: [2, 0, 1, 3], stride: [2, 3] }],
  ];
  const cases = geometries.flatMap(([label, geo]) => (['float32', 'float64'] as const).flatMap((dtype) => [false, true].map((wide) => [label, geo, dtype, wide] as const)));

  it.each(cases)('%s, %s, wide %s', (_label, geo, dtype, wide) => {
    const k = wasmKernels();
    // The fallback suite (DESCENT_WASM=0) has no kernels; the TypeScript columns are tested elsewhere.
    expect(k === null).toBe(process.env.DESCENT_WASM === '0');
    if (k === null) return;
    expect(k.shared).toBe(true);
    const [samples, channels, height, width] = [3, 2, 9, 7];
    const [outH, outW] = im2colOutputSize(height, width, geo);
    const n = samples * channels * height * width;
    const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
    const x = new Ctor(n + 5);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 1.7) * 10;
    const size = samples * channels * geo.kernel[0] * geo.kernel[1] * outH * outW;
    const expected = new Ctor(size);
    if (wide) im2colSamplesInto(x, 5, samples, channels, height, width, outH, outW, geo, expected);
    else im2colInto(x, 5, samples * channels, height, width, outH, outW, geo, expected);
    const cols = dtype === 'float32' ? k.alloc('float32', size) : k.alloc('float64', size);
    expect(k.owns(cols)).toBe(true);
    columnsInto(x, 5, samples, channels, height, width, outH, outW, geo, cols, wide);
    expect(Array.from(cols)).toEqual(Array.from(expected));
  });
});
