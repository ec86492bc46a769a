/**
 * The options of {@link DataLoader}, checked with PyTorch's messages and resolved into the
 * sampler chain a loader iterates (sampler → batch sampler), as `DataLoader.__init__` does.
 */
import type { Generator } from '@descent/tensor';
import { defaultCollate } from './collate';
import type { AsyncIterableDataset, Dataset, IterableDataset } from './dataset';
import { asDataset } from './dataset';
import { BatchSampler, checkBatchSize, checkSampler } from './samplers/batch-sampler';
import { RandomSampler } from './samplers/random-sampler';
import type { Sampler } from './samplers/sampler';
import { SequentialSampler } from './samplers/sequential-sampler';
import { checkBoolean, checkGenerator, checkIndexArray, checkOptions } from './argument-checks';
import { formatValue } from './format-value';

/** The options {@link DataLoader} knows (PyTorch's, camelCase, without the worker ones). */
const OPTIONS = [
  'batchSize',
  'shuffle',
  'sampler',
  'batchSampler',
  'dropLast',
  'collateFn',
  'generator',
] as const;

/** Options of {@link DataLoader}; `batchSampler` excludes `batchSize`, `shuffle`, `sampler` and `dropLast`. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Reshuffle the indices every epoch (default false); excludes `sampler`. */
  shuffle?: boolean;
  /** Where the indices come from (default sequential, or random with `shuffle`). */
  sampler?: Sampler<number>;
  /** Where whole batches of indices come from. */
  batchSampler?: Sampler<number[]>;
  /** Drop the last incomplete batch (default false). */
  dropLast?: boolean;
  /** Merges a list of samples into a batch (default {@link defaultCollate}). */
  collateFn?: (samples: T[]) => B;
  /** Generator for shuffling and for the per-epoch base seed (default the global generator). */
  generator?: Generator;
}

/** Anything a loader batches: a map-style dataset, an array, or a (sync or async) iterable one. */
export type AnyDataset<T> =
  Dataset<T | Promise<T>> | readonly T[] | IterableDataset<T> | AsyncIterableDataset<T>;

/** A loader's settings after its options were checked and its samplers built. */
export interface LoaderSettings<T, B> {
  batchSize: number | null;
  dropLast: boolean;
  sampler: Sampler<number> | null;
  batchSampler: Sampler<number[]> | null;
  generator: Generator | undefined;
  collateFn: (samples: T[]) => B;
  /** The dataset read by index (arrays wrapped), or null for an iterable dataset. */
  mapDataset: Dataset<T | Promise<T>> | null;
}

/** A map-style dataset has `get`; a plain array counts as one too (as a Python list does). */
function isMapStyle<T>(ds: AnyDataset<T>): ds is Dataset<T | Promise<T>> | readonly T[] {
  return Array.isArray(ds) || typeof (ds as { get?: unknown }).get === 'function';
}

/** Throws a TypeError unless `dataset` is map-style (get + integer length), an array or iterable. */
function checkDataset(dataset: unknown): void {
  if (typeof dataset === 'object' && dataset !== null) {
    const d = dataset as { get?: unknown; length?: unknown };
    if (Array.isArray(dataset)) return;
    if (typeof d.get === 'function') {
      if (typeof d.length === 'number' && Number.isInteger(d.length) && d.length >= 0) return;
      throw new TypeError(
        `DataLoader: a map-style dataset needs a non-negative integer length, got length=${formatValue(d.length)}`,
      );
    }
    if (Symbol.iterator in dataset || Symbol.asyncIterator in dataset) return;
  }
  throw new TypeError(
    `DataLoader: dataset must be a map-style dataset (get and length), an array or an iterable dataset, got ${formatValue(dataset)}`,
  );
}

/** Checks `dataset` and `options` (PyTorch's messages) and builds the loader's samplers. */
export function resolveLoaderOptions<T, B>(
  dataset: AnyDataset<T>,
  options: DataLoaderOptions<T, B>,
): LoaderSettings<T, B> {
  checkDataset(dataset);
  const o = checkOptions('DataLoader', options, OPTIONS) as DataLoaderOptions<T, B>;
  const { sampler, batchSampler, collateFn } = o;
  const shuffle = o.shuffle === undefined ? false : checkBoolean('shuffle', o.shuffle);
  const dropLast = o.dropLast === undefined ? false : checkBoolean('drop_last', o.dropLast);
  const generator = checkGenerator('DataLoader', o.generator);
  if (sampler !== undefined) checkSampler('DataLoader', 'sampler', sampler);
  if (batchSampler !== undefined) checkSampler('DataLoader', 'batchSampler', batchSampler);
  if (collateFn !== undefined && typeof collateFn !== 'function')
    throw new TypeError(
      `DataLoader: collateFn must be a function, got ${formatValue(collateFn)}`,
    );
  const mapStyle = isMapStyle(dataset);
  if (!mapStyle) {
    if (shuffle)
      throw new TypeError(
        `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${shuffle}`,
      );
    if (sampler)
      throw new TypeError('DataLoader with IterableDataset: expected unspecified sampler option');
    if (batchSampler)
      throw new TypeError(
        'DataLoader with IterableDataset: expected unspecified batch_sampler option',
      );
  }
  if (sampler && shuffle)
    throw new TypeError('sampler option is mutually exclusive with shuffle');
  if (batchSampler) {
    if (o.batchSize !== undefined && o.batchSize !== 1)
      throw new TypeError(
        'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
      );
    if (shuffle || sampler || dropLast)
      throw new TypeError(
        'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
      );
  }
  const batchSize = batchSampler
    ? 1
    : checkBatchSize(o.batchSize === undefined ? 1 : o.batchSize);
  // A sampler given as an array is checked now; any other sampler's indices as they arrive.
  if (mapStyle && Array.isArray(sampler))
    checkIndexArray('DataLoader', 'sampler', sampler, dataset.length);
  const common = {
    generator,
    dropLast,
    collateFn: collateFn ?? (defaultCollate as unknown as (samples: T[]) => B),
    mapDataset: mapStyle ? asDataset<T | Promise<T>>(dataset) : null,
  };
  if (batchSampler) return { ...common, batchSize: null, sampler: null, batchSampler };
  if (!mapStyle) return { ...common, batchSize, sampler: null, batchSampler: null };
  const indices =
    sampler ?? (shuffle ? new RandomSampler(dataset, { generator }) : new SequentialSampler(dataset));
  return {
    ...common,
    batchSize,
    sampler: indices,
    batchSampler: new BatchSampler(indices, { batchSize, dropLast }),
  };
}
