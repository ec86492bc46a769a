/// <reference types="@webgpu/types" />
/**
 * Records many dispatches into one command encoder and submits them as one command buffer per
 * flush: dispatch, not arithmetic, is what costs a JavaScript training step on the GPU (one
 * `queue.submit` per op means a driver round trip per op).
 */

/** Counters of the batcher, for tests and benchmarks. */
export interface BatcherCounters {
  /** Dispatches recorded. */
  dispatches: number;
  /** `queue.submit` calls. */
  submissions: number;
  /** Buffer-to-buffer copies recorded. */
  copies: number;
  /** Reads back to the CPU (`mapAsync`). */
  readbacks: number;
}

/** Dispatches recorded before the batcher submits on its own, so one encoder stays bounded. */
export const MAX_BATCH = 1024;

/** One command encoder that outlives many ops; `flush()` submits it. */
export class CommandBatcher {
  /** Running totals. */
  readonly counters: BatcherCounters = { dispatches: 0, submissions: 0, copies: 0, readbacks: 0 };
  private readonly device: GPUDevice;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private recorded = 0;
  private readonly afterFlush: (() => void)[] = [];

  constructor(device: GPUDevice) {
    this.device = device;
  }

  /** Whether commands are recorded and not yet submitted. */
  get pending(): boolean {
    return this.recorded > 0;
  }

  private ensureEncoder(): GPUCommandEncoder {
    this.encoder ??= this.device.createCommandEncoder();
    return this.encoder;
  }

  /** Records one compute dispatch (the pass stays open for the next one). */
  dispatch(pipeline: GPUComputePipeline, bindGroup: GPUBindGroup, x: number, y = 1, z = 1): void {
    if (this.pass === null) this.pass = this.ensureEncoder().beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bindGroup);
    this.pass.dispatchWorkgroups(x, y, z);
    this.counters.dispatches++;
    this.recorded++;
    if (this.recorded >= MAX_BATCH) this.flush();
  }

  /** Records a buffer-to-buffer copy (closes the open compute pass). */
  copy(source: GPUBuffer, sourceOffset: number, destination: GPUBuffer, destinationOffset: number, size: number): void {
    this.endPass();
    this.ensureEncoder().copyBufferToBuffer(source, sourceOffset, destination, destinationOffset, size);
    this.counters.copies++;
    this.recorded++;
  }

  /** Runs `fn` after the next submission (the pool returns buffers the recorded work still reads). */
  onFlush(fn: () => void): void {
    if (this.recorded === 0) fn();
    else this.afterFlush.push(fn);
  }

  /** Runs `fn` after the next flush, even when nothing is recorded yet. */
  afterNextFlush(fn: () => void): void {
    this.afterFlush.push(fn);
  }

  private endPass(): void {
    if (this.pass !== null) {
      this.pass.end();
      this.pass = null;
    }
  }

  /** Submits everything recorded as one command buffer; (none when nothing is recorded), then returns the buffers that waited for it. */
  flush(): void {
    if (this.encoder !== null) {
      this.endPass();
      const commands = this.encoder.finish();
      this.encoder = null;
      this.recorded = 0;
      this.device.queue.submit([commands]);
      this.counters.submissions++;
    }
    const callbacks = this.afterFlush.splice(0);
    for (const fn of callbacks) fn();
  }
}
