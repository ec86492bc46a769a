/** Reductions over all elements or over `dim` (a number or a list, negative allowed), with `keepdim`. */
import { checkOptions } from '../args';
import { allocate, checkDType } from '../dtype';
import type { DType } from '../dtype';
import { operandOf } from '../kernels/elementwise';
import type { Reducer } from '../kernels/reduce';
import { MAX, argExtreme, reduce, scan } from '../kernels/reduce';
import { contiguousStrides, normalizeDim, normalizeDims, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

/** The dims a reduction runs over (all of them when `dim` is undefined or an empty list). */
export function reductionDims(t: Tensor, dim: number | readonly number[] | undefined): number[] {
  if (dim === undefined) return t.shape.map((_, i) => i);
  const list = typeof dim === 'number' ? [dim] : dim;
  if (list.length === 0) return t.shape.map((_, i) => i);
  return normalizeDims(list, t.ndim);
}

/** The output shape of reducing `dims`. */
export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const set = new Set(dims);
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!set.has(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Applies a reducer; the result dtype is given by the caller. */
export function reduceWith(
  t: Tensor,
  reducer: Reducer,
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
  dtype: DType,
): Tensor {
  const dims = reductionDims(t, dim);
  const shape = reducedShape(t.shape, dims, keepdim);
  const out = allocate(dtype, sizeOf(shape));
  reduce(reducer, t.shape, operandOf(t), dims, out);
  return t._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/** Values and first indices of the maximum (sign 1) or minimum (sign −1) along `dim`. */
export function extremeAlong(
  t: Tensor,
  sign: 1 | -1,
  dim: number,
  keepdim: boolean,
  name = sign > 0 ? 'max' : 'min',
): { values: Tensor; indices: Tensor } {
  const d = normalizeDim(dim, t.ndim);
  if (t.ndim > 0 && t.shape[d] === 0) throw new RangeError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
  const shape = t.ndim === 0 ? [] : reducedShape(t.shape, [d], keepdim);
  const values = allocate(t.dtype, sizeOf(shape));
  const indices = allocate('int32', sizeOf(shape));
  if (t.ndim === 0) {
    values[0] = t.storage.data[t.offset] as number;
  } else {
    argExtreme(sign, t.shape, operandOf(t), d, values, indices);
  }
  const strides = contiguousStrides(shape);
  return {
    values: t._make(new Storage(values), shape, strides, 0, t.dtype),
    indices: t._make(new Storage(indices), shape, strides, 0, 'int32'),
  };
}

/** Inclusive cumulative op along `dim`. */
export function scanAlong(t: Tensor, step: (acc: number, x: number) => number, dim: number, dtype: DType): Tensor {
  const d = normalizeDim(dim, t.ndim);
  const shape = [...t.shape];
  const out = allocate(dtype, sizeOf(shape));
  if (t.ndim === 0) out[0] = t.storage.data[t.offset] as number;
  else scan(step, t.shape, operandOf(t), d, out);
  return t._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/** max |x| with 0 as the identity, so the ∞-norm of an empty tensor is 0 (as torch.norm). */
export const ABS_MAX: Reducer = { ...MAX, init: 0 };

/** PyTorch's refusal to take an extreme value (`name`: amax, max, …) over nothing. */
export function checkNonEmptyReduction(t: Tensor, name: string, dim: number | readonly number[] | undefined): void {
  if (dim === undefined || (typeof dim !== 'number' && dim.length === 0)) {
    if (t.numel() === 0) {
      throw new RangeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    }
    return;
  }
  for (const d of reductionDims(t, dim)) {
    if (t.shape[d] === 0) throw new RangeError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
  }
}

/** Options of `sum` and `prod`. */
export interface ReduceOptions {
  /** Converts the input to this dtype before reducing (torch.sum's `dtype=`); default none. */
  dtype?: DType;
}

/** The input of a reduction after its `dtype` option (unknown options refused). */
export function reduceInput(t: Tensor, op: string, options: ReduceOptions | undefined): Tensor {
  checkOptions(op, options, ['dtype']);
  const dtype = options?.dtype;
  return dtype === undefined ? t : t.to(checkDType(dtype, op));
}
