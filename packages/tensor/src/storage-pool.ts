import { allocateFresh, type DType, type TypedArray } from './dtype';

/**
 * Size-bucketed pools of storage arrays: every out-of-place op takes its result array from here
 * ({@link acquireArray}, through `allocate`), and the library gives back, with
 * {@link recycleArray}, the arrays it knows are dead (today: what a backward pass created that
 * did not become a `.grad`: its intermediate gradients and its rules' temporaries). A bucket holds the free arrays of one dtype and one length, so a training loop, which
 * asks for the same sizes every step, takes back what it gave back the step before: after its
 * first steps it allocates no new buffers for them.
 *
 * New arrays are plain typed arrays (the same on the wasm and TypeScript paths). Handing out
 * blocks of WebAssembly memory instead, so that kernels run in place without copying, is the
 * next step and waits on one thing, measured: a forward pass's activations are given back only
 * by the collector, whose callbacks never run in a loop that never yields, so they would fill
 * the collector budget of wasm memory (`WASM_GC_BUDGET`) instead of being recycled.
 *
 * Pooled arrays are held strongly, up to {@link POOL_MAX_BYTES} in all; past that a given-back
 * array is simply dropped (the collector takes it).
 */

/** Most bytes of free arrays the pools hold at once. */
export const POOL_MAX_BYTES = 64 * 2 ** 20;

const buckets = new Map<string, TypedArray[]>();
let pooledBytes = 0;
/**
 * Arrays handed out by acquireArray and not yet given back (so a double give-back is ignored),
 * each with its lending number (`scope` recycles only arrays lent after it began).
 */
const lent = new WeakMap<TypedArray, number>();
let lendings = 0;

const key = (dtype: DType, length: number): string => `${dtype}:${length}`;

/**
 * A zero-filled array of `length` elements of `dtype`: a pooled one when a bucket has one, else a
 * new one. `zeroed: false` skips clearing a pooled array, for a caller that writes every element.
 */
export function acquireArray(dtype: DType, length: number, zeroed = true): TypedArray {
  const bucket = buckets.get(key(dtype, length));
  const reused = bucket?.pop();
  if (reused !== undefined) {
    pooledBytes -= reused.byteLength;
    if (zeroed) reused.fill(0);
    lent.set(reused, ++lendings);
    return reused;
  }
  const fresh = allocateFresh(dtype, length);
  lent.set(fresh, ++lendings);
  return fresh;
}

/**
 * Gives `array` (from {@link acquireArray}) back to its bucket; false (and nothing done) for an
 * array the pools did not lend or that was given back already. Only for arrays that nothing
 * will read or write again: no tensor, view or user reference may still reach it.
 */
export function recycleArray(dtype: DType, array: TypedArray): boolean {
  if (!lent.has(array) || array.length === 0) return false;
  lent.delete(array);
  if (pooledBytes + array.byteLength > POOL_MAX_BYTES) return true;
  const k = key(dtype, array.length);
  let bucket = buckets.get(k);
  if (bucket === undefined) buckets.set(k, (bucket = []));
  bucket.push(array);
  pooledBytes += array.byteLength;
  return true;
}

/** Bytes of free arrays held by the pools (for tests). */
export function pooledArrayBytes(): number {
  return pooledBytes;
}

/** @internal The lending number the next array handed out will get. */
export function nextLending(): number {
  return lendings + 1;
}

/** @internal The lending number of `array`, or 0 when the pools did not lend it (or it was given back). */
export function lendingOf(array: TypedArray): number {
  return lent.get(array) ?? 0;
}
