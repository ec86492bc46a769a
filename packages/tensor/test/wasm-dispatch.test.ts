/**
 * The WebAssembly kernels and the TypeScript fallback give the same results: every op runs once with
 * wasm routing on and once with it off (setWasmDispatch), and both are checked against a float64
 * reference written here. Sizes are above the routing thresholds so the wasm path really runs (when
 * the engine has SIMD and DESCENT_WASM is not 0; otherwise both runs are the fallback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fromStorage, type Tensor } from '../src/index';
import { setWasmDispatch, WASM_ELEMENTWISE_THRESHOLD, WASM_MATMUL_THRESHOLD, WASM_SUM_THRESHOLD } from '../src/kernels/wasm-dispatch';
import { wasmKernels } from '../src/wasm/index';

type Kind = 'float32' | 'float64';
const KINDS: Kind[] = ['float32', 'float64'];

/** Deterministic values in [-2, 2) from a 32-bit LCG (Numerical Recipes constants). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 4 - 2;
  });
}

function make(kind: Kind, shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = kind === 'float32' ? Float32Array.from(values(n, seed)) : Float64Array.from(values(n, seed));
  return fromStorage(data, shape);
}

const flat = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray());
const round = (kind: Kind, x: number): number => (kind === 'float32' ? Math.fround(x) : x);

/** Runs `op` with wasm routing on, then off. */
function bothWays(op: () => Tensor): [number[], number[]] {
  setWasmDispatch(true);
  const fast = flat(op());
  setWasmDispatch(false);
  const slow = flat(op());
  setWasmDispatch(true);
  return [fast, slow];
}

afterEach(() => setWasmDispatch(true));

describe('wasm routing', () => {
  it('is active in this run unless DESCENT_WASM=0', () => {
    expect(wasmKernels() === null).toBe(process.env.DESCENT_WASM === '0');
  });
});

const BINARY: [string, (x: number, y: number) => number][] = [
  ['add', (x, y) => x + y],
  ['sub', (x, y) => x - y],
  ['mul', (x, y) => x * y],
  ['div', (x, y) => x / y],
  ['maximum', (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))],
  ['minimum', (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))],
];
const CASES = KINDS.flatMap((kind) => BINARY.map(([name, fn]) => [name, kind, fn] as const));
const N = WASM_ELEMENTWISE_THRESHOLD * 2 + 3; // odd length: exercises the SIMD tail

describe.each(CASES)('%s (%s), %d+ elements: both paths equal the correctly rounded float64 result', (name, kind, fn) => {
  const a = make(kind, [N], 1);
  const b = make(kind, [N], 2);
  // NaN and signed zeros at the start: propagated and ordered as PyTorch does.
  a.storage.data[0] = NaN;
  b.storage.data[1] = NaN;
  a.storage.data[2] = -0;
  b.storage.data[2] = 0;
  const av = flat(a);
  const bv = flat(b);
  const call = (x: Tensor, y: Tensor | number): Tensor => (x as unknown as Record<string, (o: Tensor | number) => Tensor>)[name]!.call(x, y);

  it('tensor ⊕ tensor', () => {
    const want = av.map((x, i) => round(kind, fn(x, bv[i] as number)));
    const [fast, slow] = bothWays(() => call(a, b));
    expect(fast).toEqual(want);
    expect(slow).toEqual(want);
  });

  it.skipIf(name === 'maximum' || name === 'minimum')('tensor ⊕ number (rounded to the dtype first)', () => {
    const want = av.map((x) => round(kind, fn(x, round(kind, 0.3))));
    const [fast, slow] = bothWays(() => call(a, 0.3));
    expect(fast).toEqual(want);
    expect(slow).toEqual(want);
  });

  it('in place on a contiguous tensor', () => {
    const want = av.map((x, i) => round(kind, fn(x, bv[i] as number)));
    const inPlace = (x: Tensor): Tensor => (x as unknown as Record<string, (o: Tensor) => Tensor>)[`${name}_`]!.call(x, b);
    const [fast, slow] = bothWays(() => inPlace(a.clone()));
    expect(fast).toEqual(want);
    expect(slow).toEqual(want);
  });
});

/** Float64 reference of A·B for row-major value lists. */
function refMatmul(a: number[], b: number[], m: number, k: number, n: number): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (a[i * k + p] as number) * (b[p * n + j] as number);
      out[i * n + j] = s;
    }
  }
  return out;
}

function expectClose(got: number[], want: number[], kind: Kind): void {
  const tol = kind === 'float32' ? 2e-5 : 1e-12;
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i] as number;
    if (Math.abs(g - w) > tol * (1 + Math.abs(w))) expect({ i, got: g }).toEqual({ i, got: w });
  });
}

describe.each(KINDS)('matmul (%s) above the routing threshold', (kind) => {
  it('has every case above the threshold', () => {
    expect(20 * 30 * 25).toBeGreaterThan(WASM_MATMUL_THRESHOLD);
  });

  it.each([
    ['2-D', [20, 30], [30, 25], false],
    ['2-D, b transposed', [20, 30], [25, 30], true],
    ['batched (bmm shapes)', [3, 20, 30], [3, 30, 25], false],
    ['batched a, broadcast 2-D b', [3, 20, 30], [30, 25], false],
    ['two batch dims', [2, 2, 20, 30], [2, 2, 30, 25], false],
    ['two batch dims, b broadcast over the first', [2, 3, 20, 30], [3, 30, 25], false],
  ] as const)('%s matches the float64 reference on both paths', (_, sa, sb, transposeB) => {
    const a = make(kind, [...sa], 3);
    const bRaw = make(kind, [...sb], 4);
    const b = transposeB ? bRaw.transpose(-1, -2) : bRaw;
    const [m, k] = sa.slice(-2) as [number, number];
    const n = b.shape[b.ndim - 1] as number;
    const count = sa.length > 2 ? sa.slice(0, -2).reduce((x, y) => x * y, 1) : 1;
    const av = flat(a);
    const bv = flat(b);
    // b's batch dims are a suffix of a's here, so entry p of the result uses b's entry p mod bCount.
    const bCount = b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
    const want: number[] = [];
    for (let p = 0; p < count; p++) {
      const q = p % bCount;
      const bp = bv.slice(q * k * n, (q + 1) * k * n);
      want.push(...refMatmul(av.slice(p * m * k, (p + 1) * m * k), bp, m, k, n));
    }
    const [fast, slow] = bothWays(() => a.matmul(b));
    expectClose(fast, want, kind);
    expectClose(slow, want, kind);
  });
});

describe.each(KINDS)('sum (%s) above the routing threshold', (kind) => {
  const n = WASM_SUM_THRESHOLD * 3 + 5;
  it.each([
    ['all elements', [n], undefined],
    ['the last dim of a matrix', [4, n], 1],
  ] as const)('%s matches the float64 reference on both paths', (_, shape, dim) => {
    const x = make(kind, [...shape], 5);
    const xv = flat(x);
    const rows = shape.length === 1 ? 1 : (shape[0] as number);
    const want = Array.from({ length: rows }, (__, r) => round(kind, xv.slice(r * n, (r + 1) * n).reduce((s, v) => s + v, 0)));
    const [fast, slow] = bothWays(() => x.sum(dim));
    expectClose(fast, want, kind);
    expectClose(slow, want, kind);
  });
});
