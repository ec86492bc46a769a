/**
 * The four arithmetic scalar functions, and flat loops for them over dense operands. Generic
 * kernels call their scalar function once per element; V8 cannot inline that call when one loop
 * serves many functions, so the hottest four get loops of their own (selected by function
 * identity), which run several times faster. Each loop still serves every storage type.
 */
import type { TypedArray } from '../dtype';
import type { WasmBinaryOp } from '../wasm/index';
import { denseFloatBinary, denseFloatBinaryScalar, type DenseFloatOp } from './dense-float';
import { WASM_ELEMENTWISE_THRESHOLD, wasmDenseBinary, wasmDenseBinaryScalar, wasmSumRun } from './wasm-dispatch';

export const add = (x: number, y: number): number => x + y;
export const sub = (x: number, y: number): number => x - y;
export const mul = (x: number, y: number): number => x * y;
export const div = (x: number, y: number): number => x / y;
/** Element-wise maximum; NaN propagates (as PyTorch). */
export const maximum = (x: number, y: number): number => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y));
/** Element-wise minimum; NaN propagates (as PyTorch). */
export const minimum = (x: number, y: number): number => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y));

/** The scalar functions the WebAssembly kernels also implement (same results, bit for bit). */
function wasmOp(fn: (x: number, y: number) => number): WasmBinaryOp | null {
  if (fn === add) return 'add';
  if (fn === sub) return 'sub';
  if (fn === mul) return 'mul';
  if (fn === div) return 'div';
  if (fn === maximum) return 'maximum';
  if (fn === minimum) return 'minimum';
  return null;
}

function denseOp(fn: (x: number, y: number) => number): DenseFloatOp | null {
  if (fn === add) return 'add';
  if (fn === sub) return 'sub';
  if (fn === mul) return 'mul';
  if (fn === div) return 'div';
  return null;
}

/** `out[oo+i] = fn(a[ao+i], b[bo+i])` for i < n; a dedicated loop for the four arithmetic ops. */
export function denseBinary(
  fn: (x: number, y: number) => number,
  n: number,
  out: TypedArray,
  oo: number,
  a: TypedArray,
  ao: number,
  b: TypedArray,
  bo: number,
): void {
  if (n >= WASM_ELEMENTWISE_THRESHOLD) {
    const op = wasmOp(fn);
    if (op !== null && wasmDenseBinary(op, n, out, oo, a, ao, b, bo)) return;
  }
  // Measured: the wasm kernel (with its copies) beats a JS loop even at 1e6; these monomorphic
  // loops serve small arrays and the TypeScript fallback.
  const dense = denseOp(fn);
  if (dense !== null && denseFloatBinary(dense, n, out, oo, a, ao, b, bo)) return;
  if (fn === add) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + (b[bo + i] as number);
  } else if (fn === mul) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * (b[bo + i] as number);
  } else if (fn === sub) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - (b[bo + i] as number);
  } else if (fn === div) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / (b[bo + i] as number);
  } else {
    for (let i = 0; i < n; i++) out[oo + i] = fn(a[ao + i] as number, b[bo + i] as number);
  }
}

/** `out[oo+i] = fn(a[ao+i], y)` for i < n, with the same dedicated loops. */
export function denseBinaryScalar(
  fn: (x: number, y: number) => number,
  n: number,
  out: TypedArray,
  oo: number,
  a: TypedArray,
  ao: number,
  y: number,
): void {
  // Below the wasm threshold (a tiny op) the kernel would decline anyway: skip the lookup.
  if (n >= WASM_ELEMENTWISE_THRESHOLD) {
    const op = wasmOp(fn);
    if (op !== null && wasmDenseBinaryScalar(op, n, out, oo, a, ao, y)) return;
  }
  const dense = denseOp(fn);
  if (dense !== null && denseFloatBinaryScalar(dense, n, out, oo, a, ao, y)) return;
  if (fn === add) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + y;
  } else if (fn === mul) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * y;
  } else if (fn === sub) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - y;
  } else if (fn === div) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / y;
  } else {
    for (let i = 0; i < n; i++) out[oo + i] = fn(a[ao + i] as number, y);
  }
}

/**
 * Σ data[start … start+n) in float64, rounded once by the caller's store (the TypeScript
 * kernel's semantics: every element converted exactly to a double, one double accumulation).
 *
 * Speed: eight independent partial sums break the add latency chain, and the loop only ever sees
 * a Float64Array. A loop that meets several typed-array kinds gets polymorphic element loads,
 * which V8 runs about twice as slowly; so other storage types are first converted, exactly, into
 * a small float64 scratch block by `TypedArray.prototype.set` (native code, the block stays in
 * L1) and summed from there. One loop serves every dtype, with no copy of it per dtype.
 */
export function sumRun(data: TypedArray, start: number, n: number): number {
  const fast = wasmSumRun(data, start, n);
  if (fast !== null) return fast;
  if (data instanceof Float64Array) return sumFloat64(data, start, n);
  if (n < SHORT_RUN) {
    let s = 0;
    for (let i = start; i < start + n; i++) s += data[i] as number;
    return s;
  }
  const block = scratch ?? (scratch = new Float64Array(BLOCK));
  let total = 0;
  for (let i = start; i < start + n; i += BLOCK) {
    const m = Math.min(BLOCK, start + n - i);
    block.set(data.subarray(i, i + m));
    total += sumFloat64(block, 0, m);
  }
  return total;
}

// 4096 doubles (32 KiB) fit in L1; runs shorter than 64 are summed in place (the copy would
// cost more than the polymorphic loads).
const BLOCK = 4096;
const SHORT_RUN = 64;
let scratch: Float64Array | undefined;

/** Σ of a float64 run with eight partial sums, combined pairwise. */
function sumFloat64(data: Float64Array, start: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  const end = start + n;
  const end8 = end - (n % 8);
  let i = start;
  for (; i < end8; i += 8) {
    s0 += data[i] as number;
    s1 += data[i + 1] as number;
    s2 += data[i + 2] as number;
    s3 += data[i + 3] as number;
    s4 += data[i + 4] as number;
    s5 += data[i + 5] as number;
    s6 += data[i + 6] as number;
    s7 += data[i + 7] as number;
  }
  for (; i < end; i++) s0 += data[i] as number;
  return s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
}
