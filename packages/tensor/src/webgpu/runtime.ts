/// <reference types="@webgpu/types" />
/**
 * The WebGPU runtime: finds an adapter, requests a device with the adapter's real limits, and owns
 * the buffer pool, the command batcher and the pipeline cache that every GPU kernel shares.
 *
 * The browser entry finds the adapter through `navigator.gpu`; the Node-only entry
 * (`@descent/tensor/webgpu-node`) loads Dawn from the optional `webgpu` package and passes its `GPU`
 * object here as `options.gpu`. Nothing in this file touches a Node built-in.
 */
import { BufferPool } from './pool';
import { CommandBatcher } from './batcher';
import { PipelineCache } from './pipelines';

/** Options of `initWebGPU()`. */
export interface WebGPUInitOptions {
  /** Which adapter to prefer when there are several. Default: the platform's choice. */
  powerPreference?: 'low-power' | 'high-performance';
  /**
   * The `GPU` entry point to use instead of `navigator.gpu`, or an async function that loads it (the
   * Node entry passes Dawn's loader here; a loader that throws makes initWebGPU resolve false with
   * its message). Typed loosely so the public types need no WebGPU declarations.
   */
  gpu?: unknown;
}

/** What {@link webgpuInfo} reports about the device in use. */
export interface WebGPUInfo {
  /** The adapter's vendor / architecture / device / description, joined (may be empty). */
  adapter: string;
  /** Whether the adapter is a fallback (software) adapter, when the platform says so. */
  isFallbackAdapter: boolean;
  /** Largest storage buffer binding the device accepts, in bytes (the adapter's real limit). */
  maxStorageBufferBindingSize: number;
  /** Largest buffer, in bytes. */
  maxBufferSize: number;
  /** Workgroup memory per workgroup, in bytes. */
  maxComputeWorkgroupStorageSize: number;
  /** Invocations per workgroup. */
  maxComputeInvocationsPerWorkgroup: number;
  /** Workgroups per dispatch dimension. */
  maxComputeWorkgroupsPerDimension: number;
  /** Whether the device was created with `shader-f16` (only when the adapter offers it). */
  shaderF16: boolean;
}

/** The device and the shared machinery of the GPU kernels. */
export class GPUContext {
  /** The device every kernel runs on. */
  readonly device: GPUDevice;
  /** Size-bucketed buffer pool. */
  readonly pool: BufferPool;
  /** Records dispatches into one command buffer per flush. */
  readonly batcher: CommandBatcher;
  /** Compiled pipelines, keyed by kernel, dtype and static parameters. */
  readonly pipelines: PipelineCache;
  /** What was found. */
  readonly info: WebGPUInfo;
  /**
   * The `GPU` object the device came from, held for the device's lifetime: Dawn's instance
   * processes the device's events (mapAsync), and collecting it while the device lives crashes Node.
   */
  readonly gpu: GPU;

  constructor(gpu: GPU, device: GPUDevice, info: WebGPUInfo) {
    this.gpu = gpu;
    this.device = device;
    this.info = info;
    this.batcher = new CommandBatcher(device);
    this.pool = new BufferPool(device, this.batcher);
    this.pipelines = new PipelineCache(device);
  }
}

let current: GPUContext | null = null;
let lastFailure = 'initWebGPU() has not been called';

const LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxStorageBuffersPerShaderStage',
] as const;

function adapterName(adapter: GPUAdapter): string {
  const info = adapter.info as GPUAdapterInfo | undefined;
  if (info === undefined) return '';
  return [info.vendor, info.architecture, info.device, info.description].filter((s) => typeof s === 'string' && s !== '').join(' ');
}

/**
 * Finds a WebGPU adapter and creates the device the GPU kernels run on. Resolves `false` (and keeps
 * the reason for `webgpuContext()`'s error) when there is no WebGPU or no adapter; resolves
 * `true` at once when a device already exists. The device asks for the adapter's real limits
 * (`maxStorageBufferBindingSize` defaults to 128 MiB otherwise) and enables `shader-f16` only when the
 * adapter offers it.
 *
 * @example
 * if (await initWebGPU()) console.log(webgpuInfo().adapter);
 */
