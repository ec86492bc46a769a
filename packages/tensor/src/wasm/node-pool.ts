import type { WasmMemory, WasmModule } from './wasm-api';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { WORKER_LOOP, controlBytes, poolOver, type ThreadPool } from './thread-pool';

interface WorkerThreadsModule {
  Worker: typeof NodeWorker;
}

/** Node's built-in modules through process.getBuiltinModule, so browser bundles never see `node:` imports. */
function nodeBuiltin<T>(name: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return typeof proc?.getBuiltinModule === 'function' ? ((proc.getBuiltinModule(name) as T | undefined) ?? null) : null;
}

/**
 * Number of hardware threads Node reports, or null outside Node.
 *
 * @example
 * nodeHardwareConcurrency(); // 2 on this machine
 */
export function nodeHardwareConcurrency(): number | null {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
  if (!os) return null;
  return os.availableParallelism ? os.availableParallelism() : os.cpus().length;
}

/**
 * Starts `workers` Node worker threads over a shared memory; null outside Node. Workers are
 * unref'd (they never keep the process alive) and become usable once `ready()` is true; until then
 * callers run on one thread, so creating a pool never blocks.
 *
 * @example
 * const pool = createNodePool(module, memory, 1);
 */
export function createNodePool(module: WasmModule, memory: WasmMemory, workers: number): ThreadPool | null {
  const threads = nodeBuiltin<WorkerThreadsModule>('node:worker_threads');
  if (!threads || workers < 1) return null;
  const control = new SharedArrayBuffer(controlBytes(workers));
  const source = `${WORKER_LOOP}\ndescentWorkerLoop(require('node:worker_threads').workerData);`;
  const list: NodeWorker[] = [];
  for (let index = 0; index < workers; index++) {
    const worker = new threads.Worker(source, { eval: true, workerData: { module, memory, control, index } });
    worker.unref();
    list.push(worker);
  }
  return poolOver(control, workers, { terminate: () => list.forEach((worker) => void worker.terminate()) });
}
