import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';
import { wasmKernels } from '../wasm/index';
import { col2imInto, im2colOutputSize } from './im2col';
import type { Im2colGeometry } from './im2col';
import { col2im, imageInto } from './im2col-dispatch';
import { setWasmDispatch } from './wasm-dispatch';

// The wasm col2im (assembly/col2im.ts) against the TypeScript loop, which the conv goldens and
// gradcheck check: every sum bit-identical (same order of additions), with stride, dilation and
// asymmetric padding, into a pre-filled image (it adds), from an offset into the columns.
describe('imageInto on the wasm kernel', () => {
  const geometries: [string, Im2colGeometry][] = [
    ['5×5 valid', { kernel: [5, 5], dilation: [1, 1], padding: [0, 0, 0, 0], stride: [1, 1] }],
    ['3×3 same', { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] }],
    ['stride 2, dilation 2, asymmetric padding', { kernel: [3, 2], dilation: [2, 2], padding: [2, 0, 1, 3], stride: [2, 3] }],
    ['wide rows (SIMD body and tail)', { kernel: [2, 3], dilation: [1, 1], padding: [0, 0, 1, 1], stride: [1, 1] }],
  ];
  const cases = geometries.flatMap(([label, geo]) => (['float32', 'float64'] as const).map((dtype) => [label, geo, dtype] as const));

  it.each(cases)('%s, %s', (label, geo, dtype) => {
    const k = wasmKernels();
    // The fallback suite (DESCENT_WASM=0) has no kernels; the TypeScript loop is what it runs.
    expect(k === null).toBe(process.env.DESCENT_WASM === '0');
    if (k === null) return;
    const [planes, height, width] = label.startsWith('wide') ? [3, 6, 37] : [5, 9, 7];
    const [outH, outW] = im2colOutputSize(height, width, geo);
    const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
    const size = planes * geo.kernel[0] * geo.kernel[1] * outH * outW;
    const cols = new Ctor(size + 3);
    for (let i = 0; i < cols.length; i++) cols[i] = Math.sin(i * 1.3) * 7 + 1e-3 * Math.cos(i);
    const expected = new Ctor(planes * height * width);
    for (let i = 0; i < expected.length; i++) expected[i] = Math.cos(i * 0.7);
    const out = dtype === 'float32' ? k.alloc('float32', expected.length) : k.alloc('float64', expected.length);
    out.set(expected);
    col2imInto(cols, 3, planes, height, width, outH, outW, geo, expected);
    imageInto(cols, 3, planes, height, width, outH, outW, geo, out);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it.each(['float32', 'float64'] as const)('the tensor-level col2im (F.fold) gives the same image on both paths (%s)', (dtype) => {
    const geo: Im2colGeometry = { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] };
    // 2×4×24×24 = 4608 image elements: above the wasm threshold, so the image is born in wasm memory.
    const values = Array.from({ length: 2 * 36 * 576 }, (_, i) => Math.sin(i * 0.37));
    const cols = tensor(values, { dtype }).reshape([2, 36, 576]);
    setWasmDispatch(false);
    const reference = col2im(cols, geo, 24, 24);
    setWasmDispatch(true);
    const image = col2im(cols, geo, 24, 24);
    expect(image.shape).toEqual([2, 4, 24, 24]);
    const k = wasmKernels();
    // With the kernels the image is born in wasm memory, so the wasm loop wrote it.
    if (k !== null) expect(k.owns(image.storage.data)).toBe(true);
    expect(Array.from(image.storage.data)).toEqual(Array.from(reference.storage.data));
  });
});