export async function initWebGPU(options: WebGPUInitOptions = {}): Promise<boolean> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`initWebGPU(): options must be an object, got ${String(options)}`);
  if (current !== null) return true;
  let given = options.gpu;
  if (typeof given === 'function') {
    try {
      given = await (given as () => Promise<unknown>)();
    } catch (error) {
      lastFailure = error instanceof Error ? error.message : String(error);
      return false;
    }
  }
  const gpu = (given ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu) as GPU | undefined;
  if (gpu === undefined || gpu === null || typeof gpu.requestAdapter !== 'function') {
    lastFailure = 'this environment has no WebGPU (navigator.gpu is undefined; in Node, use initWebGPU from @descent/tensor/webgpu-node)';
    return false;
  }
  const adapter = await gpu.requestAdapter(options.powerPreference === undefined ? {} : { powerPreference: options.powerPreference });
  if (adapter === null) {
    lastFailure = 'no WebGPU adapter was found (requestAdapter() returned null)';
    return false;
  }
  const requiredLimits: Record<string, number> = {};
  for (const name of LIMITS) requiredLimits[name] = adapter.limits[name];
  const shaderF16 = adapter.features.has('shader-f16');
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures: shaderF16 ? ['shader-f16'] : [] });
  const limits = device.limits;
  const info: WebGPUInfo = {
    adapter: adapterName(adapter),
    isFallbackAdapter: (adapter.info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true,
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxBufferSize: limits.maxBufferSize,
    maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    shaderF16: device.features.has('shader-f16'),
  };
  current = new GPUContext(gpu, device, info);
  void device.lost.then(() => {
    if (current?.device === device) {
      current = null;
      lastFailure = 'the WebGPU device was lost or released; call initWebGPU() again';
    }
  });
  return true;
}

/**
 * The GPU context, or an Error saying why there is none (no adapter, or `initWebGPU()` not awaited).
 *
 * @example
 * const ctx = webgpuContext();
 */
export function webgpuContext(): GPUContext {
  if (current === null) throw new Error(`WebGPU is not available: ${lastFailure}. Await initWebGPU() and check that it returns true before using the 'webgpu' device.`);
  return current;
}

/**
 * What the current device is and which limits it was created with; throws like
 * `webgpuContext()` when there is no device.
 *
 * @example
 * await initWebGPU();
 * webgpuInfo().maxStorageBufferBindingSize; // e.g. 1073741824
 */
export function webgpuInfo(): WebGPUInfo {
  return { ...webgpuContext().info };
}

/**
 * Destroys the device and forgets its pool and pipelines, so a Node process holding Dawn can exit.
 * Pending work is submitted first. A later `initWebGPU()` creates a new device.
 *
 * @example
 * releaseWebGPU();
 */
export function releaseWebGPU(): void {
  const ctx = current;
  if (ctx === null) return;
  current = null;
  lastFailure = 'the WebGPU device was released; call initWebGPU() again';
  ctx.batcher.flush();
  ctx.pool.clear();
  ctx.device.destroy();
}

/** Running totals of the device's work, for tests and benchmarks (see {@link webgpuCounters}). */
export interface WebGPUCounters {
  /** `queue.submit` calls. */
  submissions: number;
  /** Compute dispatches recorded. */
  dispatches: number;
  /** Reads back to the CPU (`mapAsync`). */
  readbacks: number;
  /** GPU buffers created (the pool's misses). */
  buffersCreated: number;
  /** Bytes of pooled buffers in use. */
  liveBytes: number;
  /** Bytes of free buffers waiting in the pool. */
  pooledBytes: number;
}

/**
 * The current device's counters (throws like `webgpuContext()` when there is none). Differences
 * between two calls count the work in between, e.g. the submissions of one training step.
 *
 * @example
 * const before = webgpuCounters();
 * step();
 * webgpuCounters().submissions - before.submissions; // ≤ 10
 */
export function webgpuCounters(): WebGPUCounters {
  const ctx = webgpuContext();
  const { submissions, dispatches, readbacks } = ctx.batcher.counters;
  const { buffersCreated, liveBytes, pooledBytes } = ctx.pool.counters;
  return { submissions, dispatches, readbacks, buffersCreated, liveBytes, pooledBytes };
}
