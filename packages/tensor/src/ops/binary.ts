/**
 * Broadcasting binary ops: one generic path from a scalar function plus a dtype rule, for both the
 * out-of-place form (a new contiguous result) and the in-place form (written into `a`).
 */
import { allocateUninitialized, castScalar } from '../dtype';
import type { DType } from '../dtype';
import type { Operand } from '../kernels/elementwise';
import { denseBinary, denseBinaryScalar, mul } from '../kernels/arithmetic';
import { mapBinary, operandOf } from '../kernels/elementwise';
import { resultType } from '../result-type';
import { broadcastShapes, broadcastStrides, contiguousStrides, sizeOf, showShape } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

/** How the result dtype follows from the operands' common dtype. */
export type ResultRule = 'same' | 'float' | 'bool';

function resultDType(common: DType, rule: ResultRule): DType {
  if (rule === 'bool') return 'bool';
  if (rule === 'float' && (common === 'int32' || common === 'bool')) return 'float32';
  return common;
}

/** The common dtype the op computes in (PyTorch's result_type: 0-d tensors and numbers rank below dimensioned tensors). */
export function commonDType(a: Tensor, b: Tensor | number): DType {
  return resultType([a, b]);
}

/** One-element arrays holding recent scalar operands (kernels only read them), so `x.mul(0.5)` in a loop allocates no buffer. */
const scalarArrays = new Map<number, Float64Array>();

/** A one-element array holding `value`, shared by recent callers (who only read it). */
export function scalarArray(value: number): Float64Array {
  let data = scalarArrays.get(value);
  // Map keys equate 0 and -0; the stored bits must be the value's own.
  if (data === undefined || !Object.is(data[0], value)) {
    data = Float64Array.of(value);
    if (scalarArrays.size >= 64) scalarArrays.delete(scalarArrays.keys().next().value as number);
    scalarArrays.set(value, data);
  }
  return data;
}

function scalarOperand(value: number, ndim: number): Operand {
  return { data: scalarArray(value), strides: new Array<number>(ndim).fill(0), offset: 0 };
}

/**
 * `t` read as if broadcast to `shape`. A 0-d tensor of another dtype than the common one is
 * converted to it first, as PyTorch does (`float32[3] + float64 0-d` adds float32(value)).
 */
function operandAs(t: Tensor, shape: readonly number[], common: DType): Operand {
  if (t.ndim === 0 && t.dtype !== common) return scalarOperand(castScalar(t.storage.data[t.offset] as number, common), shape.length);
  return { data: t.storage.data, strides: broadcastStrides(t.shape, t.strides, shape), offset: t.offset };
}

/** Whether values of `from` change when converted to `to` (only int32 → float32 can round). */
function rounds(from: DType, to: DType): boolean {
  return from === 'int32' && to === 'float32';
}

/**
 * `fn` as PyTorch applies it: inputs converted to the common dtype first (an int32 above 2^24
 * rounds to float32), and a bool result stored as 0/1 (true + true is true).
 */
function storedAs(
  fn: (x: number, y: number) => number,
  dtype: DType,
  rule: ResultRule,
  a: DType,
  b: DType,
  common: DType,
): (x: number, y: number) => number {
  // An int32 product wraps modulo 2^32 as in C; a float64 product would lose the low bits first.
  if (fn === mul && dtype === 'int32') return Math.imul;
  const [ra, rb] = [rounds(a, common), rounds(b, common)];
  const f = ra || rb ? (x: number, y: number): number => fn(ra ? Math.fround(x) : x, rb ? Math.fround(y) : y) : fn;
  return dtype === 'bool' && rule !== 'bool' ? (x, y) => (f(x, y) !== 0 ? 1 : 0) : f;
}

const dtypeOf = (x: Tensor | number, common: DType): DType => (typeof x === 'number' || x.ndim === 0 ? common : x.dtype);

