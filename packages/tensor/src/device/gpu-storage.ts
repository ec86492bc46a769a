/**
 * A storage on the `'webgpu'` device: a pooled GPU array instead of a typed array.
 *
 * Its `data` cannot be read: any CPU kernel that reaches it (an op with no GPU kernel yet) throws
 * an Error instead of silently reading the buffer back. The buffer returns to the pool when the
 * storage is garbage collected (the array's FinalizationRegistry) or when the library knows it is
 * dead ({@link releaseGPUStorage}: the backward engine's sweep of what a pass created).
 */
import type { TypedArray } from '../dtype';
import { Storage } from '../storage';
import type { Device } from '../storage';
import type { GPUArray } from '../webgpu/array';

/** The error any CPU access to a GPU storage's elements throws. */
export function gpuDataError(): Error {
  return new Error(
    "this operation is not implemented on webgpu: it reads the tensor's elements on the CPU. " +
      "Move the tensor to the CPU with await t.toAsync('cpu') first, or read it with await t.dataAsync()",
  );
}

const EMPTY = new Float32Array(0);
/** GPU arrays a storage was made around already: a second storage over one is not its owner. */
const owned = new WeakSet<GPUArray>();

/** A storage whose elements live in a GPU buffer. */
export class GPUStorage extends Storage {
  /** Always `'webgpu'`. */
  override readonly device: Device = 'webgpu';
  /** @internal The elements (float32, int32, or bool as u32). */
  array: GPUArray;

  constructor(array: GPUArray) {
    super(EMPTY);
    this.array = array;
    // The first storage made around a kernel's fresh output owns it: a scope may release it.
    this.pooled = !owned.has(array);
    owned.add(array);
    Object.defineProperty(this, 'data', {
      get(): TypedArray {
        throw gpuDataError();
      },
      set(_value: TypedArray) {
        throw gpuDataError();
      },
      configurable: true,
      enumerable: true,
    });
  }
}

/** Whether `storage` lives on the GPU. */
export function isGPUStorage(storage: Storage): storage is GPUStorage {
  return storage.device === 'webgpu';
}

/**
 * @internal Returns a dead GPU storage's buffer to the pool now (the collector would do it later);
 * false for a CPU storage. Only for storages nothing can read again.
 */
export function releaseGPUStorage(storage: Storage): boolean {
  if (storage.device !== 'webgpu') return false;
  (storage as GPUStorage).array.release();
  return true;
}
