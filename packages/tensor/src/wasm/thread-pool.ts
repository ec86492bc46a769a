/** Doubles per worker in the job area of the control buffer. */
export const JOB_SLOTS = 24;
/** Byte offset of worker 0's job slots in the control buffer (after the four counters). */
export const JOB_BASE = 64;

/** Job codes understood by the workers (slot 0 of a job). */
export const JOB_IDLE = 0;
export const JOB_MATMUL_F32 = 1;
export const JOB_MATMUL_F64 = 2;
export const JOB_EXIT = -1;

/**
 * Worker threads that share the kernels' memory and run matmul jobs synchronously: the caller
 * posts one job per worker, does its own share, then blocks (Atomics.wait) until all are done.
 *
 * @example
 * if (pool.ready()) pool.run(jobs, () => ownShare());
 */
export interface ThreadPool {
  /** Number of worker threads (the calling thread is not counted). */
  readonly size: number;
  /** Whether every worker has instantiated the module and waits for jobs. */
  ready(): boolean;
  /** Runs `jobs[i]` on worker i and `own()` on the calling thread; returns when all have finished. */
  run(jobs: readonly (readonly number[])[], own: () => void): void;
  /** Stops the workers. */
  close(): void;
}

/**
 * The body of a worker, shared by Node's worker_threads and Web Workers: instantiate the module on
 * the shared memory, announce readiness, then loop on the sequence counter. Counters (Int32):
 * [0] sequence, [1] finished workers, [2] ready workers, [3] error flag.
 */
export const WORKER_LOOP = `
function descentWorkerLoop(data) {
  const { module, memory, control, index } = data;
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const ctl = new Int32Array(control, 0, 4);
  const job = new Float64Array(control, ${JOB_BASE} + index * ${JOB_SLOTS * 8}, ${JOB_SLOTS});
  let seq = Atomics.load(ctl, 0);
  Atomics.add(ctl, 2, 1);
  for (;;) {
    Atomics.wait(ctl, 0, seq);
    seq = Atomics.load(ctl, 0);
    const op = job[0];
    if (op === ${JOB_EXIT}) break;
    try {
      if (op === ${JOB_MATMUL_F32} || op === ${JOB_MATMUL_F64}) {
        const f = op === ${JOB_MATMUL_F32} ? k.matmul_f32 : k.matmul_f64;
        const size = op === ${JOB_MATMUL_F32} ? 4 : 8;
        for (let i = 0; i < job[16]; i++) {
          f(job[1] + i * job[4] * size, job[2], job[3], job[5] + i * job[8] * size, job[6], job[7],
            job[9] + i * job[11] * size, job[10], job[12], job[13], job[14], job[15]);
        }
      }
    } catch (e) {
      Atomics.store(ctl, 3, 1);
    }
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  }
}
`;

/** The control buffer layout for `workers` workers. */
export function controlBytes(workers: number): number {
  return JOB_BASE + workers * JOB_SLOTS * 8;
}

/**
 * Posts `jobs`, runs `own`, and waits for the workers; shared by every pool implementation.
 * `canBlock` false (a browser's main thread, where Atomics.wait throws) waits by spinning on the
 * counter instead; the wait is the remainder of one product, so spinning costs little.
 *
 * @example
 * dispatch(control, jobs, 1, () => ownShare());
 */
export function dispatch(control: SharedArrayBuffer, jobs: readonly (readonly number[])[], workers: number, own: () => void, canBlock = true): void {
  const ctl = new Int32Array(control, 0, 4);
  for (let w = 0; w < workers; w++) {
    const slot = new Float64Array(control, JOB_BASE + w * JOB_SLOTS * 8, JOB_SLOTS);
    slot.fill(0);
    slot.set(jobs[w] ?? [JOB_IDLE]);
  }
  Atomics.store(ctl, 1, 0);
  Atomics.store(ctl, 3, 0);
  Atomics.add(ctl, 0, 1);
  Atomics.notify(ctl, 0);
  try {
    own();
  } finally {
    for (let done = Atomics.load(ctl, 1); done < workers; done = Atomics.load(ctl, 1)) if (canBlock) Atomics.wait(ctl, 1, done);
  }
  if (Atomics.load(ctl, 3) !== 0) throw new Error('wasm: a worker thread failed while running a kernel');
}

/**
 * The pool object over a started set of workers, shared by the Node and the Web implementations:
 * `close` asks ready workers to exit their loop and terminates workers that never became ready.
 *
 * @example
 * return poolOver(control, workers, { terminate: () => list.forEach((w) => w.terminate()) });
 */
export function poolOver(control: SharedArrayBuffer, workers: number, options: { terminate: () => void; canBlock?: boolean; onClose?: () => void }): ThreadPool {
  const ctl = new Int32Array(control, 0, 4);
  let closed = false;
  return {
    size: workers,
    ready: () => !closed && Atomics.load(ctl, 2) === workers,
    run: (jobs, own) => dispatch(control, jobs, workers, own, options.canBlock ?? true),
    close: () => {
      if (closed) return;
      closed = true;
      if (Atomics.load(ctl, 2) === workers) {
        for (let w = 0; w < workers; w++) new Float64Array(control, JOB_BASE + w * JOB_SLOTS * 8, 1)[0] = JOB_EXIT;
        Atomics.add(ctl, 0, 1);
        Atomics.notify(ctl, 0);
      } else {
        options.terminate();
      }
      options.onClose?.();
    },
  };
}
