/**
 * Routes large float kernels to the WebAssembly SIMD module (src/wasm) when it is available; every
 * function returns false when it did not run, so callers fall back to their TypeScript loops. The
 * thresholds are where the wasm kernel (including copying operands in and out of wasm memory) was
 * measured faster on one core (bench/wasm-kernels.ts, and the crossover runs described below).
 */
import type { TypedArray } from '../dtype';
import { wasmKernels, type FloatArray, type MatmulShape, type WasmBinaryOp } from '../wasm/index';
import type { ActivationKind, ActivationParams } from '../activation-math';

/** Element-wise ops below this many elements stay in TypeScript (crossover measured at ~700 for float32 add, ~1000 for float64). */
export const WASM_ELEMENTWISE_THRESHOLD = 2048;
/** Sums below this many elements stay in TypeScript (crossover ~500 float32, ~200 float64). */
export const WASM_SUM_THRESHOLD = 1024;
/** Matmuls below this many multiply-adds (batch·m·n·k) stay in TypeScript (crossover between 16³ and 24³). */
export const WASM_MATMUL_THRESHOLD = 8192;

let enabled = true;

/**
 * Turns routing to the wasm kernels on or off (on by default) — for tests that compare both paths in
 * one process; `DESCENT_WASM=0` turns the kernels off for a whole run. Not part of the public API.
 *
 * @example
 * setWasmDispatch(false); // every op below runs the TypeScript kernels
 */
export function setWasmDispatch(on: boolean): void {
  enabled = on;
}

function kernels(): ReturnType<typeof wasmKernels> {
  return enabled ? wasmKernels() : null;
}

function floatKind(x: TypedArray): 'float32' | 'float64' | null {
  if (x instanceof Float32Array) return 'float32';
  if (x instanceof Float64Array) return 'float64';
  return null;
}

/** Whether `y` survives the array's dtype unchanged (the wasm kernel rounds the scalar first). */
function scalarExact(kind: 'float32' | 'float64', y: number): boolean {
  return kind === 'float64' || Number.isNaN(y) || Math.fround(y) === y;
}

/**
 * `out[oo+i] = a[ao+i] op b[bo+i]` in wasm when the three arrays share one float dtype and n is large.
 *
 * @example
 * if (!wasmDenseBinary('add', n, out, 0, a, 0, b, 0)) loopInTs();
 */
export function wasmDenseBinary(op: WasmBinaryOp, n: number, out: TypedArray, oo: number, a: TypedArray, ao: number, b: TypedArray, bo: number): boolean {
  if (n < WASM_ELEMENTWISE_THRESHOLD) return false;
  const kind = floatKind(out);
  if (kind === null || floatKind(a) !== kind || floatKind(b) !== kind) return false;
  const k = kernels();
  if (k === null) return false;
  k.binary(op, a.subarray(ao, ao + n) as FloatArray, b.subarray(bo, bo + n) as FloatArray, out.subarray(oo, oo + n) as FloatArray);
  return true;
}

/**
 * `out[oo+i] = a[ao+i] op y` in wasm when out and a share one float dtype, `y` is exact in it, and n is large.
 *
 * @example
 * if (!wasmDenseBinaryScalar('mul', n, out, 0, a, 0, 0.5)) loopInTs();
 */
export function wasmDenseBinaryScalar(op: WasmBinaryOp, n: number, out: TypedArray, oo: number, a: TypedArray, ao: number, y: number): boolean {
  if (n < WASM_ELEMENTWISE_THRESHOLD) return false;
  const kind = floatKind(out);
  if (kind === null || floatKind(a) !== kind || !scalarExact(kind, y)) return false;
  const k = kernels();
  if (k === null) return false;
  k.binaryScalar(op, a.subarray(ao, ao + n) as FloatArray, y, out.subarray(oo, oo + n) as FloatArray);
  return true;
}

/**
 * Σ data[start … start+n) in wasm for large float arrays, or null to fall back.
 *
 * @example
 * const s = wasmSumRun(data, 0, data.length) ?? sumInTs();
 */
export function wasmSumRun(data: TypedArray, start: number, n: number): number | null {
  if (n < WASM_SUM_THRESHOLD || floatKind(data) === null) return null;
  const k = kernels();
  if (k === null) return null;
  return k.reduce('sum', data.subarray(start, start + n) as FloatArray);
}

/**
 * The (batched) product into a contiguous `out` in wasm when all three arrays share one float
 * dtype and batch·m·n·k is large; false to fall back.
 *
 * @example
 * if (!wasmMatmulInto(a, b, out, { m, k, n })) matmul2d(...);
 */
export function wasmMatmulInto(a: TypedArray, b: TypedArray, out: TypedArray, shape: MatmulShape): boolean {
  if ((shape.batch ?? 1) * shape.m * shape.n * shape.k < WASM_MATMUL_THRESHOLD) return false;
  const kind = floatKind(out);
  if (kind === null || floatKind(a) !== kind || floatKind(b) !== kind) return false;
  const k = kernels();
  if (k === null) return false;
  k.matmul(a as FloatArray, b as FloatArray, out as FloatArray, shape);
  return true;
}

/**
 * The wasm kernels when they are loaded and routing to them is on (see {@link setWasmDispatch}),
 * else null: for kernels that pick their whole path once, such as the recurrent sequences.
 *
 * @example
 * const k = activeWasmKernels();
 */
export function activeWasmKernels(): ReturnType<typeof wasmKernels> {
  return kernels();
}

/**
 * out = f(x), or out = g·f'(x) when `g` is given, for a fused activation in wasm when the arrays
 * share one float dtype and n is large; false to fall back.
 *
 * @example
 * if (!wasmDenseActivation('silu', [0, 0, 0], x, null, out)) loopInTs();
 */
export function wasmDenseActivation(kind: ActivationKind, params: ActivationParams, x: TypedArray, g: TypedArray | null, out: TypedArray): boolean {
  if (x.length < WASM_ELEMENTWISE_THRESHOLD) return false;
  const dtype = floatKind(x);
  if (dtype === null || floatKind(out) !== dtype || (g !== null && floatKind(g) !== dtype)) return false;
  const k = kernels();
  if (k === null) return false;
  if (g === null) k.activation(kind, x as FloatArray, out as FloatArray, params);
  else k.activationBackward(kind, x as FloatArray, g as FloatArray, out as FloatArray, params);
  return true;
}

/**
 * The wasm kernels when they are available and routing is on ({@link setWasmDispatch}), else null.
 *
 * @example
 * const k = dispatchKernels();
 */
export function dispatchKernels(): ReturnType<typeof wasmKernels> {
  return kernels();
}

/**
 * A new zero-filled float array of `n` elements, in wasm memory when the kernels use it in place
 * there (then a kernel writes it without a copy out); a plain array otherwise.
 *
 * @example
 * const out = wasmOrPlainArray('float32', n);
 */
export function wasmOrPlainArray(dtype: 'float32' | 'float64', n: number): FloatArray {
  const k = n >= WASM_ELEMENTWISE_THRESHOLD ? kernels() : null;
  if (k !== null && k.shared) return dtype === 'float32' ? k.alloc('float32', n) : k.alloc('float64', n);
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}
