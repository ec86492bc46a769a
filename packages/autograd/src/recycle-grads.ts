/**
 * Deterministic recycling of what a backward pass creates (issue #23). A plain pass (no
 * `createGraph`, no `grad()` inputs) builds gradients and temporaries for its rules, and only
 * the leaves' and `retainGrad()` tensors' `.grad` outlive it: everything else it created is dead
 * when it returns, and nothing made before it (seeds, saved forward tensors) is touched. The
 * recycler watches the storages created during the pass and, at its end, gives the arrays of
 * those that did not become a `.grad` back to the storage pools (`recycleArray`), so the next
 * step takes the same arrays back instead of allocating new ones.
 */
import { recycleArray, releaseGPUStorage, watchStorageBirths, type Storage, type TypedArray } from '@descent/tensor';
import type { Tensor } from './tensor';

/** One pass's record of the storages it created. */
export class GradRecycler {
  private readonly born: Storage[] = [];
  /** The arrays of the `.grad`s the pass produced: a few in a tiny graph, one per parameter in a model. */
  private readonly kept: TypedArray[] = [];
  private readonly keptStorages = new Set<Storage>();
  private readonly previous: ((storage: Storage) => void) | null;

  constructor() {
    this.previous = watchStorageBirths((s) => void this.born.push(s));
  }

  /** `t` outlives the pass (it became a `.grad`): its array is never recycled. */
  keep(t: Tensor | null): void {
    if (t === null) return;
    if (t.storage.device === 'cpu') this.kept.push(t.storage.data);
    else this.keptStorages.add(t.storage);
  }

  /** Stops watching; on success (`sweep`), recycles what the pass created and did not keep. */
  finish(sweep: boolean): void {
    watchStorageBirths(this.previous);
    if (!sweep) return;
    const born = this.born;
    // A linear scan of a few kept arrays beats hashing every born array into a Set (issue #23);
    // a Set past that.
    const keptList = this.kept;
    const keptSet = keptList.length > KEPT_SCAN ? new Set<TypedArray>(keptList) : null;
    for (let i = 0; i < born.length; i++) {
      const s = born[i] as Storage;
      // A GPU storage's buffer goes back to the GPU pool (releaseGPUStorage).
      if (s.device !== 'cpu') {
        if (!this.keptStorages.has(s)) releaseGPUStorage(s);
        continue;
      }
      if (!s.pooled) continue;
      const data = s.data;
      if (keptSet !== null ? keptSet.has(data) : keptList.includes(data)) continue;
      recycleStorage(s);
    }
  }
}

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

/** Most kept arrays searched linearly. */
const KEPT_SCAN = 8;

const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
