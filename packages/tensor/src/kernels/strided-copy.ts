/**
 * Copies a strided operand into a contiguous array without a call per element (issue #23): the
 * generic walker in `elementwise.ts` calls a closure per element, which made `clone()` of a
 * transposed weight gradient (a `.grad` born from `weight.t()`'s backward) cost more than the
 * product that computed it. Here the last two dimensions are copied in square tiles, so a
 * transpose reads and writes whole cache lines, and the outer dimensions are walked row by row.
 * A copy moves values unchanged, so the result is the same array the walker wrote.
 */
import type { TypedArray } from '../dtype';

/** Side of the square tiles a transposing copy moves at once (32 × 32 float32 = 4 KiB). */
const TILE = 32;

/**
 * Writes the elements of the strided view (`shape`, `strides`, `offset` into `src`) into `out`
 * in row-major order of `shape`; `out` holds at least the view's element count.
 */
export function stridedCopy(shape: readonly number[], strides: readonly number[], offset: number, src: TypedArray, out: TypedArray): void {
  const nd = shape.length;
  let n = 1;
  for (let d = 0; d < nd; d++) n *= shape[d] as number;
  if (n === 0) return;
  if (nd === 0) {
    out[0] = src[offset] as number;
    return;
  }
  const cols = shape[nd - 1] as number;
  const sc = strides[nd - 1] as number;
  const rows = nd >= 2 ? (shape[nd - 2] as number) : 1;
  const sr = nd >= 2 ? (strides[nd - 2] as number) : 0;
  const planes = n / (rows * cols);
  // Odometer over the dims before the last two.
  const outer = nd - 2;
  const counter = outer > 0 ? new Array<number>(outer).fill(0) : null;
  let base = offset;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    copyPlane(src, base, rows, cols, sr, sc, out, o);
    o += rows * cols;
    if (counter === null) continue;
    for (let d = outer - 1; d >= 0; d--) {
      const s = strides[d] as number;
      counter[d] = (counter[d] as number) + 1;
      base += s;
      if ((counter[d] as number) < (shape[d] as number)) break;
      base -= (counter[d] as number) * s;
      counter[d] = 0;
    }
  }
}

/** One `rows × cols` plane: row by row when rows are unit-stride, else in TILE × TILE tiles. */
function copyPlane(src: TypedArray, base: number, rows: number, cols: number, sr: number, sc: number, out: TypedArray, o: number): void {
  if (sc === 1 || rows === 1) {
    for (let r = 0; r < rows; r++) {
      let i = base + r * sr;
      let k = o + r * cols;
      for (let c = 0; c < cols; c++, i += sc, k++) out[k] = src[i] as number;
    }
    return;
  }
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(r0 + TILE, rows);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(c0 + TILE, cols);
      for (let r = r0; r < r1; r++) {
        let i = base + r * sr + c0 * sc;
        let k = o + r * cols + c0;
        for (let c = c0; c < c1; c++, i += sc, k++) out[k] = src[i] as number;
      }
    }
  }
}
