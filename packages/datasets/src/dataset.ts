/**
 * A map-style dataset: `length` items reachable by index, as `torch.utils.data.Dataset`
 * (`__len__` is `length`, `__getitem__` is `get`).
 *
 * @example
 * const squares: Dataset<number> = { length: 4, get: (i) => i * i };
 */
export interface Dataset<T> {
  /** Number of items. */
  readonly length: number;
  /** The item at `index` (0 ≤ index < length). */
  get(index: number): T;
}

/**
 * A map-style dataset whose items arrive asynchronously (files, network); iterate its DataLoader
 * with `for await`.
 *
 * @example
 * const remote: AsyncDataset<number> = { length: 2, get: async (i) => i };
 */
export interface AsyncDataset<T> {
  /** Number of items. */
  readonly length: number;
  /** A promise of the item at `index`. */
  get(index: number): Promise<T>;
}

/**
 * A stream of items with no random access, as `torch.utils.data.IterableDataset`; `length` is
 * optional (a DataLoader over it has a `length` only when the dataset has one).
 *
 * @example
 * const counter: IterableDataset<number> = { *[Symbol.iterator]() { for (let i = 0; i < 3; i++) yield i; } };
 */
export interface IterableDataset<T> {
  readonly length?: number;
  [Symbol.iterator](): Iterator<T>;
}

/**
 * An iterable dataset whose items arrive asynchronously; iterate its DataLoader with `for await`.
 *
 * @example
 * const lines: AsyncIterableDataset<string> = { async *[Symbol.asyncIterator]() { yield 'a'; } };
 */
export interface AsyncIterableDataset<T> {
  readonly length?: number;
  [Symbol.asyncIterator](): AsyncIterator<T>;
}

/**
 * A map-style dataset, or a plain array of samples read by index (as PyTorch accepts a Python list
 * wherever it takes a map-style dataset).
 *
 * @example
 * const loader = new DataLoader([{ x: 1, y: 0 }, { x: 2, y: 1 }], { batchSize: 2 });
 */
export type DatasetSource<T> = Dataset<T> | readonly T[];

/** `source` as a {@link Dataset}: an array becomes a bounds-checked view of it, a dataset stays itself. */
export function asDataset<T>(source: DatasetSource<T>): Dataset<T> {
  if (!Array.isArray(source)) return source as Dataset<T>;
  const items = source as readonly T[];
  return {
    get length() {
      return items.length;
    },
    get(index: number): T {
      checkIndex('Dataset', index, items.length);
      return items[index] as T;
    },
  };
}

/** Throws a RangeError unless `index` is an integer in [0, length). */
export function checkIndex(owner: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(
      `${owner}: index ${index} is out of range for a dataset of length ${length}`,
    );
  }
}