/** `fn(a, b)` with broadcasting; `b` may be a JS number (rounded to the common dtype first, as PyTorch). */
export function binary(
  a: Tensor,
  b: Tensor | number,
  fn: (x: number, y: number) => number,
  rule: ResultRule = 'same',
): Tensor {
  const fast = rule === 'bool' ? null : denseFloat(a, b, fn);
  if (fast !== null) return fast;
  const common = commonDType(a, b);
  const dtype = resultDType(common, rule);
  const f = storedAs(fn, dtype, rule, dtypeOf(a, common), dtypeOf(b, common), common);
  if (typeof b === 'number') {
    const shape = [...a.shape];
    // mapBinary writes every element, so a pooled array need not be cleared first.
    const out = allocateUninitialized(dtype, sizeOf(shape));
    mapBinary(f, shape, { data: out, strides: contiguousStrides(shape), offset: 0 }, operandAs(a, shape, common), scalarOperand(castScalar(b, common), shape.length));
    return a._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
  }
  const shape = broadcastShapes(a.shape, b.shape);
  const out = allocateUninitialized(dtype, sizeOf(shape));
  mapBinary(f, shape, { data: out, strides: contiguousStrides(shape), offset: 0 }, operandAs(a, shape, common), operandAs(b, shape, common));
  return a._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * The common case without the generic dtype and broadcast machinery (issue #23: a tiny op's
 * fixed cost): a dense float tensor with a number, or two dense float tensors of one dtype and
 * one shape. The common dtype is then the tensor's own and `storedAs` leaves `fn` as it is, so
 * this runs the very loop the generic path would (`mapBinary`'s dense branches); the result
 * shares `a`'s shape array (shapes are never mutated in place). Null for anything else.
 */
function denseFloat(a: Tensor, b: Tensor | number, fn: (x: number, y: number) => number): Tensor | null {
  const dtype = a.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') return null;
  const shape = a.shape;
  if (!isDenseLayout(shape, a.strides)) return null;
  const n = sizeOf(shape);
  if (typeof b === 'number') {
    const out = allocateUninitialized(dtype, n);
    denseBinaryScalar(fn, n, out, 0, a.storage.data, a.offset, castScalar(b, dtype));
    return a._make(new Storage(out), shape, resultStrides(shape, a.strides), 0, dtype);
  }
  if (b.dtype !== dtype || b.shape.length !== shape.length || !isDenseLayout(b.shape, b.strides)) return null;
  for (let d = 0; d < shape.length; d++) if (b.shape[d] !== shape[d]) return null;
  const out = allocateUninitialized(dtype, n);
  denseBinary(fn, n, out, 0, a.storage.data, a.offset, b.storage.data, b.offset);
  return a._make(new Storage(out), shape, resultStrides(shape, a.strides), 0, dtype);
}

/**
 * The contiguous strides of `shape`: `strides` itself when it already is exactly that (arrays of
 * a tensor's geometry are never mutated in place, so results may share them; one allocation less
 * per tiny op, issue #23), else a new array.
 */
function resultStrides(shape: readonly number[], strides: readonly number[]): readonly number[] {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (strides[d] !== expected) return contiguousStrides(shape);
    expected *= shape[d] as number;
  }
  return strides;
}

/** Row-major with unit steps (size-1 dims may have any stride), as the element-wise kernels' dense test. */
function isDenseLayout(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] as number;
    if (size !== 1 && strides[d] !== expected) return false;
    expected *= size;
  }
  return true;
}

const TORCH_TYPE: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

/** PyTorch's `canCast`: no floating result into an integer tensor, no number into a bool one. */
export function canCast(from: DType, to: DType): boolean {
  const rank = { bool: 0, int32: 1, float32: 2, float64: 2 } as const;
  return rank[from] <= rank[to];
}

/** PyTorch's check that an in-place result fits the destination's dtype. */
export function checkCastable(from: DType, to: DType): void {
  if (!canCast(from, to)) {
    throw new TypeError(`result type ${TORCH_TYPE[from]} can't be cast to the desired output type ${TORCH_TYPE[to]}`);
  }
}

/** The broadcast shape of an in-place op, which must be the destination's own shape (PyTorch's message otherwise). */
export function checkInPlaceShape(dest: readonly number[], ...others: (readonly number[])[]): number[] {
  const shape = others.reduce<number[]>((acc, s) => broadcastShapes(acc, s), [...dest]);
  if (shape.length !== dest.length || shape.some((d, i) => d !== dest[i])) {
    throw new RangeError(`output with shape ${showShape(dest)} doesn't match the broadcast shape ${showShape(shape)}`);
  }
  return shape;
}

/** In-place `a = fn(a, b)`; `b` broadcasts to `a`'s shape. Allocates nothing for contiguous `a` and a number `b`. */
export function binaryInPlace(
  a: Tensor,
  b: Tensor | number,
  fn: (x: number, y: number) => number,
  rule: ResultRule = 'same',
  checkCast = true,
): Tensor {
  const common = commonDType(a, b);
  const dtype = resultDType(common, rule);
  if (checkCast) checkCastable(dtype, a.dtype);
  const f = storedAs(fn, a.dtype, rule, a.dtype, dtypeOf(b, common), common);
  const data = a.storage.data;
  if (typeof b === 'number' || (b.ndim === 0 && b.dtype !== common)) {
    const y = castScalar(typeof b === 'number' ? b : (b.storage.data[b.offset] as number), common);
    if (typeof b !== 'number') checkInPlaceShape(a.shape, b.shape);
    if (a.isContiguous()) {
      denseBinaryScalar(f, a.numel(), data, a.offset, data, a.offset, y);
    } else {
      mapBinary(f, a.shape, operandOf(a), operandOf(a), scalarOperand(y, a.ndim));
    }
  } else {
    const shape = checkInPlaceShape(a.shape, b.shape);
    // Read b before any write when the two overlap (same storage), unless b is exactly a (each
    // element is then read just before it is written): take a copy first.
    const same = b.storage === a.storage && b.offset === a.offset && b.ndim === a.ndim && b.strides.every((s, i) => s === a.strides[i]) && b.shape.every((s, i) => s === a.shape[i]);
    const bData = b.storage === a.storage && !same ? b.storage.data.slice() : b.storage.data;
    mapBinary(f, shape, operandOf(a), operandOf(a), { data: bData, strides: broadcastStrides(b.shape, b.strides, shape), offset: b.offset });
  }
  a.storage.version++;
  return a;
}
