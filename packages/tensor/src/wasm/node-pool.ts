import type { WasmMemory, WasmModule } from './wasm-api';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { WORKER_LOOP, JOB_BASE, JOB_SLOTS, JOB_EXIT, controlBytes, dispatch, type ThreadPool } from './thread-pool';

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
  const ctl = new Int32Array(control, 0, 4);
  const source = `${WORKER_LOOP}\ndescentWorkerLoop(require('node:worker_threads').workerData);`;
  const list: NodeWorker[] = [];
  for (let index = 0; index < workers; index++) {
    const worker = new threads.Worker(source, { eval: true, workerData: { module, memory, control, index } });
    worker.unref();
    list.push(worker);
  }
  let closed = false;
  return {
    size: workers,
    ready: () => !closed && Atomics.load(ctl, 2) === workers,
    run: (jobs, own) => dispatch(control, jobs, workers, own),
    close: () => {
      if (closed) return;
      closed = true;
      if (Atomics.load(ctl, 2) === workers) {
        for (let w = 0; w < workers; w++) new Float64Array(control, JOB_BASE + w * JOB_SLOTS * 8, 1)[0] = JOB_EXIT;
        Atomics.add(ctl, 0, 1);
        Atomics.notify(ctl, 0);
      } else {
        for (const worker of list) void worker.terminate();
      }
    },
  };
}
