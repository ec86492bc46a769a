/**
 * Tensors on the `'webgpu'` device: moving a tensor between devices, the GPU view of a tensor,
 * wrapping a kernel's output array as a tensor, scalars and casts on the GPU.
 */
import type { DType } from '../dtype';
import { contiguousStrides } from '../shape';
import type { Device } from '../storage';
import type { Tensor } from '../tensor';
import { checkGPUDType, upload, writeScratch } from '../webgpu/array';
import type { GPUDType, GPUView , GPUArray} from '../webgpu/array';
import { mapViews } from '../webgpu/elementwise';
import { STORAGE_USAGE } from '../webgpu/pool';
import { webgpuContext } from '../webgpu/runtime';
import type { GPUContext } from '../webgpu/runtime';
import { GPUStorage } from './gpu-storage';
import { enableDeviceDispatch } from './dispatch';

/** The device names a user may pass. */
export const DEVICES: readonly Device[] = ['cpu', 'webgpu'];

/** Whether `value` names a device. */
export function isDevice(value: unknown): value is Device {
  return value === 'cpu' || value === 'webgpu';
}

/** Checks a `device` argument: one of the device names, with PyTorch's message otherwise. */
export function checkDevice(device: unknown, where: string): Device {
  if (!isDevice(device)) throw new TypeError(`${where}(): expected a device 'cpu' or 'webgpu', got ${typeof device === 'string' ? `'${device}'` : String(device)}`);
  return device;
}

/** The GPU context (an Error saying why there is none). */
export function gpuContext(): GPUContext {
  return webgpuContext();
}

/** The strided view of a GPU tensor's storage. */
export function gpuView(t: Tensor): GPUView {
  return { array: (t.storage as GPUStorage).array, shape: t.shape, strides: t.strides, offset: t.offset };
}

/** Wraps a kernel's contiguous output as a tensor of `like`'s family. */
export function wrapGPU(like: Tensor, array: GPUArray, shape: readonly number[], dtype: DType): Tensor {
  enableDeviceDispatch();
  return like._make(new GPUStorage(array), [...shape], contiguousStrides(shape), 0, dtype);
}

/** A one-element GPU view of `value` in `dtype`, broadcast to any shape (a pooled scratch buffer). */
export function scalarView(ctx: GPUContext, value: number, dtype: GPUDType): GPUView {
  const words = dtype === 'float32' ? Float32Array.of(value) : dtype === 'int32' ? Int32Array.of(value) : Uint32Array.of(value !== 0 ? 1 : 0);
  const buffer = writeScratch(ctx, words, STORAGE_USAGE);
  const array = { buffer, dtype, length: 1 } as unknown as GPUArray;
  return { array, shape: [], strides: [], offset: 0 };
}

const CAST: Record<GPUDType, Record<GPUDType, string>> = {
  float32: { float32: 'x', int32: 'i32(x)', bool: 'select(0u, 1u, x != 0.0)' },
  int32: { float32: 'f32(x)', int32: 'x', bool: 'select(0u, 1u, x != 0)' },
  bool: { float32: 'f32(x)', int32: 'i32(x)', bool: 'x' },
};

/** The view converted to `dtype` (a new contiguous array; the view itself when the dtype matches). */
export function castView(ctx: GPUContext, view: GPUView, dtype: GPUDType): GPUView {
  const from = view.array.dtype;
  if (from === dtype) return view;
  const array = mapViews(ctx, `cast:${from}:${dtype}`, [view], view.shape, dtype, CAST[from][dtype]);
  return { array, shape: view.shape, strides: contiguousStrides(view.shape), offset: 0 };
}

/** `t` on `device`: an upload to the GPU (a copy), or `t` itself when it is there already. */
export function toDevice(t: Tensor, device: Device): Tensor {
  if (t.storage.device === device) return t;
  if (device === 'cpu') {
    throw new Error("t.to('cpu'): a webgpu tensor cannot be read back synchronously; use await t.toAsync('cpu') (or await t.dataAsync())");
  }
  const dtype = checkGPUDType(t.dtype, "to('webgpu')");
  const ctx = gpuContext();
  const dense = t.isContiguous() && t.offset === 0 && t.storage.data.length === t.numel() ? t.storage.data : t.toTypedArray();
  return wrapGPU(t, upload(ctx, dense, dtype), t.shape, t.dtype);
}

/** A GPU tensor of `shape` filled with `value`, of `like`'s family. */
export function gpuFull(like: Tensor, shape: readonly number[], value: number, dtype: DType): Tensor {
  const ctx = gpuContext();
  const gpuDType = checkGPUDType(dtype, 'full');
  const array = mapViews(ctx, `fill:${gpuDType}`, [scalarView(ctx, value, gpuDType)], shape, gpuDType, 'x');
  return wrapGPU(like, array, shape, dtype);
}

/** Checks that a GPU storage can hold `dtype` (float64 is refused with WebGPU's reason). */
export function gpuDType(dtype: DType, where: string): GPUDType {
  return checkGPUDType(dtype, where);
}
