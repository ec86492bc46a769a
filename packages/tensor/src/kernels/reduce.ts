/**
 * Generic reductions: the reduced dimensions are walked for every output element. A reducer is an
 * initial accumulator, a step and a finish; argmax/argmin track the index of the first extreme
 * element (as PyTorch does).
 */
import type { TypedArray } from '../dtype';
import { sumRun } from './arithmetic';
import type { Operand } from './elementwise';
import { offsets } from './offsets';

/** Folds the values of one reduction group into a number. */
export interface Reducer {
  init: number;
  step: (acc: number, x: number) => number;
  finish?: (acc: number, n: number) => number;
  /** Optional fast fold of a dense run (same result as stepping from `init` up to rounding order). */
  run?: (data: TypedArray, start: number, n: number) => number;
}

export const SUM: Reducer = { init: 0, step: (a, x) => a + x, run: sumRun };
export const PROD: Reducer = { init: 1, step: (a, x) => a * x };
// NaN propagates through max and min, as in PyTorch.
export const MAX: Reducer = { init: -Infinity, step: (a, x) => (x > a || Number.isNaN(x) ? x : a) };
export const MIN: Reducer = { init: Infinity, step: (a, x) => (x < a || Number.isNaN(x) ? x : a) };

/**
 * Splits the input's dims into kept (outer) and reduced (inner) lists, and returns the offsets of
 * every group start and the in-group offsets.
 */
function plan(
  shape: readonly number[],
  a: Operand,
  dims: readonly number[],
): { groupStarts: Int32Array; inner: Int32Array; dense: boolean } {
  const reduced = new Set(dims);
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  shape.forEach((size, d) => {
    if (reduced.has(d)) {
      redShape.push(size);
      redStrides.push(a.strides[d] as number);
    } else {
      keptShape.push(size);
      keptStrides.push(a.strides[d] as number);
    }
  });
  // A dense reduced block (e.g. every dim of a contiguous tensor, or its trailing dims) is read as a
  // flat run, with no table of inner offsets.
  let expected = 1;
  let dense = true;
  for (let d = redShape.length - 1; d >= 0; d--) {
    if (redShape[d] !== 1 && redStrides[d] !== expected) dense = false;
    expected *= redShape[d] as number;
  }
  return {
    groupStarts: offsets(keptShape, keptStrides, a.offset),
    inner: dense ? NO_OFFSETS : offsets(redShape, redStrides, 0),
    dense,
  };
}

let accumulatorArray = new Float64Array(0);
/** A zeroed float64 scratch of `n` elements, reused across calls (grown when too small). */
function accumulator(n: number): Float64Array {
  if (accumulatorArray.length < n) accumulatorArray = new Float64Array(n);
  const acc = accumulatorArray.subarray(0, n);
  acc.fill(0);
  return acc;
}

/** The empty table of a dense reduction (shared; never written). */
const NO_OFFSETS = new Int32Array(0);

/** Reduces `a` (of `shape`) over `dims` into `out` (contiguous, one value per kept index). */
export function reduce(reducer: Reducer, shape: readonly number[], a: Operand, dims: readonly number[], out: TypedArray): void {
  if (reducer === SUM && sumLeadingDims(shape, a, dims, out)) return;
  if (reducer === SUM && sumAroundDim(shape, a, dims, out)) return;
  const { groupStarts, inner, dense } = plan(shape, a, dims);
  const data = a.data;
  let m = 1;
  for (const d of dims) m *= shape[d] ?? 1; // a 0-d tensor reduces over its one implicit dim
  const { init, step, finish, run } = reducer;
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g] as number;
    let acc = init;
    if (dense && run) acc = run(data, start, m);
    else if (dense) for (let i = 0; i < m; i++) acc = step(acc, data[start + i] as number);
    else for (let i = 0; i < m; i++) acc = step(acc, data[start + (inner[i] as number)] as number);
    out[g] = finish ? finish(acc, m) : acc;
  }
}

/**
 * Index (within the reduced dimension) of the first maximum (`sign` 1) or minimum (`sign` −1) of each
 * group, and its value. NaN counts as the extreme, as in PyTorch.
 */
export function argExtreme(
  sign: 1 | -1,
  shape: readonly number[],
  a: Operand,
  dim: number,
  values: TypedArray,
  indices: TypedArray,
): void {
  const { groupStarts } = plan(shape, a, [dim]);
  const inner = offsets([shape[dim] as number], [a.strides[dim] as number], 0);
  const data = a.data;
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g] as number;
    let best = NaN;
    let bestIndex = -1;
    for (let i = 0; i < inner.length; i++) {
      const x = data[start + (inner[i] as number)] as number;
      if (bestIndex === -1) {
        best = x;
        bestIndex = i;
      } else if (!Number.isNaN(best) && (Number.isNaN(x) || sign * (x - best) > 0)) {
        best = x;
        bestIndex = i;
      }
    }
    values[g] = best;
    indices[g] = bestIndex;
  }
}

