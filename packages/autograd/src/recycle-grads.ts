/**
 * Deterministic recycling of what a backward pass creates (issue #23). A plain pass (no
 * `createGraph`, no `grad()` inputs) builds gradients and temporaries for its rules, and only
 * the leaves' and `retainGrad()` tensors' `.grad` outlive it: everything else it created is dead
 * when it returns, and nothing made before it (seeds, saved forward tensors) is touched. The
 * recycler watches the storages created during the pass and, at its end, gives the arrays of
 * those that did not become a `.grad` back to the storage pools (`recycleArray`), so the next
 * step takes the same arrays back instead of allocating new ones.
 */
import { recycleStorage, releaseGPUStorage, watchStorageBirths, type Storage, type TypedArray } from '@descent/tensor';
import type { Tensor } from './tensor';
import { recycleEpisode, type Episode } from './private-forward';

/** One pass's record of the storages it created. */
export class GradRecycler {
  private readonly born: Storage[] = [];
  /** The arrays of the `.grad`s the pass produced: a few in a tiny graph, one per parameter in a model. */
  private readonly kept: TypedArray[] = [];
  private readonly keptStorages = new Set<Storage>();
  private readonly previous: ((storage: Storage) => void) | null;
  /** Built-in forwards whose last node this pass ran (private-forward.ts). */
  private readonly episodes: Episode[] = [];

  constructor() {
    this.previous = watchStorageBirths((s) => void this.born.push(s));
  }

  /** `s` was made for the pass before it started (an implicit seed): it is the pass's to recycle. */
  adopt(s: Storage): void {
    this.born.push(s);
  }

  /** `t` outlives the pass (it became a `.grad`): its array is never recycled. */
  keep(t: Tensor | null): void {
    if (t === null) return;
    if (t.storage.device === 'cpu') this.kept.push(t.storage.data);
    else this.keptStorages.add(t.storage);
  }

  /** The pass ran the last node of `episode`: its dead forward arrays are recycled at the end. */
  episodeDone(episode: Episode): void {
    this.episodes.push(episode);
  }

  /**
   * Stops watching; on success (`sweep`), recycles what the pass created and did not keep, and the
   * forward arrays of the episodes it finished.
   */
  finish(sweep: boolean): void {
    watchStorageBirths(this.previous);
    for (const episode of this.episodes) {
      if (sweep) recycleEpisode(episode);
      else episode.tainted = true;
    }
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

/** Most kept arrays searched linearly. */
const KEPT_SCAN = 8;

