/**
 * Tensor methods: reading values on every device. `await t.dataAsync()`, `await t.toArray()` and
 * `await t.itemAsync()` work on the CPU and on the GPU (where reads are asynchronous), so portable
 * code runs on both; `dataSync()` is the synchronous CPU-only form of `dataAsync()` (not `data()`: on autograd's
 * tensors `t.data` is PyTorch's detached-tensor property).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import type { NestedArray } from '../tensor-options';
import type { TypedArray } from '../dtype';
import type { Device } from '../storage';
import type { GPUStorage } from '../device/gpu-storage';
import { checkDevice, gpuContext, toDevice } from '../device/gpu-tensor';
import { readback } from '../webgpu/array';
import { Storage } from '../storage';
import { installMethods } from './method-group';

/** Reading values on every device. Part of {@link Tensor}. */
export interface TensorAsyncReads {
  /**
   * A fresh contiguous typed array of the values (row-major), on every device (a GPU tensor is
   * read back; the pending GPU work is submitted first).
   *
   * @example
   * const values = await logits.dataAsync();
   */
  dataAsync(): Promise<TypedArray>;
  /** The values as nested arrays (a number for a 0-d tensor; bools as 0/1), on every device. */
  toArray(): Promise<NestedArray>;
  /** The single value of a one-element tensor, on every device. */
  itemAsync(): Promise<number>;
  /** A copy on `device` (this tensor itself when it is there), reading a GPU tensor back when the target is the CPU. */
  toAsync(device: Device): Promise<Tensor>;
  /** The values as a fresh typed array, synchronously: CPU only (on 'webgpu' use `await t.dataAsync()`). */
  dataSync(): TypedArray;
}

/** Row-major values as nested arrays of `shape` (a number for 0-d). */
function nest(flat: TypedArray, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return flat[0] as number;
  const build = (dim: number, base: number, stride: number): NestedArray[] => {
    const size = shape[dim] as number;
    const inner = stride / size;
    return Array.from({ length: size }, (_, i) => (dim === shape.length - 1 ? (flat[base + i] as number) : build(dim + 1, base + i * inner, inner)));
  };
  return build(0, 0, shape.reduce((a, b) => a * b, 1));
}

async function read(t: Tensor): Promise<TypedArray> {
  if (t.storage.device === 'cpu') return t.toTypedArray();
  const dense = t.isContiguous() && t.offset === 0 ? t : t.clone();
  const values = await readback(gpuContext(), (dense.storage as GPUStorage).array);
  const n = t.numel();
  return values.length === n ? values : values.slice(0, n);
}

installMethods<TensorAsyncReads>(Tensor.prototype, {
  dataAsync(): Promise<TypedArray> {
    return read(this);
  },
  async toArray(): Promise<NestedArray> {
    return nest(await read(this), this.shape);
  },
  async itemAsync(): Promise<number> {
    if (this.numel() !== 1) throw new RangeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    return (await read(this))[0] as number;
  },
  async toAsync(device: Device): Promise<Tensor> {
    checkDevice(device, 'toAsync');
    if (device !== 'cpu' || this.storage.device === 'cpu') return toDevice(this, device);
    const values = await read(this);
    const strides = this.shape.map((_, d) => this.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    return this._make(new Storage(values), [...this.shape], strides, 0, this.dtype);
  },
  dataSync(): TypedArray {
    return this.toTypedArray();
  },
});
