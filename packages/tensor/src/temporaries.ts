/**
 * A composed op's temporaries go back to the pools when it returns (issue #23).
 *
 * Some ops are built from others (softmax: maximum, difference, exp, sum, quotient), each
 * of which returns a new array. Only the last is the op's result; the others are dead the moment
 * the op returns, since nothing outside the op ever saw them. {@link withTemporaries} runs such a
 * body, then recycles every pooled storage born while it ran except the one under the result.
 * The arithmetic is the body's own, so the values are unchanged.
 */
import { libraryKeeps } from './scope';
import { recycleStorage } from './recycle-storage';
import { watchStorageBirths, type Storage } from './storage';
import type { Tensor } from './tensor';

/**
 * @internal Runs `body` (library code that keeps no reference to what it makes) and gives the
 * arrays of the storages it created back to the pools, except the result's and any array that
 * overlaps the result's. A watcher already running (a backward pass, an episode) is told of the
 * result (and of GPU storages) only. If `body` throws, nothing is recycled.
 */
export function withTemporaries(body: () => Tensor): Tensor {
  const born: Storage[] = [];
  const previous = watchStorageBirths((s) => void born.push(s));
  let out: Tensor;
  try {
    out = body();
  } finally {
    watchStorageBirths(previous);
  }
  const result = out.storage;
  for (let i = 0; i < born.length; i++) {
    const s = born[i] as Storage;
    // The result, and GPU buffers (whose release the watcher owns), are the watcher's business.
    if (s === result || s.device !== 'cpu') {
      previous?.(s);
      continue;
    }
    if (!s.pooled || libraryKeeps(s) || overlaps(s, result)) continue;
    recycleStorage(s);
  }
  return out;
}

/** Whether two CPU storages' arrays share memory (a view of a temporary kept as the result). */
function overlaps(a: Storage, b: Storage): boolean {
  if (a.device !== 'cpu' || b.device !== 'cpu') return false;
  const x = a.data;
  const y = b.data;
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}
