/**
 * Matrix multiply C = A·B for A (m×k) and B (k×n) read through arbitrary strides, written to a
 * contiguous C. Both operands are first packed into float64 panels (so any view — transposed,
 * sliced, expanded — is handled once): A into panels of 4 rows stored k-major (panel[kk·4 + r]),
 * B into panels of 4 columns stored the same way. A 4×4 register-tiled micro-kernel then runs over
 * the whole k for every pair of panels, keeping its 16 partial sums in locals, so each step does 16
 * multiply-adds for 8 loads. Sums are accumulated in float64 and rounded once when stored.
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

/** Reusable packing buffers (see {@link packedSizes}). */
export interface MatmulScratch {
  a: Float64Array;
  b: Float64Array;
}

const TILE = 4;

/** Lengths of the packed A and B buffers for an m×k by k×n product. */
export function packedSizes(m: number, k: number, n: number): { a: number; b: number } {
  return { a: Math.ceil(m / TILE) * TILE * k, b: Math.ceil(n / TILE) * TILE * k };
}

/**
 * Packs `lines` (rows of A, or columns of B) into panels of 4 lines, each stored k-major; lines past
 * the end are zero. `lineStride` steps between lines, `depthStride` along k.
 */
function pack(
  data: TypedArray,
  offset: number,
  lines: number,
  depth: number,
  lineStride: number,
  depthStride: number,
  out: Float64Array,
): void {
  for (let l0 = 0; l0 < lines; l0 += TILE) {
    const base = l0 * depth;
    const here = Math.min(TILE, lines - l0);
    for (let r = 0; r < TILE; r++) {
      if (r >= here) {
        for (let kk = 0; kk < depth; kk++) out[base + kk * TILE + r] = 0;
        continue;
      }
      let src = offset + (l0 + r) * lineStride;
      for (let kk = 0; kk < depth; kk++) {
        out[base + kk * TILE + r] = data[src] as number;
        src += depthStride;
      }
    }
  }
}

/** Writes A·B into `out` (contiguous m×n, starting at `outOffset`). Accumulates in float64. */
export function matmul2d(a: Matrix2D, b: Matrix2D, out: TypedArray, outOffset: number, scratch?: MatmulScratch): void {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const sizes = packedSizes(m, k, n);
  const pa = scratch && scratch.a.length >= sizes.a ? scratch.a : new Float64Array(sizes.a);
  const pb = scratch && scratch.b.length >= sizes.b ? scratch.b : new Float64Array(sizes.b);
  pack(a.data, a.offset, m, k, a.rowStride, a.colStride, pa);
  pack(b.data, b.offset, n, k, b.colStride, b.rowStride, pb);
  for (let i0 = 0; i0 < m; i0 += TILE) {
    const aBase = i0 * k;
    const rows = Math.min(TILE, m - i0);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const bBase = j0 * k;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pA = aBase;
      let pB = bBase;
      for (let kk = 0; kk < k; kk++) {
        const b0 = pb[pB] as number;
        const b1 = pb[pB + 1] as number;
        const b2 = pb[pB + 2] as number;
        const b3 = pb[pB + 3] as number;
        const a0 = pa[pA] as number;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        const a1 = pa[pA + 1] as number;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        const a2 = pa[pA + 2] as number;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        const a3 = pa[pA + 3] as number;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        pA += TILE;
        pB += TILE;
      }
      const cols = Math.min(TILE, n - j0);
      const dst = outOffset + i0 * n + j0;
      if (rows === TILE && cols === TILE) {
        out[dst] = c00; out[dst + 1] = c01; out[dst + 2] = c02; out[dst + 3] = c03;
        const d1 = dst + n;
        out[d1] = c10; out[d1 + 1] = c11; out[d1 + 2] = c12; out[d1 + 3] = c13;
        const d2 = d1 + n;
        out[d2] = c20; out[d2 + 1] = c21; out[d2 + 2] = c22; out[d2 + 3] = c23;
        const d3 = d2 + n;
        out[d3] = c30; out[d3 + 1] = c31; out[d3 + 2] = c32; out[d3 + 3] = c33;
      } else {
        const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) out[dst + r * n + c] = tile[r * TILE + c] as number;
        }
      }
    }
  }
}
