/// <reference types="@webgpu/types" />
/**
 * A size-bucketed pool of GPU buffers. Creating a GPU buffer is a driver call and a page-granular
 * allocation; a training step that allocates every activation afresh makes hundreds of them, so
 * released buffers are kept per (usage, size class) and handed out again.
 *
 * Size classes are powers of two from 256 bytes: at most 2× over-allocation, and a handful of
 * classes cover every activation of a model, so steady-state steps hit the pool every time.
 *
 * A buffer released while recorded (unsubmitted) commands may still read it is "recycled": a later
 * kernel may write it at once (commands run in recording order, so its write follows the earlier
 * reads), but `queue.writeBuffer` may not, since a queue write lands before the still-pending
 * commands run. Recycled buffers join the free lists at the batcher's next flush.
 */
import type { CommandBatcher } from './batcher';
import { BufferUsage } from './flags';

/** Counters of the pool, for tests and benchmarks. */
export interface PoolCounters {
  /** GPU buffers created so far. */
  buffersCreated: number;
  /** Acquisitions served from a free list. */
  reuseHits: number;
  /** Bytes of buffers currently handed out (by size class). */
  liveBytes: number;
  /** Bytes of buffers waiting in the free lists. */
  pooledBytes: number;
}

/** Usage of the pool's storage buffers: kernels read and write them, copies go both ways. */
export const STORAGE_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;
/** Usage of the pool's uniform buffers (kernel parameters). */
export const UNIFORM_USAGE = BufferUsage.UNIFORM | BufferUsage.COPY_DST;
/** Usage of the pool's staging buffers (reads back to the CPU). */
export const READBACK_USAGE = BufferUsage.MAP_READ | BufferUsage.COPY_DST;

/** The size class of a request: the next power of two, at least 256 bytes. */
export function sizeClass(byteLength: number): number {
  if (!Number.isInteger(byteLength) || byteLength < 0) throw new RangeError(`sizeClass(): byteLength must be a non-negative integer, got ${byteLength}`);
  let size = 256;
  while (size < byteLength) size *= 2;
  return size;
}

/** The pool; one per device. */
export class BufferPool {
  /** Running totals. */
  readonly counters: PoolCounters = { buffersCreated: 0, reuseHits: 0, liveBytes: 0, pooledBytes: 0 };
  private readonly device: GPUDevice;
  private readonly batcher: CommandBatcher;
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly recycled = new Map<string, GPUBuffer[]>();
  private flushHooked = false;
  private readonly live = new Set<GPUBuffer>();
  private readonly usageOf = new WeakMap<GPUBuffer, number>();
  /** Returns a buffer to the pool when the object that owned it is garbage collected. */
  private readonly registry = new FinalizationRegistry<GPUBuffer>((buffer) => this.release(buffer));

  constructor(device: GPUDevice, batcher: CommandBatcher) {
    this.device = device;
    this.batcher = batcher;
  }

  /**
   * A buffer of at least `byteLength` bytes with `usage` (storage by default), reused when one is
   * free. `gpuWritten`: only recorded commands will write it (a kernel output), so a buffer released
   * since the last flush may serve.
   */
  acquire(byteLength: number, usage: number = STORAGE_USAGE, gpuWritten = false): GPUBuffer {
    const size = sizeClass(byteLength);
    const key = `${usage}:${size}`;
    let buffer = gpuWritten ? this.recycled.get(key)?.pop() : undefined;
    buffer ??= this.free.get(key)?.pop();
    if (buffer !== undefined) {
      this.counters.reuseHits++;
      this.counters.pooledBytes -= size;
    } else {
      buffer = this.device.createBuffer({ size, usage });
      this.usageOf.set(buffer, usage);
      this.counters.buffersCreated++;
    }
    this.live.add(buffer);
    this.counters.liveBytes += size;
    return buffer;
  }

  /**
   * Gives a buffer back. Buffers the recorded commands may still use wait for the next flush.
   * Releasing a buffer twice, or one the pool did not hand out, is a no-op.
   */
  release(buffer: GPUBuffer): void {
    if (!this.live.delete(buffer)) return;
    this.counters.liveBytes -= buffer.size;
    if (!this.batcher.pending) {
      this.putBack(buffer, this.free);
      return;
    }
    this.putBack(buffer, this.recycled);
    if (!this.flushHooked) {
      this.flushHooked = true;
      this.batcher.afterNextFlush(() => {
        this.flushHooked = false;
        for (const [key, list] of this.recycled) {
          let target = this.free.get(key);
          if (target === undefined) this.free.set(key, (target = []));
          target.push(...list);
        }
        this.recycled.clear();
      });
    }
  }

  /** Gives back a buffer that commands recorded next will use: it returns to the free lists after the next flush. */
  releaseAfterFlush(buffer: GPUBuffer): void {
    if (!this.live.delete(buffer)) return;
    this.counters.liveBytes -= buffer.size;
    this.batcher.afterNextFlush(() => this.putBack(buffer, this.free));
  }

  /**
   * Releases `buffer` when `owner` is garbage collected (the hook a GPU storage uses, so users never
   * dispose). Returns the token to pass to `unregister` when it is released early.
   */
  releaseWhenCollected(owner: object, buffer: GPUBuffer): object {
    const token = {};
    this.registry.register(owner, buffer, token);
    return token;
  }

  /** Cancels a `releaseWhenCollected`. */
  unregister(token: object): void {
    this.registry.unregister(token);
  }

  private putBack(buffer: GPUBuffer, lists: Map<string, GPUBuffer[]>): void {
    const usage = this.usageOf.get(buffer);
    if (usage === undefined) return;
    const key = `${usage}:${buffer.size}`;
    let list = lists.get(key);
    if (list === undefined) lists.set(key, (list = []));
    list.push(buffer);
    this.counters.pooledBytes += buffer.size;
  }

  /** Destroys every free buffer (live ones stay with their owners). */
  clear(): void {
    for (const lists of [this.free, this.recycled]) {
      for (const list of lists.values()) for (const buffer of list) buffer.destroy();
      lists.clear();
    }
    this.counters.pooledBytes = 0;
  }
}
