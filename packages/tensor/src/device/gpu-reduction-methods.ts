/**
 * The GPU implementations of the reductions (sum, mean, max / min with or without a dim, amax,
 * amin, argmax, argmin) and of softmax / logSoftmax. A reduction over several dims reduces one dim
 * at a time, last first; softmax over another dim than the last one runs on a transposed view.
 */
import { normalizeDim, normalizeDims } from '../shape';
import type { Tensor } from '../tensor';
import type { ReduceOptions } from '../ops/reduction';
import { reduce } from '../webgpu/reduction';
import type { ReduceOp } from '../webgpu/reduction';
import { softmax } from '../webgpu/softmax';
import { gpuCast } from './gpu-elementwise-methods';
import { gpuContext, gpuView, wrapGPU } from './gpu-tensor';
import type { GPUMethod } from './dispatch';

function reduceOne(a: Tensor, op: ReduceOp, dim: number | undefined, keepdim: boolean): Tensor {
  const ctx = gpuContext();
  const out = reduce(ctx, op, gpuView(a), dim);
  let shape: number[];
  if (dim === undefined) shape = keepdim ? a.shape.map(() => 1) : [];
  else {
    const d = normalizeDim(dim, a.ndim);
    shape = a.ndim === 0 ? [] : keepdim ? a.shape.map((s, i) => (i === d ? 1 : s)) : a.shape.filter((_, i) => i !== d);
  }
  return wrapGPU(a, out, shape, out.dtype);
}

/** Reduces over `dim` (a number, a list, or every element when undefined). */
export function gpuReduce(a: Tensor, op: ReduceOp, dim: number | readonly number[] | undefined, keepdim: boolean): Tensor {
  if (dim === undefined || (Array.isArray(dim) && dim.length === 0)) return reduceOne(a, op, undefined, keepdim);
  if (typeof dim === 'number') return reduceOne(a, op, dim, keepdim);
  const dims = normalizeDims(dim as readonly number[], a.ndim).sort((x, y) => y - x);
  let out = a;
  for (const d of dims) out = reduceOne(out, op, d, keepdim);
  return out;
}

/** Ints and bools sum to int32, as on the CPU; `options.dtype` converts first. */
function summand(a: Tensor, options?: ReduceOptions): Tensor {
  if (options?.dtype !== undefined) return gpuCast(a, options.dtype);
  return a.dtype === 'bool' ? gpuCast(a, 'int32') : a;
}

function extreme(op: 'max' | 'min'): GPUMethod {
  return function (this: Tensor, dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return reduceOne(this, op, undefined, false);
    return { values: reduceOne(this, op, dim, keepdim), indices: reduceOne(this, op === 'max' ? 'argmax' : 'argmin', dim, keepdim) };
  };
}

function softmaxMethod(log: boolean): GPUMethod {
  return function (this: Tensor, dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    const last = Math.max(this.ndim - 1, 0);
    const a = d === last ? this : this.transpose(d, last);
    const out = wrapGPU(this, softmax(gpuContext(), gpuView(a), log), a.shape, 'float32');
    return d === last ? out : out.transpose(d, last);
  };
}

/** GPU reduction and softmax methods by name. */
export const GPU_REDUCTION_METHODS: Record<string, GPUMethod> = {
  sum: function (this: Tensor, dim?: number | readonly number[], keepdim = false, options?: ReduceOptions): Tensor {
    return gpuReduce(summand(this, options), 'sum', dim, keepdim);
  },
  mean: function (this: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
    if (this.dtype !== 'float32') throw new TypeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${this.dtype}`);
    return gpuReduce(this, 'mean', dim, keepdim);
  },
  max: extreme('max'),
  min: extreme('min'),
  amax: function (this: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
    return gpuReduce(this, 'max', dim, keepdim);
  },
  amin: function (this: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
    return gpuReduce(this, 'min', dim, keepdim);
  },
  argmax: function (this: Tensor, dim?: number, keepdim = false): Tensor {
    return reduceOne(this, 'argmax', dim, keepdim);
  },
  argmin: function (this: Tensor, dim?: number, keepdim = false): Tensor {
    return reduceOne(this, 'argmin', dim, keepdim);
  },
  softmax: softmaxMethod(false),
  logSoftmax: softmaxMethod(true),
};
