/** cummax, cummin, cumprod and logcumsumexp along a dim (cumsum is in reduction.ts). */
import { allocate, isFloating } from '../dtype';
import type { Tensor } from '../tensor';
import { fromLanes, lanesOf } from './along-dim';
import { logaddexp } from './math';

/**
 * Running maximum (sign 1) or minimum (−1) with the index where it was reached: on ties the later
 * index, and a NaN propagates with its own index, as PyTorch's `cummax_cummin_helper`.
 */
export function cumulativeExtreme(t: Tensor, dim: number, sign: 1 | -1): { values: Tensor; indices: Tensor } {
  const lanes = lanesOf(t, dim);
  const { data, n, rows } = lanes;
  const values = allocate(t.dtype, data.length);
  const indices = new Int32Array(data.length);
  for (let r = 0; r < rows; r++) {
    let best = data[r * n] as number;
    let at = 0;
    for (let j = 0; j < n; j++) {
      const x = data[r * n + j] as number;
      if (Number.isNaN(x) || (!Number.isNaN(best) && (sign > 0 ? x >= best : x <= best))) {
        best = x;
        at = j;
      }
      values[r * n + j] = best;
      indices[r * n + j] = at;
    }
  }
  return { values: fromLanes(t, lanes, values, t.dtype), indices: fromLanes(t, lanes, indices, 'int32') };
}

/** A running fold `step` along `dim` (ints accumulate as int32, as our cumsum). */
export function scanWith(t: Tensor, dim: number, step: (acc: number, x: number) => number, floatOnly: string | null): Tensor {
  if (floatOnly !== null && !isFloating(t.dtype)) throw new TypeError(`${floatOnly}: expected a floating dtype, got ${t.dtype}`);
  const dtype = isFloating(t.dtype) ? t.dtype : 'int32';
  const lanes = lanesOf(t, dim);
  const { data, n, rows } = lanes;
  const out = allocate(dtype, data.length);
  for (let r = 0; r < rows; r++) {
    let acc = data[r * n] as number;
    out[r * n] = acc;
    for (let j = 1; j < n; j++) {
      acc = step(acc, data[r * n + j] as number);
      // Round as the dtype stores it (float32 accumulates in float32).
      out[r * n + j] = acc;
      acc = out[r * n + j] as number;
    }
  }
  return fromLanes(t, lanes, out, dtype);
}

/** The step of cumprod (int32 products wrap as C's). */
export function cumprodStep(dtype: string): (a: number, x: number) => number {
  return dtype === 'int32' || dtype === 'bool' ? Math.imul : (a, x) => a * x;
}

/** The step of logcumsumexp. */
export const logcumsumexpStep = logaddexp;
