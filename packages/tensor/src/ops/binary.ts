/**
 * Broadcasting binary ops: one generic path from a scalar function plus a dtype rule, for both the
 * out-of-place form (a new contiguous result) and the in-place form (written into `a`).
 */
import { allocate, castScalar, promoteTypes, promoteWithScalar } from '../dtype';
import type { DType } from '../dtype';
import type { Operand } from '../kernels/elementwise';
import { denseBinaryScalar } from '../kernels/arithmetic';
import { mapBinary, operandOf } from '../kernels/elementwise';
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

/** The common dtype the op computes in. */
export function commonDType(a: Tensor, b: Tensor | number): DType {
  return typeof b === 'number' ? promoteWithScalar(a.dtype, b) : promoteTypes(a.dtype, b.dtype);
}

function scalarOperand(value: number, ndim: number): Operand {
  return { data: Float64Array.of(value), strides: new Array<number>(ndim).fill(0), offset: 0 };
}

/** `fn(a, b)` with broadcasting; `b` may be a JS number (rounded to the common dtype first, as PyTorch). */
export function binary(
  a: Tensor,
  b: Tensor | number,
  fn: (x: number, y: number) => number,
  rule: ResultRule = 'same',
): Tensor {
  const common = commonDType(a, b);
  const dtype = resultDType(common, rule);
  if (typeof b === 'number') {
    const shape = [...a.shape];
    const out = allocate(dtype, sizeOf(shape));
    mapBinary(fn, shape, { data: out, strides: contiguousStrides(shape), offset: 0 }, operandOf(a), scalarOperand(castScalar(b, common), shape.length));
    return a._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
  }
  const shape = broadcastShapes(a.shape, b.shape);
  const out = allocate(dtype, sizeOf(shape));
  mapBinary(
    fn,
    shape,
    { data: out, strides: contiguousStrides(shape), offset: 0 },
    { data: a.storage.data, strides: broadcastStrides(a.shape, a.strides, shape), offset: a.offset },
    { data: b.storage.data, strides: broadcastStrides(b.shape, b.strides, shape), offset: b.offset },
  );
  return a._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

const TORCH_TYPE: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

/** PyTorch's check that an in-place result fits the destination's dtype. */
export function checkCastable(from: DType, to: DType): void {
  const rank = { bool: 0, int32: 1, float32: 2, float64: 2 } as const;
  if (rank[from] > rank[to]) {
    throw new TypeError(`result type ${TORCH_TYPE[from]} can't be cast to the desired output type ${TORCH_TYPE[to]}`);
  }
}

/** In-place `a = fn(a, b)`; `b` broadcasts to `a`'s shape. Allocates nothing for contiguous `a` and a number `b`. */
export function binaryInPlace(
  a: Tensor,
  b: Tensor | number,
  fn: (x: number, y: number) => number,
  rule: ResultRule = 'same',
  checkCast = true,
): Tensor {
  const dtype = resultDType(commonDType(a, b), rule);
  if (checkCast) checkCastable(dtype, a.dtype);
  const data = a.storage.data;
  if (typeof b === 'number') {
    const y = castScalar(b, commonDType(a, b));
    if (a.isContiguous()) {
      denseBinaryScalar(fn, a.numel(), data, a.offset, data, a.offset, y);
    } else {
      mapBinary(fn, a.shape, operandOf(a), operandOf(a), scalarOperand(y, a.ndim));
    }
  } else {
    const shape = broadcastShapes(a.shape, b.shape);
    if (shape.length !== a.shape.length || shape.some((d, i) => d !== a.shape[i])) {
      throw new RangeError(`output with shape ${showShape(a.shape)} doesn't match the broadcast shape ${showShape(shape)}`);
    }
    // Read b before any write when the two overlap (same storage): take a copy first.
    const bData = b.storage === a.storage ? b.storage.data.slice() : b.storage.data;
    mapBinary(fn, shape, operandOf(a), operandOf(a), { data: bData, strides: broadcastStrides(b.shape, b.strides, shape), offset: b.offset });
  }
  a.storage.version++;
  return a;
}
