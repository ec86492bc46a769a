/**
 * Forward passes whose intermediates nobody outside the library can reach (issue #23).
 *
 * A built-in forward (nn's `Sequential` over built-in layers, `crossEntropy`) runs as an
 * *episode*: the storages born while it runs are its own, except those of what it returns and of
 * what it hands to code the library does not control (a user's layer inside a `Sequential`),
 * which are *escaped*. Nothing but the graph can reach the others: the user never saw them, and
 * the built-in code that made them keeps no reference. The graph reads them only through the
 * rules of the nodes recorded during the episode (a rule reads exactly its `saved` tensors, which
 * a plain backward frees; rules with no saved list read none). So once a plain `backward()`
 * (no `retainGraph`, no `createGraph`, no `inputs`) has run every node the episode recorded,
 * their arrays go back to the storage pools at the end of that pass, and the next step's forward
 * takes them again instead of allocating. With no node recorded (under `noGrad`, or when nothing
 * requires grad) they are dead as soon as the episode returns and go back at once.
 *
 * The rule is conservative: an episode that throws, runs inside a memory scope or a backward
 * pass, or whose nodes are run by a pass that builds a graph or returns gradients (`grad()`),
 * recycles nothing; a node never run (a branch the loss does not use) keeps the whole episode for
 * the collector. Storages the library keeps (parameters, buffers, `.grad`s) and storages not
 * taken from the pools are never candidates, and GPU storages are left to the collector.
 */
import { inScope, libraryKeeps, recycleStorage, Tensor as BaseTensor, watchStorageBirths, type Storage } from '@descent/tensor';

/** One run of a built-in forward: what it made, what escaped, and its nodes not yet run. */
export class Episode {
  /** Storages born while the episode ran. */
  readonly births: Storage[] = [];
  /** Storages reachable from outside: the result's, and those handed to code the library does not control. */
  readonly escaped = new Set<Storage>();
  /** Nodes recorded during the episode and not yet run by a backward pass. */
  live = 0;
  /** Still running (its result is not known yet). */
  open = true;
  /** Recycle nothing (it threw, or a pass that builds a graph or returns gradients ran its nodes). */
  tainted = false;
}

let current: Episode | null = null;

function noteBirth(s: Storage): void {
  current?.births.push(s);
}

/** @internal The running episode, or null: `record()` counts the nodes made during it. */
export function currentEpisode(): Episode | null {
  return current;
}

/**
 * @internal Runs the built-in forward `fn` as an episode (see the file comment) and returns its
 * result. Nested calls join the running episode; inside a memory scope or a backward pass (where
 * another mechanism already owns the births) `fn` simply runs.
 */
export function privateForward<T>(fn: () => T): T {
  if (current !== null || inScope()) return fn();
  const previous = watchStorageBirths(noteBirth);
  if (previous !== null) {
    watchStorageBirths(previous);
    return fn();
  }
  const episode = new Episode();
  current = episode;
  let result: T;
  try {
    result = fn();
  } catch (error) {
    episode.tainted = true;
    throw error;
  } finally {
    current = null;
    watchStorageBirths(null);
    episode.open = false;
  }
  escape(episode, result);
  // No node reads anything the episode made: it is all dead now, but what escaped.
  if (episode.live === 0) recycleEpisode(episode);
  return result;
}

/**
 * @internal Runs `fn`, code the library does not control (a user's layer), on `input` from inside
 * an episode: `input` escapes (the code may keep it), and what `fn` makes is not the episode's.
 */
export function outsidePrivate<T>(input: unknown, fn: () => T): T {
  const episode = current;
  if (episode === null) return fn();
  escape(episode, input);
  current = null;
  watchStorageBirths(null);
  try {
    return fn();
  } finally {
    current = episode;
    watchStorageBirths(noteBirth);
  }
}

/** Marks every tensor storage `value` holds (tensors, arrays and plain objects of them) escaped. */
function escape(episode: Episode, value: unknown, depth = 0): void {
  if (value instanceof BaseTensor) {
    episode.escaped.add(value.storage);
    return;
  }
  if (depth > 4 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) escape(episode, v, depth + 1);
    return;
  }
  if (value instanceof Map || value instanceof Set) {
    for (const v of value.values()) escape(episode, v, depth + 1);
    // A Map's keys could be tensors too.
    if (value instanceof Map) for (const k of value.keys()) escape(episode, k, depth + 1);
    return;
  }
  for (const v of Object.values(value)) escape(episode, v, depth + 1);
}

/**
 * @internal A plain backward pass without `retainGraph` ran a node recorded during `episode` (for
 * the first time: the engine then clears the node's `episode`). Returns true when that was the
 * episode's last node, so the pass recycles the episode at its end.
 */
export function episodeNodeRan(episode: Episode): boolean {
  episode.live--;
  return episode.live === 0 && !episode.open && !episode.tainted;
}

/** @internal Gives the arrays of the episode's dead storages back to the pools. */
export function recycleEpisode(episode: Episode): void {
  if (episode.tainted) return;
  episode.tainted = true; // once
  const { births, escaped } = episode;
  for (let i = 0; i < births.length; i++) {
    const s = births[i] as Storage;
    if (!escaped.has(s) && !libraryKeeps(s)) recycleStorage(s);
  }
  births.length = 0;
}
