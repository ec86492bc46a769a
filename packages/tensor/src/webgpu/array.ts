/// <reference types="@webgpu/types" />
/**
 * GPU arrays: a pooled buffer plus its dtype and length, and the strided views kernels read.
 *
 * float32 and int32 are stored as themselves; bool as one u32 (0 or 1) per element, since WGSL has no
 * 8-bit storage type. float64 has no WGSL type at all and is refused.
 */
import type { DType, TypedArray } from '../dtype';
import type { GPUContext } from './runtime';
import { READBACK_USAGE, STORAGE_USAGE, UNIFORM_USAGE } from './pool';
import { MAP_READ_MODE } from './flags';

/** The dtypes a GPU array can hold. */
export type GPUDType = 'float32' | 'int32' | 'bool';

/** Checks that `dtype` can live on the GPU; float64 gets WebGPU's reason. */
export function checkGPUDType(dtype: DType, where: string): GPUDType {
  if (dtype === 'float64') throw new TypeError(`${where}: WebGPU has no float64; convert the tensor to float32 (t.float()) before moving it to 'webgpu'`);
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') throw new TypeError(`${where}: unsupported dtype ${String(dtype)} on 'webgpu'`);
  return dtype;
}

/** A contiguous run of `length` elements in a pooled GPU buffer, returned to the pool when collected. */
export class GPUArray {
  /** The buffer (its size is the pool's size class, at least 4·length bytes). */
  readonly buffer: GPUBuffer;
  /** Element type. */
  readonly dtype: GPUDType;
  /** Number of elements. */
  readonly length: number;
  private readonly ctx: GPUContext;
  private token: object | null;

  /** `gpuWritten`: only kernels will write it (not `queue.writeBuffer`), so recycled buffers may serve. */
  constructor(ctx: GPUContext, length: number, dtype: GPUDType, gpuWritten = true) {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`GPUArray: length must be a non-negative integer, got ${length}`);
    const bytes = Math.max(4, length * 4);
    if (bytes > ctx.info.maxStorageBufferBindingSize) {
      throw new RangeError(`GPUArray: ${bytes} bytes exceed the device's maxStorageBufferBindingSize of ${ctx.info.maxStorageBufferBindingSize}`);
    }
    this.ctx = ctx;
    this.length = length;
    this.dtype = dtype;
    this.buffer = ctx.pool.acquire(bytes, STORAGE_USAGE, gpuWritten);
    this.token = ctx.pool.releaseWhenCollected(this, this.buffer);
  }

  /** Returns the buffer to the pool now (the collector would otherwise do it later); idempotent. */
  release(): void {
    if (this.token === null) return;
    this.ctx.pool.unregister(this.token);
    this.token = null;
    this.ctx.pool.release(this.buffer);
  }
}

/** A strided view of a GPU array, as a tensor's shape / strides / offset describe it (in elements). */
export interface GPUView {
  /** The array read. */
  array: GPUArray;
  /** Shape of the view. */
  shape: readonly number[];
  /** Strides of the view, in elements. */
  strides: readonly number[];
  /** Offset of the first element, in elements. */
  offset: number;
}

/** Contiguous strides of `shape`. */
export function contiguousStridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d] as number;
  }
  return strides;
}

/** The whole array as a contiguous view of `shape`. */
export function viewOf(array: GPUArray, shape: readonly number[]): GPUView {
  return { array, shape, strides: contiguousStridesOf(shape), offset: 0 };
}

/** Whether the view reads its array contiguously from its offset. */
export function isContiguousView(view: GPUView): boolean {
  let s = 1;
  for (let d = view.shape.length - 1; d >= 0; d--) {
    const size = view.shape[d] as number;
    if (size !== 1 && view.strides[d] !== s) return false;
    s *= size;
  }
  return true;
}

/** Number of elements of `shape`. */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/**
 * Copies `data` into a new GPU array (bool as u32). The write is queued, so it lands before any
 * commands submitted afterwards.
 *
 * @example
 * const a = upload(ctx, new Float32Array([1, 2, 3]), 'float32');
 */
export function upload(ctx: GPUContext, data: TypedArray, dtype: DType): GPUArray {
  const gpuDType = checkGPUDType(dtype, 'upload');
  const array = new GPUArray(ctx, data.length, gpuDType, false);
  if (data.length === 0) return array;
  let words: Float32Array | Int32Array | Uint32Array;
  if (gpuDType === 'bool') words = Uint32Array.from(data as Uint8Array, (v) => (v === 0 ? 0 : 1));
  else if (gpuDType === 'float32') words = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
  else words = data instanceof Int32Array ? data : Int32Array.from(data as ArrayLike<number>);
  // Dawn's writeBuffer needs a plain ArrayBuffer: copy views of shared (wasm thread) memory.
  if (!(words.buffer instanceof ArrayBuffer)) words = words.slice();
  ctx.device.queue.writeBuffer(array.buffer, 0, words.buffer, words.byteOffset, words.byteLength);
  return array;
}

/**
 * Reads a GPU array back to the CPU: submits the pending commands with a copy into a staging
 * buffer, waits for `mapAsync`, and copies out (bool becomes a Uint8Array of 0/1).
 *
 * @example
 * const values = await readback(ctx, out); // Float32Array
 */
export async function readback(ctx: GPUContext, array: GPUArray): Promise<TypedArray> {
  const bytes = array.length * 4;
  if (bytes === 0) return array.dtype === 'float32' ? new Float32Array(0) : array.dtype === 'int32' ? new Int32Array(0) : new Uint8Array(0);
  const staging = ctx.pool.acquire(bytes, READBACK_USAGE);
  ctx.batcher.copy(array.buffer, 0, staging, 0, bytes);
  ctx.batcher.flush();
  ctx.batcher.counters.readbacks++;
  try {
    await staging.mapAsync(MAP_READ_MODE, 0, bytes);
    const raw = staging.getMappedRange(0, bytes).slice(0);
    staging.unmap();
    if (array.dtype === 'float32') return new Float32Array(raw);
    if (array.dtype === 'int32') return new Int32Array(raw);
    return Uint8Array.from(new Uint32Array(raw), (v) => (v === 0 ? 0 : 1));
  } finally {
    ctx.pool.release(staging);
  }
}

/** A small uniform / storage parameter block written now and returned to the pool after the next flush. */
export function writeScratch(ctx: GPUContext, words: Int32Array | Float32Array | Uint32Array | ArrayBuffer, usage: number = UNIFORM_USAGE): GPUBuffer {
  const bytes = words instanceof ArrayBuffer ? words : words.buffer.slice(words.byteOffset, words.byteOffset + words.byteLength);
  const buffer = ctx.pool.acquire(Math.max(16, bytes.byteLength), usage);
  ctx.device.queue.writeBuffer(buffer, 0, bytes);
  ctx.pool.releaseAfterFlush(buffer);
  return buffer;
}
