import { allocateFresh, type DType, type TypedArray } from './dtype';

/**
 * Size-bucketed pools of storage arrays: every out-of-place op takes its result array from here
 * ({@link acquireArray}, through `allocate`), and the library gives back, with
 * {@link recycleArray}, the arrays it knows are dead (today: what a backward pass created that
 * did not become a `.grad`: its intermediate gradients and its rules' temporaries; a dropped
 * `.grad` the engine made that nobody outside the library read, see autograd's `scope-grads.ts`;
 * and the intermediates of a built-in forward once a plain backward used them, see autograd's
 * `private-forward.ts`). A bucket holds the free arrays of one dtype and one length, so a training loop, which
 * asks for the same sizes every step, takes back what it gave back the step before: after its
 * first steps it allocates no new buffers for them.
 *
 * New arrays are plain typed arrays (the same on the wasm and TypeScript paths). Handing out
 * blocks of WebAssembly memory instead, so that kernels run in place without copying, is the
 * next step: what the library cannot prove dead (a forward's result, which the caller may hold)
 * is given back only by the collector, whose callbacks never run in a loop that never yields, so
 * it would fill the collector budget of wasm memory (`WASM_GC_BUDGET`) instead of being recycled.
 *
 * Pooled arrays are held strongly, up to {@link POOL_MAX_BYTES} in all; past that a given-back
 * array is simply dropped (the collector takes it).
 */

/** Most bytes of free arrays the pools hold at once. */
export const POOL_MAX_BYTES = 64 * 2 ** 20;

/** One map per dtype (in `DTYPE_SLOTS` order), from length to that bucket's free arrays. */
const buckets: Array<Map<number, TypedArray[]>> = [0, 1, 2, 3].map(() => new Map<number, TypedArray[]>());
let pooledBytes = 0;

const slot = (dtype: DType): number => (dtype === 'float32' ? 0 : dtype === 'float64' ? 1 : dtype === 'int32' ? 2 : 3);

/**
 * The arrays lent most recently and not yet wrapped in a storage. A `Storage` made over one of
 * them claims it ({@link claimLent}) and marks itself as pooled: only pooled storages give their
 * array back. This replaces a `WeakSet` of every lent array, whose insertion of a fresh array
 * (and the collector's work on its entries) cost about a quarter of a microsecond per op (issue #23).
 * An op wraps its results right after allocating them, so a few entries suffice; an array
 * wrapped later is simply never recycled (the collector takes it).
 */
const RECENT = 8;
const recent: Array<TypedArray | null> = new Array<TypedArray | null>(RECENT).fill(null);
let recentAt = 0;

/**
 * A zero-filled array of `length` elements of `dtype`: a pooled one when a bucket has one, else a
 * new one. `zeroed: false` skips clearing a pooled array, for a caller that writes every element.
 */
export function acquireArray(dtype: DType, length: number, zeroed = true): TypedArray {
  const reused = bucketOf(slot(dtype), length)?.pop();
  let array: TypedArray;
  if (reused !== undefined) {
    pooledBytes -= reused.byteLength;
    if (zeroed) reused.fill(0);
    array = reused;
  } else {
    array = allocateFresh(dtype, length);
  }
  recent[recentAt] = array;
  recentAt = (recentAt + 1) & (RECENT - 1);
  return array;
}

// The bucket used last: a loop of tiny ops asks for one size again and again, and a bucket, once
// made, is never replaced, so the map lookup can be skipped (issue #23).
let lastSlot = -1;
let lastLength = -1;
let lastBucket: TypedArray[] | undefined;

/** The bucket of free arrays of one dtype slot and length, if one was ever made. */
function bucketOf(dtypeSlot: number, length: number): TypedArray[] | undefined {
  if (dtypeSlot === lastSlot && length === lastLength) return lastBucket;
  const bucket = (buckets[dtypeSlot] as Map<number, TypedArray[]>).get(length);
  if (bucket !== undefined) {
    lastSlot = dtypeSlot;
    lastLength = length;
    lastBucket = bucket;
  }
  return bucket;
}

/**
 * @internal Whether `data` was just lent by {@link acquireArray} and not claimed yet; claims it
 * (a second storage over the same array gets false). Called by the `Storage` constructor.
 */
export function claimLent(data: TypedArray): boolean {
  for (let i = 0; i < RECENT; i++) {
    if (recent[i] === data) {
      recent[i] = null;
      return true;
    }
  }
  return false;
}

/**
 * Gives `array` (from {@link acquireArray}) back to its bucket; false (and nothing done) for an
 * empty array. Only for arrays that nothing will read or write again: no tensor, view or user
 * reference may still reach it, and it must not be given back twice (the backward pass gives
 * back only the arrays of pooled storages it created, and empties each storage it recycles).
 * `claimed`: the array is a pooled storage's own (so no longer among the just-lent ones); skips
 * that search.
 */
export function recycleArray(dtype: DType, array: TypedArray, claimed = false): boolean {
  if (array.length === 0) return false;
  // An array lent and given back before any storage claimed it (a kernel's scratch) must not stay
  // claimable: a later storage over it would count as pooled while another owns it. (`claimed`:
  // the caller knows a storage claimed it, so it is not among the recent ones.)
  if (!claimed) for (let i = 0; i < RECENT; i++) if (recent[i] === array) recent[i] = null;
  if (pooledBytes + array.byteLength > POOL_MAX_BYTES) return true;
  const dtypeSlot = slot(dtype);
  let bucket = bucketOf(dtypeSlot, array.length);
  if (bucket === undefined) (buckets[dtypeSlot] as Map<number, TypedArray[]>).set(array.length, (bucket = []));
  bucket.push(array);
  pooledBytes += array.byteLength;
  return true;
}

/** Bytes of free arrays held by the pools (for tests). */
export function pooledArrayBytes(): number {
  return pooledBytes;
}
