import type { WasmContext } from './context';
import { BINARY_OPS, UNARY_OPS, type FloatArray, type WasmBinaryOp, type WasmUnaryOp } from './exports';

function sameKind(name: string, a: FloatArray, b: FloatArray): void {
  if (a.constructor !== b.constructor) throw new TypeError(`${name}: arrays must share one dtype, got ${a.constructor.name} and ${b.constructor.name}`);
  if (a.length !== b.length) throw new RangeError(`${name}: arrays must have the same length, got ${a.length} and ${b.length}`);
}

/**
 * out[i] = a[i] op b[i] over contiguous arrays of one dtype and length; `out` may be `a` or `b`.
 *
 * @example
 * wasmBinary(ctx, 'add', a, b, out);
 */
export function wasmBinary(ctx: WasmContext, op: WasmBinaryOp, a: FloatArray, b: FloatArray, out: FloatArray): void {
  sameKind(op, a, b);
  sameKind(op, a, out);
  const fn = a instanceof Float32Array ? ctx.exports.binary_f32 : ctx.exports.binary_f64;
  ctx.withArrays([a, b, out], [true, true, false], ([pa, pb, po]) => fn(BINARY_OPS[op], pa as number, pb as number, po as number, a.length), [false, false, true]);
}

/**
 * out[i] = a[i] op s for a scalar `s` (rounded to the array's dtype first, as PyTorch does).
 *
 * @example
 * wasmBinaryScalar(ctx, 'mul', a, 0.5, out);
 */
export function wasmBinaryScalar(ctx: WasmContext, op: WasmBinaryOp, a: FloatArray, s: number, out: FloatArray): void {
  sameKind(op, a, out);
  const fn = a instanceof Float32Array ? ctx.exports.binary_scalar_f32 : ctx.exports.binary_scalar_f64;
  ctx.withArrays([a, out], [true, false], ([pa, po]) => fn(BINARY_OPS[op], pa as number, s, po as number, a.length), [false, true]);
}

/**
 * out[i] = op(a[i]) for neg, abs, sqrt, relu, square and reciprocal.
 *
 * @example
 * wasmUnary(ctx, 'sqrt', a, out);
 */
export function wasmUnary(ctx: WasmContext, op: WasmUnaryOp, a: FloatArray, out: FloatArray): void {
  sameKind(op, a, out);
  const fn = a instanceof Float32Array ? ctx.exports.unary_f32 : ctx.exports.unary_f64;
  ctx.withArrays([a, out], [true, false], ([pa, po]) => fn(UNARY_OPS[op], pa as number, po as number, a.length), [false, true]);
}

/** Which reduction {@link wasmReduce} computes. */
export type WasmReduction = 'sum' | 'max' | 'sumOfSquares';

/**
 * Reduces a contiguous array to one number (float64). `max` of an empty array is -Infinity and
 * NaN anywhere makes it NaN; float32 sums accumulate in f32 vectors per 1024-element block, then in f64.
 *
 * @example
 * wasmReduce(ctx, 'sum', a);
 */
export function wasmReduce(ctx: WasmContext, reduction: WasmReduction, a: FloatArray): number {
  const f32 = a instanceof Float32Array;
  const e = ctx.exports;
  const fn = reduction === 'sum' ? (f32 ? e.sum_f32 : e.sum_f64) : reduction === 'max' ? (f32 ? e.max_f32 : e.max_f64) : f32 ? e.sumsq_f32 : e.sumsq_f64;
  return ctx.withArrays([a], [true], ([pa]) => fn(pa as number, a.length), [false]);
}
