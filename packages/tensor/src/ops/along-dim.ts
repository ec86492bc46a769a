/**
 * Row access along one dim, for the ops that work lane by lane (sort, cummax, scatter, …): the
 * values gathered into a contiguous buffer with `dim` last, and results in that layout turned back
 * into a tensor of the original dim order.
 */
import { allocate } from '../dtype';
import type { DType, TypedArray } from '../dtype';
import { gatherContiguous } from '../kernels/elementwise';
import { contiguousStrides, normalizeDim, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

/** `t`'s values with `dim` moved last: `rows` rows of `n` values each. */
export interface Lanes {
  data: TypedArray;
  n: number;
  rows: number;
  dim: number;
  order: number[];
}

/** The values of `t` as rows along `dim` (a 0-d tensor is one row of one value). */
export function lanesOf(t: Tensor, dim: number): Lanes {
  const d = normalizeDim(dim, t.ndim);
  const order = t.shape.map((_, i) => i).filter((i) => i !== d);
  if (t.ndim > 0) order.push(d);
  const shape = order.map((i) => t.shape[i] as number);
  const data = allocate(t.dtype, sizeOf(shape));
  gatherContiguous(shape, { data: t.storage.data, strides: order.map((i) => t.strides[i] as number), offset: t.offset }, data);
  const n = t.ndim === 0 ? 1 : (t.shape[d] as number);
  return { data, n, rows: n === 0 ? 0 : data.length / n, dim: d, order };
}

/** A tensor of `like`'s shape (with `n` along the lanes' dim) from `data` laid out with that dim last. */
export function fromLanes(like: Tensor, lanes: Lanes, data: TypedArray, dtype: DType, n = lanes.n): Tensor {
  const shape = like.shape.map((s, i) => (i === lanes.dim ? n : s));
  const moved = lanes.order.map((i) => shape[i] as number);
  const movedStrides = contiguousStrides(moved);
  const strides = shape.map((_, i) => movedStrides[lanes.order.indexOf(i)] as number);
  const t = like._make(new Storage(data), shape, strides, 0, dtype);
  return t.contiguous();
}
