/**
 * Matrix multiply C = A·B for row-major A (m×k) and B (k×n), read through arbitrary strides and
 * written to a contiguous C. Operands are packed into contiguous float64 panels first (so any view —
 * transposed, sliced, expanded — is handled once), then multiplied in cache-sized blocks with a
 * 4-wide register-blocked inner loop.
 */
import type { TypedArray } from '../dtype';

/** A strided 2-D operand. */
export interface Matrix2D {
  data: TypedArray;
  rows: number;
  cols: number;
  rowStride: number;
  colStride: number;
  offset: number;
}

const BLOCK_K = 256;

function pack(m: Matrix2D, out: Float64Array): void {
  const { data, rows, cols, rowStride, colStride, offset } = m;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    let src = offset + i * rowStride;
    for (let j = 0; j < cols; j++) {
      out[p++] = data[src] as number;
      src += colStride;
    }
  }
}

/** Writes A·B into `out` (contiguous m×n, starting at `outOffset`). Accumulates in float64. */
export function matmul2d(a: Matrix2D, b: Matrix2D, out: TypedArray, outOffset: number, scratch?: { a: Float64Array; b: Float64Array }): void {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const pa = scratch && scratch.a.length >= m * k ? scratch.a : new Float64Array(m * k);
  const pb = scratch && scratch.b.length >= k * n ? scratch.b : new Float64Array(k * n);
  pack(a, pa);
  pack(b, pb);
  const acc = new Float64Array(n * 4);
  for (let i0 = 0; i0 < m; i0 += 4) {
    const rowsHere = Math.min(4, m - i0);
    acc.fill(0);
    for (let k0 = 0; k0 < k; k0 += BLOCK_K) {
      const kEnd = Math.min(k, k0 + BLOCK_K);
      if (rowsHere === 4) {
        const r0 = i0 * k;
        const r1 = r0 + k;
        const r2 = r1 + k;
        const r3 = r2 + k;
        for (let kk = k0; kk < kEnd; kk++) {
          const a0 = pa[r0 + kk] as number;
          const a1 = pa[r1 + kk] as number;
          const a2 = pa[r2 + kk] as number;
          const a3 = pa[r3 + kk] as number;
          const bRow = kk * n;
          for (let j = 0; j < n; j++) {
            const bv = pb[bRow + j] as number;
            acc[j] = (acc[j] as number) + a0 * bv;
            acc[n + j] = (acc[n + j] as number) + a1 * bv;
            acc[2 * n + j] = (acc[2 * n + j] as number) + a2 * bv;
            acc[3 * n + j] = (acc[3 * n + j] as number) + a3 * bv;
          }
        }
      } else {
        for (let r = 0; r < rowsHere; r++) {
          const ar = (i0 + r) * k;
          const accRow = r * n;
          for (let kk = k0; kk < kEnd; kk++) {
            const av = pa[ar + kk] as number;
            const bRow = kk * n;
            for (let j = 0; j < n; j++) acc[accRow + j] = (acc[accRow + j] as number) + av * (pb[bRow + j] as number);
          }
        }
      }
    }
    for (let r = 0; r < rowsHere; r++) {
      const dst = outOffset + (i0 + r) * n;
      for (let j = 0; j < n; j++) out[dst + j] = acc[r * n + j] as number;
    }
  }
}
