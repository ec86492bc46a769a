/**
 * Softmax over the last dim of a dense float array in one pass per row, forward and backward,
 * instead of five element-wise ops and reductions (max, subtract, exp, sum, divide) each with its
 * own temporary:
 *
 *   y_j = exp(x_j − m) / Σ_k exp(x_k − m),   m = max_k x_k (0 when the maximum is ±∞ or NaN, as the unfused op)
 *   dx_j = y_j·(g_j − Σ_k g_k·y_k)
 *
 * Each exp is rounded to the array's dtype before summing and dividing, as the unfused ops round
 * their temporaries.
 */
import type { FloatArray } from '../dtype';

/**
 * `out[r, :] = softmax(x[xo + r·n …])` for `rows` rows of `n` elements.
 *
 * @example
 * softmaxRows(x, 0, 4, 10, out);
 */
export function softmaxRows(x: FloatArray, xo: number, rows: number, n: number, out: FloatArray): void {
  const f32 = out instanceof Float32Array;
  for (let r = 0; r < rows; r++) {
    const base = xo + r * n;
    const o = r * n;
    let m = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = x[base + j]!;
      if (v > m || Number.isNaN(v)) m = v;
    }
    if (!Number.isFinite(m)) m = 0;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = f32 ? Math.fround(Math.exp(x[base + j]! - m)) : Math.exp(x[base + j]! - m);
      out[o + j] = e;
      sum += e;
    }
    if (f32) sum = Math.fround(sum);
    for (let j = 0; j < n; j++) out[o + j] = out[o + j]! / sum;
  }
}

/**
 * `out = y·(g − Σ g·y)` per row: the gradient of softmax's input from its output `y` and the
 * output's gradient `g` (both dense, `rows × n`).
 *
 * @example
 * softmaxRowsBackward(y, g, 0, 4, 10, out);
 */
export function softmaxRowsBackward(y: FloatArray, g: FloatArray, go: number, rows: number, n: number, out: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    let dot = 0;
    for (let j = 0; j < n; j++) dot += g[go + o + j]! * y[o + j]!;
    for (let j = 0; j < n; j++) out[o + j] = y[o + j]! * (g[go + o + j]! - dot);
  }
}
