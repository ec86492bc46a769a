import { afterAll, describe, expect, it } from 'vitest';
import { getNumThreads, setNumThreads, wasmKernels, wasmThreadsReady, type FloatArray, type MatmulShape } from './index';

const kernels = wasmKernels();

function random(n: number, seed: number, dtype: 'float32' | 'float64'): FloatArray {
  let s = seed >>> 0;
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

/** Float64 reference: out[b][i][j] = Σ_p A[b][i][p]·B[b][p][j], reading the operands through their strides. */
function reference(a: FloatArray, b: FloatArray, shape: MatmulShape): Float64Array {
  const { m, k, n } = shape;
  const batch = shape.batch ?? 1;
  const ao = shape.a?.offset ?? 0, ars = shape.a?.rowStride ?? k, acs = shape.a?.colStride ?? 1, abs = shape.a?.batchStride ?? m * k;
  const bo = shape.b?.offset ?? 0, brs = shape.b?.rowStride ?? n, bcs = shape.b?.colStride ?? 1, bbs = shape.b?.batchStride ?? k * n;
  const out = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (a[ao + t * abs + i * ars + p * acs] as number) * (b[bo + t * bbs + p * brs + j * bcs] as number);
        out[t * m * n + i * n + j] = s;
      }
  return out;
}

function check(dtype: 'float32' | 'float64', shape: MatmulShape, aLength: number, bLength: number): void {
  const a = random(aLength, 11, dtype);
  const b = random(bLength, 12, dtype);
  const out = dtype === 'float32' ? new Float32Array((shape.batch ?? 1) * shape.m * shape.n) : new Float64Array((shape.batch ?? 1) * shape.m * shape.n);
  out.fill(NaN);
  kernels!.matmul(a, b, out, shape);
  const want = reference(a, b, shape);
  // Each entry sums k products of values in [-0.5, 0.5]: float32 error stays below k·2^-24 in size.
  const tol = dtype === 'float32' ? 4e-7 * (shape.k + 1) : 1e-15 * (shape.k + 1);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((out[i] as number) - (want[i] as number)));
  expect(worst).toBeLessThanOrEqual(tol);
}

const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 13], [17, 300, 33], [65, 257, 70], [130, 40, 520], [2, 0, 3]];
const DTYPES = ['float32', 'float64'] as const;

describe.skipIf(kernels === null)('wasm matmul', () => {
  const initialThreads = getNumThreads();
  afterAll(() => setNumThreads(initialThreads));

  it.each(DTYPES.flatMap((dtype) => SHAPES.map(([m, k, n]) => ({ dtype, m, k, n }))))('contiguous $dtype $m×$k · $k×$n', ({ dtype, m, k, n }) => {
    check(dtype, { m, k, n }, m * k, k * n);
  });

  it.each(DTYPES)('transposed and sliced operands (%s)', (dtype) => {
    // A is the transpose of a 40×30 matrix starting at element 5; B is every other column of 23×(2·19).
    check(dtype, { m: 30, k: 40, n: 19, a: { offset: 5, rowStride: 1, colStride: 30 }, b: { offset: 1, rowStride: 38, colStride: 2 } }, 5 + 1200, 1 + 40 * 38);
  });

  it.each(DTYPES)('batched products with a broadcast operand (%s)', (dtype) => {
    check(dtype, { batch: 3, m: 9, k: 6, n: 11, b: { batchStride: 0 } }, 3 * 9 * 6, 6 * 11);
  });

  it.each(DTYPES)('two threads give the single-thread result (%s)', async (dtype) => {
    setNumThreads(2);
    kernels!.matmul(new Float32Array(1), new Float32Array(1), new Float32Array(1), { m: 1, k: 1, n: 1 });
    // Workers start asynchronously; until ready the product runs on one thread (also correct).
    for (let i = 0; i < 250 && !wasmThreadsReady(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(wasmThreadsReady()).toBe(true);
    check(dtype, { m: 170, k: 180, n: 175 }, 170 * 180, 180 * 175);
    check(dtype, { batch: 4, m: 170, k: 161, n: 165, a: { batchStride: 0 } }, 170 * 161, 4 * 161 * 165);
    setNumThreads(1);
  });

  // The summation order is part of the contract (results must not change when the kernel is
  // tuned): each output element sums its k products in order within blocks of KC = 256, starting
  // from zero, and adds each block's sum to the element in block order; every product and sum is
  // rounded to the dtype. This emulation reproduces that bit for bit.
  function emulated(dtype: 'float32' | 'float64', a: FloatArray, b: FloatArray, m: number, k: number, n: number): FloatArray {
    const round = dtype === 'float32' ? Math.fround : (x: number): number => x;
    const out = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let c = 0;
        for (let p0 = 0; p0 < k; p0 += 256) {
          let acc = 0;
          for (let p = p0; p < Math.min(k, p0 + 256); p++) acc = round(acc + round((a[i * k + p] as number) * (b[p * n + j] as number)));
          c = p0 === 0 ? acc : round(c + acc);
        }
        out[i * n + j] = c;
      }
    return out;
  }

  it.each(['float32', 'float64'] as const)('%s: sums in the documented order, bit for bit (full and edge tiles, three k blocks)', (dtype) => {
    setNumThreads(1);
    const [m, k, n] = [13, 600, 21];
    const a = random(m * k, 21, dtype);
    const b = random(k * n, 22, dtype);
    const out = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
    kernels!.matmul(a, b, out, { m, k, n });
    expect(Array.from(out)).toEqual(Array.from(emulated(dtype, a, b, m, k, n)));
  });

  it.each([
    ['out too small', () => kernels!.matmul(new Float32Array(6), new Float32Array(6), new Float32Array(3), { m: 2, k: 3, n: 2 }), 'matmul: output holds 3 elements, needs 4'],
    ['a too short', () => kernels!.matmul(new Float32Array(5), new Float32Array(6), new Float32Array(4), { m: 2, k: 3, n: 2 }), 'matmul: operand layout reaches past its array (a 6 > 5 or b 6 > 6)'],
  ] as const)('rejects a layout where %s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it.each([0, 1.5, -2])('setNumThreads rejects %s', (n) => {
    expect(() => setNumThreads(n)).toThrow(RangeError);
    expect(() => setNumThreads(n)).toThrow(`setNumThreads: expected a positive integer, got ${n}`);
  });
});