/** Inclusive scan along one dimension: out has the input's shape, contiguous. */
export function scan(
  step: (acc: number, x: number) => number,
  shape: readonly number[],
  a: Operand,
  dim: number,
  out: TypedArray,
): void {
  const size = shape[dim] ?? 1;
  const stride = a.strides[dim] ?? 0;
  const outerShape = shape.filter((_, d) => d !== dim);
  const outerStrides = a.strides.filter((_, d) => d !== dim);
  const starts = offsets(outerShape, outerStrides, a.offset);
  // Output index of (outer g, position i): contiguous layout of `shape`.
  let inner = 1;
  for (let d = dim + 1; d < shape.length; d++) inner *= shape[d] as number;
  for (let g = 0; g < starts.length; g++) {
    const outBase = Math.floor(g / inner) * inner * size + (g % inner);
    let acc = 0;
    for (let i = 0; i < size; i++) {
      const x = a.data[(starts[g] as number) + i * stride] as number;
      acc = i === 0 ? x : step(acc, x);
      out[outBase + i * inner] = acc;
    }
  }
}

/**
 * Σ over the leading dims of a contiguous operand (a bias gradient: rows of a matrix added
 * together) as row-by-row accumulation into one float64 buffer, instead of walking a table of
 * offsets per output element. Same order of additions as the generic loop. False when not that case.
 */
function sumLeadingDims(shape: readonly number[], a: Operand, dims: readonly number[], out: TypedArray): boolean {
  const lead = dims.length;
  if (lead === 0 || lead >= shape.length) return false;
  for (let i = 0; i < lead; i++) if (dims[i] !== i) return false;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && a.strides[d] !== expected) return false;
    expected *= shape[d] as number;
  }
  let rows = 1;
  for (let d = 0; d < lead; d++) rows *= shape[d] as number;
  const cols = expected / Math.max(rows, 1);
  if (rows * cols === 0 || rows < 2) return false;
  // A float64 accumulator per column, kept between calls (a step sums the same shapes each time).
  const acc = accumulator(cols);
  const data = a.data;
  for (let r = 0; r < rows; r++) {
    const start = a.offset + r * cols;
    for (let c = 0; c < cols; c++) acc[c] = (acc[c] as number) + (data[start + c] as number);
  }
  for (let c = 0; c < cols; c++) out[c] = acc[c] as number;
  return true;
}

/**
 * Σ over every dim but one inner dim k of a contiguous operand (a conv bias gradient:
 * `g.sum([0, 2, 3])` of [N, C, H, W]): per kept index c, the runs of S = Π shape[k+1:] elements
 * of each outer index added in order into one float64, without the generic loop's table of inner
 * offsets (a table as long as the reduction, built per call). Same order of additions as the
 * generic loop, so the same result. False when not that case.
 */
function sumAroundDim(shape: readonly number[], a: Operand, dims: readonly number[], out: TypedArray): boolean {
  const n = shape.length;
  if (n < 3 || dims.length !== n - 1) return false;
  let k = -1;
  for (let d = 0; d < n; d++) if (!dims.includes(d)) k = d;
  if (k <= 0 || k >= n - 1) return false;
  // Where the generic loop would read the reduced block as one dense run (its `run`, which may
  // add in another order), leave it to that loop.
  let runLength = 1;
  let dense = true;
  for (let d = n - 1; d >= 0; d--) {
    if (d === k) continue;
    if (shape[d] !== 1 && a.strides[d] !== runLength) dense = false;
    runLength *= shape[d] as number;
  }
  if (dense) return false;
  let expected = 1;
  for (let d = n - 1; d >= 0; d--) {
    if (shape[d] !== 1 && a.strides[d] !== expected) return false;
    expected *= shape[d] as number;
  }
  let outer = 1;
  for (let d = 0; d < k; d++) outer *= shape[d] as number;
  let inner = 1;
  for (let d = k + 1; d < n; d++) inner *= shape[d] as number;
  const kept = shape[k] as number;
  const data = a.data;
  for (let c = 0; c < kept; c++) {
    let acc = 0;
    for (let o = 0; o < outer; o++) {
      const start = a.offset + (o * kept + c) * inner;
      for (let i = 0; i < inner; i++) acc += data[start + i] as number;
    }
    out[c] = acc;
  }
  return true;
}
