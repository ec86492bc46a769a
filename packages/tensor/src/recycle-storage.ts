/**
 * Giving a dead storage's array back to the pools (issue #23): one place for the backward pass's
 * recycler, a memory scope's sweep, dropped `.grad`s and built-in forwards' intermediates.
 */
import { recycleArray } from './storage-pool';
import type { Storage } from './storage';

/**
 * @internal Gives the array of `s`, a pooled CPU storage that nothing will read or write again,
 * back to the storage pools, and leaves `s` holding an empty array: any stray use then fails
 * loudly instead of reading another tensor's values. Returns whether it did (not for a
 * GPU storage or an array that did not come from the pools).
 */
export function recycleStorage(s: Storage): boolean {
  if (s.device !== 'cpu' || !s.pooled) return false;
  const data = s.data;
  s.pooled = false;
  // One shared empty array per type (a fresh `subarray` per storage cost as much as the op).
  // `instanceof`, not `constructor ===`: an allocation counter may have subclassed the constructors.
  if (data instanceof Float32Array) {
    if (recycleArray('float32', data, true)) s.data = EMPTY_F32;
  } else if (data instanceof Float64Array) {
    if (recycleArray('float64', data, true)) s.data = EMPTY_F64;
  } else if (data instanceof Int32Array) {
    if (recycleArray('int32', data, true)) s.data = EMPTY_I32;
  } else if (recycleArray('bool', data, true)) {
    s.data = EMPTY_U8;
  }
  return true;
}

const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
