/**
 * `cat` and `flip` on GPU tensors. cat is a free function (outside the method dispatch), so the
 * CPU `cat` calls {@link gpuCat} when its operands are on 'webgpu'; flip is a method, whose CPU
 * version clones a negative-stride view on the CPU.
 */
import type { DType } from '../dtype';
import { intListArg } from '../args';
import type { IntList } from '../args';
import { contiguousStrides, normalizeDims } from '../shape';
import type { Tensor } from '../tensor';
import { GPUArray } from '../webgpu/array';
import { contiguous } from '../webgpu/elementwise';
import { copyInto } from '../webgpu/copy-into';
import { castView, gpuContext, gpuDType, gpuView, wrapGPU } from './gpu-tensor';
import { mixedDevicesError } from './dispatch';
import type { GPUMethod } from './dispatch';

/**
 * The operands (checked by the caller: same rank and sizes but along `dim`, empty 1-D ones
 * dropped) joined along `dim` into a new GPU tensor of `dtype` and `shape`, of `like`'s family.
 */
export function gpuCat(parts: readonly Tensor[], dim: number, shape: readonly number[], dtype: DType, like: Tensor): Tensor {
  for (const t of parts) if (t.storage.device !== 'webgpu') throw mixedDevicesError();
  const ctx = gpuContext();
  const gpuType = gpuDType(dtype, 'cat');
  const out = new GPUArray(ctx, shape.reduce((a, b) => a * b, 1), gpuType);
  const strides = contiguousStrides(shape);
  let start = 0;
  for (const t of parts) {
    copyInto(ctx, castView(ctx, gpuView(t), gpuType), out, start * (strides[dim] ?? 0), strides);
    start += t.shape[dim] as number;
  }
  return wrapGPU(like, out, shape, dtype);
}

/** GPU methods that rearrange elements: flip. */
export const GPU_SHAPE_METHODS: Record<string, GPUMethod> = {
  flip: function (this: Tensor, ...dimsArg: IntList[]): Tensor {
    const ds = normalizeDims(intListArg('flip', 'dims', dimsArg), this.ndim);
    if (this.ndim === 0 || this.numel() === 0) return wrapGPU(this, contiguous(gpuContext(), gpuView(this)), this.shape, this.dtype);
    let offset = this.offset;
    const strides = [...this.strides];
    for (const d of ds) {
      offset += ((this.shape[d] as number) - 1) * (strides[d] as number);
      strides[d] = -(strides[d] as number);
    }
    const view = { array: gpuView(this).array, shape: this.shape, strides, offset };
    return wrapGPU(this, contiguous(gpuContext(), view), this.shape, this.dtype);
  },
};
