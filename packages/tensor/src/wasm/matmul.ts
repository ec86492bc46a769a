import type { WasmContext } from './context';
import type { FloatArray } from './exports';
import { JOB_MATMUL_F32, JOB_MATMUL_F64, type ThreadPool } from './thread-pool';

/** How one operand of {@link wasmMatmul} sits in its array (element units, like tensor strides). */
export interface MatmulOperand {
  /** First element. Default 0. */
  offset?: number;
  /** Step between rows. Default: the column count (row-major contiguous). */
  rowStride?: number;
  /** Step between columns. Default 1 (use rowStride 1 and colStride = rows for a transposed view). */
  colStride?: number;
  /** Step between batch items; 0 broadcasts one matrix over the batch. Default rows·columns. */
  batchStride?: number;
}

/** Shape and layout of a (batched) product out[b] = A[b] · B[b], with out contiguous [batch, m, n]. */
export interface MatmulShape {
  m: number;
  k: number;
  n: number;
  /** Number of products. Default 1. */
  batch?: number;
  a?: MatmulOperand;
  b?: MatmulOperand;
}

/** Below this many multiply-adds (m·n·k per product) one thread is faster than waking workers (measured: 128³ is slower on two threads, 256³ 1.7x faster). */
export const MATMUL_THREAD_THRESHOLD = 160 * 160 * 160;

interface Resolved {
  offset: number;
  rs: number;
  cs: number;
  bs: number;
  span: number;
}

function resolve(op: MatmulOperand | undefined, rows: number, cols: number, batch: number): Resolved {
  const rs = op?.rowStride ?? cols;
  const cs = op?.colStride ?? 1;
  const bs = op?.batchStride ?? rows * cols;
  const empty = rows === 0 || cols === 0 || batch === 0;
  const span = empty ? 0 : (batch - 1) * bs + (rows - 1) * rs + (cols - 1) * cs + 1;
  return { offset: op?.offset ?? 0, rs, cs, bs, span };
}

/**
 * Writes the (batched) product of `a` and `b` into `out` with the packed, register-blocked SIMD
 * kernel, split over `threads` threads (rows of each product, or whole products) when large enough.
 *
 * @example
 * wasmMatmul(ctx, null, 1, a, b, out, { m: 2, k: 3, n: 4 });
 */
export function wasmMatmul(ctx: WasmContext, pool: ThreadPool | null, threads: number, a: FloatArray, b: FloatArray, out: FloatArray, shape: MatmulShape): void {
  const { m, k, n } = shape;
  const batch = shape.batch ?? 1;
  const ra = resolve(shape.a, m, k, batch);
  const rb = resolve(shape.b, k, n, batch);
  if (out.length < batch * m * n) throw new RangeError(`matmul: output holds ${out.length} elements, needs ${batch * m * n}`);
  if (ra.offset + ra.span > a.length || rb.offset + rb.span > b.length) {
    throw new RangeError(`matmul: operand layout reaches past its array (a ${ra.offset + ra.span} > ${a.length} or b ${rb.offset + rb.span} > ${b.length})`);
  }
  if (batch * m * n === 0) return;
  const f32 = out instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const outView = out.subarray(0, batch * m * n);
  const usable = pool?.ready() ? Math.min(threads, pool.size + 1) : 1;
  const parallel = usable > 1 && m * n * k >= MATMUL_THREAD_THRESHOLD && (batch >= usable || m >= 8 * usable);
  const workers = parallel ? usable : 1;
  const scratchBytes = ctx.exports.matmul_scratch_bytes(size);
  const scratch = ctx.heap.alloc(scratchBytes * workers);
  try {
    ctx.withArrays(
      [a.subarray(ra.offset, ra.offset + Math.max(ra.span, 1)), b.subarray(rb.offset, rb.offset + Math.max(rb.span, 1)), outView],
      [true, true, false],
      ([pa, pb, pc]) => {
        const pA = pa as number;
        const pB = pb as number;
        const pC = pc as number;
        // job: [code, a, rsA, csA, bsA, b, rsB, csB, bsB, c, ldc, bsC, m, n, k, scratch, count]
        const job = (i0: number, rows: number, b0: number, count: number, t: number): number[] => [
          f32 ? JOB_MATMUL_F32 : JOB_MATMUL_F64,
          pA + (b0 * ra.bs + i0 * ra.rs) * size, ra.rs, ra.cs, ra.bs,
          pB + b0 * rb.bs * size, rb.rs, rb.cs, rb.bs,
          pC + (b0 * m * n + i0 * n) * size, n, m * n,
          rows, n, k, scratch + t * scratchBytes, count,
        ];
        const runJob = (j: readonly number[]): void => {
          const fn = f32 ? ctx.exports.matmul_f32 : ctx.exports.matmul_f64;
          for (let i = 0; i < (j[16] as number); i++) {
            fn((j[1] as number) + i * (j[4] as number) * size, j[2] as number, j[3] as number,
              (j[5] as number) + i * (j[8] as number) * size, j[6] as number, j[7] as number,
              (j[9] as number) + i * (j[11] as number) * size, j[10] as number, j[12] as number, j[13] as number, j[14] as number, j[15] as number);
          }
        };
        if (workers === 1 || pool === null) {
          runJob(job(0, m, 0, batch, 0));
        } else if (batch >= workers) {
          // Whole products per thread.
          const jobs: number[][] = [];
          for (let t = 0; t < workers; t++) {
            const lo = Math.floor((batch * t) / workers);
            const hi = Math.floor((batch * (t + 1)) / workers);
            jobs.push(job(0, m, lo, hi - lo, t));
          }
          pool.run(jobs.slice(1), () => runJob(jobs[0] as number[]));
        } else {
          // Rows of each product per thread, in multiples of the 4-row register tile.
          for (let bi = 0; bi < batch; bi++) {
            const jobs: number[][] = [];
            for (let t = 0; t < workers; t++) {
              const lo = Math.min(m, Math.ceil((m * t) / workers / 4) * 4);
              const hi = t === workers - 1 ? m : Math.min(m, Math.ceil((m * (t + 1)) / workers / 4) * 4);
              jobs.push(job(lo, hi - lo, bi, 1, t));
            }
            pool.run(jobs.slice(1), () => runJob(jobs[0] as number[]));
          }
        }
      },
      // Only the product comes back out; the operands are read, never written.
      [false, false, true],
    );
  } finally {
    ctx.heap.free(scratch, scratchBytes * workers);
  }
}
