import type { WasmMemory, WasmModule } from './wasm-api';
import { WORKER_LOOP, controlBytes, poolOver, type ThreadPool } from './thread-pool';

// The slice of the Web Worker API used here, typed locally (the base tsconfig has no DOM lib).
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
}
interface WebGlobals {
  Worker?: new (url: string, options?: { name?: string }) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => unknown;
  URL?: { createObjectURL(blob: unknown): string; revokeObjectURL(url: string): void };
  crossOriginIsolated?: boolean;
  /** Defined only inside a worker (where Atomics.wait may block). */
  WorkerGlobalScope?: unknown;
  navigator?: { hardwareConcurrency?: number };
}

const web = globalThis as WebGlobals;

/**
 * Number of hardware threads a browser reports, or null where there is no `navigator`.
 *
 * @example
 * webHardwareConcurrency(); // 8 on a laptop
 */
export function webHardwareConcurrency(): number | null {
  const n = web.navigator?.hardwareConcurrency;
  return typeof n === 'number' && n > 0 ? n : null;
}

/**
 * Starts `workers` Web Workers over a shared memory, from a Blob URL of the same worker loop Node
 * uses (nothing is fetched); null where Web Workers, Blob URLs or cross-origin isolation (which
 * SharedArrayBuffer needs) are missing. Workers become usable once `ready()` is true; until then
 * callers run on one thread. On a page's main thread the caller waits for its workers by spinning
 * (Atomics.wait is not allowed there); inside a worker it blocks.
 *
 * @example
 * const pool = createWebPool(module, memory, 1);
 */
export function createWebPool(module: WasmModule, memory: WasmMemory, workers: number): ThreadPool | null {
  const { Worker, Blob, URL } = web;
  if (!Worker || !Blob || !URL || web.crossOriginIsolated !== true || workers < 1) return null;
  const control = new SharedArrayBuffer(controlBytes(workers));
  const source = `${WORKER_LOOP}\nself.onmessage = (event) => { self.onmessage = null; descentWorkerLoop(event.data); };`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const list: WebWorker[] = [];
  try {
    for (let index = 0; index < workers; index++) {
      const worker = new Worker(url, { name: `descent-matmul-${index}` });
      worker.postMessage({ module, memory, control, index });
      list.push(worker);
    }
  } catch {
    // A Content-Security-Policy without blob: workers, for example: stay on one thread.
    for (const worker of list) worker.terminate();
    URL.revokeObjectURL(url);
    return null;
  }
  return poolOver(control, workers, {
    terminate: () => list.forEach((worker) => worker.terminate()),
    canBlock: web.WorkerGlobalScope !== undefined,
    onClose: () => URL.revokeObjectURL(url),
  });
}
