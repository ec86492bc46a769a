/**
 * Deterministic recycling of what a backward pass creates (issue #23). A plain pass (no
 * `createGraph`, no `grad()` inputs) builds gradients and temporaries for its rules, and only
 * the leaves' and `retainGrad()` tensors' `.grad` outlive it: everything else it created is dead
 * when it returns, and nothing made before it (seeds, saved forward tensors) is touched. The
 * recycler watches the storages created during the pass and, at its end, gives the arrays of
 * those that did not become a `.grad` back to the storage pools (`recycleArray`), so the next
 * step takes the same arrays back instead of allocating new ones.
 */
import { recycleArray, watchStorageBirths, type Storage, type TypedArray } from '@descent/tensor';
import type { Tensor } from './tensor';

/** One pass's record of the storages it created. */
export class GradRecycler {
  private readonly born: Storage[] = [];
  private readonly kept = new Set<TypedArray>();
  private readonly previous: ((storage: Storage) => void) | null;

  constructor() {
    this.previous = watchStorageBirths((s) => void this.born.push(s));
  }

  /** `t` outlives the pass (it became a `.grad`): its array is never recycled. */
  keep(t: Tensor | null): void {
    if (t !== null) this.kept.add(t.storage.data);
  }

  /** Stops watching; on success (`sweep`), recycles what the pass created and did not keep. */
  finish(sweep: boolean): void {
    watchStorageBirths(this.previous);
    if (!sweep) return;
    for (const s of this.born) {
      const data = s.data;
      if (this.kept.has(data)) continue;
      // The storage can never be read again: an empty array makes any stray use fail loudly.
      if (!s.pooled) continue;
      s.pooled = false;
      if (recycleArray(dtypeOf(data), data)) s.data = data.subarray(0, 0);
    }
  }
}

function dtypeOf(data: TypedArray): 'float32' | 'float64' | 'int32' | 'bool' {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}
