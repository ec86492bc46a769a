/**
 * The GPU run's device set-up in Node: one Dawn instance from the `webgpu` package, published as
 * `navigator.gpu` (with Dawn's WebGPU globals such as `GPUBufferUsage`) for the peers, which find
 * their adapter there, and handed to Descent's Node entry. Each library then requests its own
 * device from it. Also the run's configuration, which is small on a software adapter (SwiftShader).
 *
 * Dawn finds the system's Vulkan, Metal or D3D12 driver; VK_ICD_FILENAMES pointing at SwiftShader's
 * ICD makes it use SwiftShader instead (see the README's "WebGPU" section).
 */
import { create, globals } from 'webgpu';
import { initWebGPU, webgpuInfo } from '@descent/tensor/webgpu-node';

/** What the adapter says about itself (`adapter.info`). */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software (fallback) adapter, e.g. SwiftShader: its times only show that the workloads run. */
  software: boolean;
}

/** Rounds, time budget and iteration counts of the GPU run. */
export interface GpuConfig {
  /** Rounds of the whole table; each cell is the median over them (BENCH_ROUNDS). */
  rounds: number;
  /** Milliseconds of timed runs per cell and round, after the warm-up (BENCH_TIME). */
  timeMs: number;
  /** Untimed runs first (pipelines compile, pools fill, jax-js traces). */
  warmup: number;
  /** Timed runs at least, however long they take. */
  minIterations: number;
  /** Untimed runs between the timing and the counting, so the counters see the steady state. */
  countWarmup: number;
  /** Runs counted for the per-run counters. */
  countSteps: number;
  /** Whether matmul 4096 runs (on SwiftShader one product takes minutes; BENCH_GPU_FULL=1 forces it). */
  bigMatmul: boolean;
}

/**
 * Creates the Dawn instance, publishes it as `navigator.gpu` and initialises Descent's device on it.
 * Throws when no adapter is found (the run has nothing to measure then).
 */
export async function setupGPU(): Promise<AdapterDescription> {
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // Node 20 has no navigator; jax-js also reads userAgent and hardwareConcurrency from it.
  const nav = { gpu, userAgent: `Node.js ${process.version}`, hardwareConcurrency: 1, language: 'en' };
  Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter();
  if (adapter === null) {
    throw new Error('bench --device webgpu: no WebGPU adapter was found (without a GPU driver, set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json for SwiftShader)');
  }
  if (!(await initWebGPU({ gpu }))) throw new Error('bench --device webgpu: Descent found no WebGPU device on the adapter');
  const info = adapter.info;
  const description = {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    software: false,
  };
  const fallback = (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true || webgpuInfo().isFallbackAdapter;
  description.software = fallback || /swiftshader|llvmpipe|lavapipe/i.test(Object.values(description).join(' '));
  return description;
}

/** The run's configuration: the full one on a real GPU, a small one on a software adapter. */
export function gpuConfig(adapter: AdapterDescription): GpuConfig {
  const full = !adapter.software || process.env.BENCH_GPU_FULL === '1';
  const config: GpuConfig = full
    ? { rounds: 3, timeMs: 1000, warmup: 5, minIterations: 5, countWarmup: 20, countSteps: 20, bigMatmul: true }
    : { rounds: 1, timeMs: 0, warmup: 1, minIterations: 2, countWarmup: 10, countSteps: 6, bigMatmul: false };
  if (process.env.BENCH_ROUNDS !== undefined) config.rounds = Number(process.env.BENCH_ROUNDS);
  if (process.env.BENCH_TIME !== undefined) config.timeMs = Number(process.env.BENCH_TIME);
  return config;
}

/** One line naming the adapter. */
export function adapterLine(adapter: AdapterDescription): string {
  const name = [adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter((s) => s !== '').join(' / ');
  return `WebGPU adapter: ${name === '' ? '(the adapter gave no name)' : name}${adapter.software ? ' — a software adapter: the times only show that the workloads run' : ''}`;
}
