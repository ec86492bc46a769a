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
 * The worker's source as an ES module in a `data:` URL. It depends on nothing the parent was
 * launched with: not on CommonJS (`require` is missing when the parent ran with
 * `--input-type=module`, which an `eval: true` worker inherits), nor on loaders or flags
 * (`execArgv: []`).
 */
const WORKER_URL = `data:text/javascript,${encodeURIComponent(
  `import { workerData } from 'node:worker_threads';\n${WORKER_LOOP}\ndescentWorkerLoop(workerData);`,
)}`;

let warned = false;

/** Warns once that threading is off, with the reason; products then run on the calling thread. */
function warnOneThread(reason: unknown): void {
  if (warned) return;
  warned = true;
  const message = `@descent/tensor: could not start worker threads (${reason instanceof Error ? reason.message : String(reason)}); large matmuls run on one thread`;
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { code: string }) => void } }).process;
  proc?.emitWarning?.(message, { code: 'DESCENT_THREADS' });
}

/**
 * Starts `workers` Node worker threads over a shared memory; null outside Node. Workers are
 * unref'd (they never keep the process alive) and become usable once `ready()` is true; until then
 * callers run on one thread, so creating a pool never blocks. A worker that fails to start (an
 * `'error'` event) closes the pool with a warning: everything keeps running on one thread.
 *
 * @example
 * const pool = createNodePool(module, memory, 1);
 */
export function createNodePool(module: WasmModule, memory: WasmMemory, workers: number): ThreadPool | null {
  const threads = nodeBuiltin<WorkerThreadsModule>('node:worker_threads');
  if (!threads || workers < 1) return null;
  const control = new SharedArrayBuffer(controlBytes(workers));
  const list: NodeWorker[] = [];
  let failed = false;
  const terminate = (): void => list.forEach((worker) => void worker.terminate());
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    warnOneThread(error);
    terminate();
  };
  try {
    for (let index = 0; index < workers; index++) {
      const worker = new threads.Worker(new URL(WORKER_URL), { execArgv: [], workerData: { module, memory, control, index } });
      worker.on('error', fail);
      worker.unref();
      list.push(worker);
    }
  } catch (error) {
    fail(error);
    return null;
  }
  const pool = poolOver(control, workers, { terminate });
  return { ...pool, size: pool.size, ready: () => !failed && pool.ready() };
}
