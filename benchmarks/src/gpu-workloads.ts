/**
 * The GPU run's workloads and Descent's side of them: the CPU workloads' matmul, MLP steps and
 * LeNet-5 step, built by the same code (`mlpTraining`, `lenetTraining`) and moved to 'webgpu'. Each
 * timed run ends with a read of the loss (or of the product's sum), as a training loop that logs its
 * loss does, so the time covers the GPU's work and not only its recording.
 */
import { tensor as plainTensor, webgpuCounters } from '@descent/tensor';
import { lenetTraining, mlpTraining } from './ours';
import { random, type Workload } from './workloads';
import type { GpuConfig } from './gpu-setup';

/** The GPU table's workloads (named as in the CPU table). */
export const GPU_WORKLOADS: readonly Workload[] = [
  { kind: 'matmul', name: 'matmul 1024', size: 1024 },
  { kind: 'matmul', name: 'matmul 4096', size: 4096 },
  { kind: 'mlp', name: 'MLP 784-256-10 b128 step' },
  { kind: 'mlp-sgd', name: 'MLP SGD step' },
  { kind: 'lenet', name: 'LeNet-5 b64 step' },
];

/** One run on the GPU that resolves when its result is back on the CPU. */
export type GpuRun = () => Promise<number>;

/** Descent's run of a GPU workload: one product and the read of its sum, or one training step and the read of its loss. */
export function ourGpuRun(w: Workload): GpuRun {
  switch (w.kind) {
    case 'matmul': {
      const n = w.size;
      const a = plainTensor(random(n * n)).reshape([n, n]).to('webgpu');
      const b = plainTensor(random(n * n)).reshape([n, n]).to('webgpu');
      return () => a.matmul(b).sum().itemAsync();
    }
    case 'mlp':
    case 'mlp-sgd': {
      const step = mlpTraining(w.kind === 'mlp' ? 'adam' : 'sgd', 'webgpu');
      return () => step().itemAsync();
    }
    case 'lenet': {
      const step = lenetTraining('webgpu');
      return () => step().itemAsync();
    }
    default:
      throw new Error(`bench: ${w.name} is not a GPU workload`);
  }
}

/**
 * The median milliseconds of `run` after `config.warmup` untimed runs: timed runs until
 * `config.timeMs` have passed, at least `config.minIterations`.
 */
export async function timeGpu(run: () => Promise<unknown>, config: GpuConfig): Promise<number> {
  for (let i = 0; i < config.warmup; i++) await run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < config.minIterations || performance.now() - start < config.timeMs) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return medianOf(times);
}

/** The middle value (the upper one of an even count). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Descent's GPU work per run, averaged over some steady-state runs. */
export interface StepCounts {
  /** `queue.submit` calls. */
  submissions: number;
  /** Compute dispatches. */
  dispatches: number;
  /** GPU buffers created (the buffer pool's misses). */
  newBuffers: number;
  /** Reads back to the CPU (`mapAsync`). */
  readbacks: number;
}

/** Runs `run` `warmup` times uncounted, then `steps` times, and averages the counters' increase over those. */
export async function countGpu(run: GpuRun, warmup: number, steps: number): Promise<StepCounts> {
  for (let i = 0; i < warmup; i++) await run();
  const before = webgpuCounters();
  for (let i = 0; i < steps; i++) await run();
  const after = webgpuCounters();
  return {
    submissions: (after.submissions - before.submissions) / steps,
    dispatches: (after.dispatches - before.dispatches) / steps,
    newBuffers: (after.buffersCreated - before.buffersCreated) / steps,
    readbacks: (after.readbacks - before.readbacks) / steps,
  };
}
