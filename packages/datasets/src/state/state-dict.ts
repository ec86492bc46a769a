/**
 * The state of a loader or sampler as plain, JSON-safe data: numbers, strings, booleans, arrays of
 * numbers and nested objects of the same (no typed arrays, no bigint, no null), so that
 * `JSON.parse(JSON.stringify(state))` restores it exactly.
 *
 * @example
 * const saved: StateDict = loader.stateDict();
 * writeFileSync('loader.json', JSON.stringify(saved));
 */
export interface StateDict {
  [key: string]: StateValue;
}

/** One value of a {@link StateDict}. */
export type StateValue = number | string | boolean | number[] | StateDict;

/**
 * Something whose progress can be saved and restored: every sampler of this package and
 * `DataLoader`. A custom sampler that implements it is resumed through it by `BatchSampler` and
 * `DataLoader`; one that does not is resumed by skipping the items already drawn, which is right
 * only when its order is deterministic.
 *
 * @example
 * const copy = new RandomSampler(10, { generator: new Generator() });
 * copy.loadStateDict(sampler.stateDict());
 */
export interface Stateful {
  /** The state, as plain data. */
  stateDict(): StateDict;
  /** Restores a state from {@link stateDict}; checks all of it before changing anything. */
  loadStateDict(state: StateDict): void;
}

/** @internal Checks `state` (named `path` in errors) and returns the function that applies it. */
export const PREPARE_LOAD: unique symbol = Symbol('prepareLoad');

/** @internal A {@link Stateful} of this package, whose load can be checked apart from applied. */
export interface PreparedStateful extends Stateful {
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void;
}

/** True when `value` has `stateDict` and `loadStateDict` methods. */
export function isStateful(value: unknown): value is Stateful {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Stateful>).stateDict === 'function' &&
    typeof (value as Partial<Stateful>).loadStateDict === 'function'
  );
}

/**
 * Checks a nested state for `child` and returns how to apply it: through {@link PREPARE_LOAD} for
 * this package's classes; for another Stateful its own `loadStateDict` runs at check time (it must
 * refuse a bad state without changing anything), so that it runs before any of ours is applied.
 */
export function prepareChild(
  child: Stateful,
  state: unknown,
  path: string,
  owner: string,
): () => void {
  if (PREPARE_LOAD in child) return (child as PreparedStateful)[PREPARE_LOAD](state, path, owner);
  child.loadStateDict(state as StateDict);
  return () => undefined;
}
