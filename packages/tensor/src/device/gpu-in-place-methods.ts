/**
 * The GPU implementations of the in-place methods a training loop uses (fill_, zero_, copy_,
 * add_ / sub_ / mul_ / div_, maskedFill_, relu_, neg_). The new values are computed out of place
 * and the storage's buffer is swapped for the result's, which is exact when the tensor covers its
 * whole storage contiguously (parameters, gradients, optimizer state); on a view of part of a GPU
 * storage the result is written through the view's strides by a copy kernel.
 */
import { checkCastable } from '../ops/binary';
import { resultType } from '../result-type';
import { broadcastShapes, showShape } from '../shape';
import type { Tensor } from '../tensor';
import type { GPUStorage } from './gpu-storage';
import { gpuBinary, gpuCast, gpuUnary, gpuWhere } from './gpu-elementwise-methods';
import { copyInto } from '../webgpu/copy-into';
import { gpuContext, gpuFull, gpuView } from './gpu-tensor';
import type { GPUMethod } from './dispatch';

/** Writes `values` (broadcast to `target`'s shape, converted to its dtype) into `target`'s storage. */
export function assignGPU(target: Tensor, values: Tensor, name: string): Tensor {
  const storage = target.storage as GPUStorage;
  const shape = broadcastShapes(target.shape, values.shape);
  if (shape.length !== target.ndim || shape.some((s, i) => s !== target.shape[i])) {
    throw new RangeError(`output with shape ${showShape(target.shape)} doesn't match the broadcast shape ${showShape(shape)}`);
  }
  let v = values.dtype === target.dtype ? values : gpuCast(values, target.dtype);
  if (!(target.isContiguous() && target.offset === 0 && storage.array.length === target.numel())) {
    // A view of part of the storage: write the values through the view's strides, in place.
    if (target.shape.some((size, d) => size > 1 && target.strides[d] === 0)) {
      throw new Error(`${name}(): unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.`);
    }
    if ((v.storage as GPUStorage).array === storage.array) v = gpuUnary(v, 'copy');
    copyInto(gpuContext(), gpuView(v.expand([...target.shape])), storage.array, target.offset, target.strides);
    storage.version++;
    return target;
  }
  const dense = (t: Tensor): boolean => t.isContiguous() && t.offset === 0 && t.numel() === target.numel() && (t.storage as GPUStorage).array.length === t.numel();
  // A result made here is owned by nothing else; anything else (the caller's tensor) is copied first.
  if (v === values || !dense(v)) v = gpuUnary(v.expand([...target.shape]), 'copy');
  const old = storage.array;
  storage.array = (v.storage as GPUStorage).array;
  old.release();
  storage.version++;
  return target;
}

const binaryInPlace = (name: string, op: 'add' | 'sub' | 'mul' | 'div'): GPUMethod =>
  function (this: Tensor, other: Tensor | number): Tensor {
    checkCastable(op === 'div' && this.dtype !== 'float64' ? resultType([this, other, 1.5]) : resultType([this, other]), this.dtype);
    return assignGPU(this, gpuBinary(this, other, op, op === 'div'), name);
  };

/** GPU in-place methods by name. */
export const GPU_IN_PLACE_METHODS: Record<string, GPUMethod> = {
  add_: binaryInPlace('add_', 'add'),
  sub_: binaryInPlace('sub_', 'sub'),
  mul_: binaryInPlace('mul_', 'mul'),
  div_: binaryInPlace('div_', 'div'),
  fill_: function (this: Tensor, value: number): Tensor {
    return assignGPU(this, gpuFull(this, this.shape, value, this.dtype), 'fill_');
  },
  zero_: function (this: Tensor): Tensor {
    return assignGPU(this, gpuFull(this, this.shape, 0, this.dtype), 'zero_');
  },
  copy_: function (this: Tensor, src: Tensor): Tensor {
    return assignGPU(this, src, 'copy_');
  },
  maskedFill_: function (this: Tensor, mask: Tensor, value: number): Tensor {
    return assignGPU(this, gpuWhere(mask, value, this, this), 'maskedFill_');
  },
  relu_: function (this: Tensor): Tensor {
    return assignGPU(this, gpuUnary(this, 'relu'), 'relu_');
  },
  neg_: function (this: Tensor): Tensor {
    return assignGPU(this, gpuUnary(this, 'neg'), 'neg_');
  },
};
