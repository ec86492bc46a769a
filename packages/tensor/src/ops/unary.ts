/** Element-wise unary ops from a scalar function, out of place and in place. */
import { allocate } from '../dtype';
import type { DType } from '../dtype';
import { mapUnary, operandOf } from '../kernels/elementwise';
import { contiguousStrides, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { resultType } from '../result-type';
import { checkCastable } from './binary';

/** Result dtype rule: keep the input's, or promote ints and bools to float32 (exp, sqrt, …). */
export type UnaryRule = 'same' | 'float';

function resultDType(dtype: DType, rule: UnaryRule): DType {
  return rule === 'float' && (dtype === 'int32' || dtype === 'bool') ? 'float32' : dtype;
}

/** `fn(a)` into a new contiguous tensor. */
export function unary(a: Tensor, fn: (x: number) => number, rule: UnaryRule = 'same', dtype?: DType): Tensor {
  const outDType = dtype ?? resultDType(a.dtype, rule);
  const shape = [...a.shape];
  const out = allocate(outDType, sizeOf(shape));
  mapUnary(fn, shape, { data: out, strides: contiguousStrides(shape), offset: 0 }, operandOf(a));
  return a._make(new Storage(out), shape, contiguousStrides(shape), 0, outDType);
}

/** `a = fn(a)` in place. */
export function unaryInPlace(a: Tensor, fn: (x: number) => number, rule: UnaryRule = 'same'): Tensor {
  checkCastable(resultDType(a.dtype, rule), a.dtype);
  const data = a.storage.data;
  if (a.isContiguous()) {
    const end = a.offset + a.numel();
    for (let i = a.offset; i < end; i++) data[i] = fn(data[i] as number);
  } else {
    mapUnary(fn, a.shape, operandOf(a), operandOf(a));
  }
  a.storage.version++;
  return a;
}

/** Logistic sigmoid, stable for large |x|. */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The dtype of `clamp(t, min, max)`: PyTorch's promotion of the tensor with the given bounds. */
export function clampDType(t: Tensor, min: number | undefined, max: number | undefined): DType {
  if (min === undefined && max === undefined) throw new TypeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  return resultType([t, ...[min, max].filter((b): b is number => b !== undefined)]);
}

/** Limits x to [min, max] (a missing bound is no limit); NaN stays NaN, as PyTorch's clamp. */
export function clampFn(min: number | undefined, max: number | undefined): (x: number) => number {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  return (x) => (Number.isNaN(x) ? x : Math.min(Math.max(x, lo), hi));
}
