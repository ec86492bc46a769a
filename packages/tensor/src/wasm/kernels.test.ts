import { describe, expect, it } from 'vitest';
import { wasmKernels, type FloatArray, type WasmBinaryOp, type WasmUnaryOp } from './index';

// References are computed in float64 and, for float32, rounded once with Math.fround: for + − × ÷ and
// √ a correctly rounded double result rounded to float32 is the correctly rounded float32 result, so
// the SIMD kernels must match bit for bit.
const kernels = wasmKernels();

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function randomArray(dtype: 'float32' | 'float64', n: number, seed: number, scale = 4): FloatArray {
  const next = rng(seed);
  const values = Array.from({ length: n }, () => next() * scale);
  return dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
}

const BINARY_REF: Record<WasmBinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  maximum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)),
  minimum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)),
};
const UNARY_REF: Record<WasmUnaryOp, (a: number) => number> = {
  neg: (a) => -a,
  abs: Math.abs,
  sqrt: Math.sqrt,
  relu: (a) => (Number.isNaN(a) ? NaN : Math.max(a, 0)),
  square: (a) => a * a,
  reciprocal: (a) => 1 / a,
};
const SIZES = [0, 1, 3, 4, 7, 9, 17, 33, 1000, 4099];
const round = (dtype: string): ((x: number) => number) => (dtype === 'float32' ? Math.fround : (x: number) => x);

describe.skipIf(kernels === null)('wasm element-wise kernels', () => {
  const k = kernels!;
  const cases = (['float32', 'float64'] as const).flatMap((dtype) => SIZES.map((n) => ({ dtype, n })));

  it.each(cases)('binary ops match the reference ($dtype, n=$n)', ({ dtype, n }) => {
    const a = randomArray(dtype, n, 1);
    const b = randomArray(dtype, n, 2);
    if (n > 2) b[1] = NaN;
    for (const op of Object.keys(BINARY_REF) as WasmBinaryOp[]) {
      const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      k.binary(op, a, b, out);
      const want = Array.from(a, (x, i) => round(dtype)(BINARY_REF[op](x, b[i] as number)));
      expect({ op, values: Array.from(out) }).toEqual({ op, values: want });
    }
  });

  it.each(cases)('binary ops with a scalar and unary ops match the reference ($dtype, n=$n)', ({ dtype, n }) => {
    const a = randomArray(dtype, n, 3);
    const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    const s = round(dtype)(0.3);
    for (const op of Object.keys(BINARY_REF) as WasmBinaryOp[]) {
      k.binaryScalar(op, a, 0.3, out);
      expect({ op, values: Array.from(out) }).toEqual({ op, values: Array.from(a, (x) => round(dtype)(BINARY_REF[op](x, s))) });
    }
    for (const op of Object.keys(UNARY_REF) as WasmUnaryOp[]) {
      k.unary(op, a, out);
      expect({ op, values: Array.from(out) }).toEqual({ op, values: Array.from(a, (x) => round(dtype)(UNARY_REF[op](x))) });
    }
  });

  it('writes in place when out is an input', () => {
    const a = new Float32Array([1, 2, 3, 4, 5]);
    k.binary('mul', a, a, a);
    expect(Array.from(a)).toEqual([1, 4, 9, 16, 25]);
  });

  it.each(cases)('sum, sum of squares and max match a float64 reference ($dtype, n=$n)', ({ dtype, n }) => {
    const a = randomArray(dtype, n, 4, 100);
    let sum = 0;
    let sumSq = 0;
    let max = -Infinity;
    for (const x of a) {
      sum += x;
      sumSq += x * x;
      max = Math.max(max, x);
    }
    const tol = dtype === 'float32' ? 1e-5 : 1e-12;
    expect(Math.abs(k.reduce('sum', a) - sum)).toBeLessThanOrEqual(tol * (sumSq ** 0.5 * Math.sqrt(n) + 1));
    expect(Math.abs(k.reduce('sumOfSquares', a) - sumSq)).toBeLessThanOrEqual(tol * (sumSq + 1));
    expect(k.reduce('max', a)).toBe(max);
  });

  it('max propagates NaN like torch.max', () => {
    const a = new Float64Array([1, NaN, 3, 4, 5]);
    expect(k.reduce('max', a)).toBeNaN();
  });

  it.each([
    ['dtypes differ', () => k.binary('add', new Float32Array(2), new Float64Array(2), new Float32Array(2)), TypeError, 'add: arrays must share one dtype, got Float32Array and Float64Array'],
    ['lengths differ', () => k.binary('sub', new Float32Array(2), new Float32Array(3), new Float32Array(2)), RangeError, 'sub: arrays must have the same length, got 2 and 3'],
  ] as const)('rejects arrays whose %s', (_name, call, ErrorClass, message) => {
    expect(call).toThrow(ErrorClass);
    expect(call).toThrow(message);
  });
});
