import { Tensor, tensor } from '@descent/autograd';
import type { Tensor as BaseTensor } from '@descent/tensor';
import { defaultGenerator } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import { defaultCollate } from './collate';
import type { Collated } from './collate';
import type { AsyncIterableDataset, Dataset, IterableDataset } from './dataset';
import { asDataset } from './dataset';
import { BatchSampler, checkBatchSize } from './samplers/batch-sampler';
import { RandomSampler, drawSeed } from './samplers/random-sampler';
import type { Sampler } from './samplers/sampler';
import { SequentialSampler } from './samplers/sequential-sampler';
import { TensorDataset } from './tensor-dataset';

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

type AnyDataset<T> =
  Dataset<T | Promise<T>> | readonly T[] | IterableDataset<T> | AsyncIterableDataset<T>;

/** A map-style dataset has `get`; a plain array counts as one too (as a Python list does). */
function isMapStyle<T>(ds: AnyDataset<T>): ds is Dataset<T | Promise<T>> | readonly T[] {
  return Array.isArray(ds) || typeof (ds as { get?: unknown }).get === 'function';
}

/**
 * Batches a dataset, as `torch.utils.data.DataLoader` with `num_workers=0`. Iterate it with
 * `for…of` (synchronous datasets) or `for await` (any dataset); each iteration is one epoch.
 *
 * Order parity with PyTorch 1.13: starting an epoch draws one 64-bit base seed from `generator`
 * (or the global generator), as PyTorch's iterator does for its workers, before the sampler draws
 * anything; with `shuffle` the RandomSampler then uses `generator` or seeds a fresh one from the
 * global generator. So after `manualSeed(s)` the batches match PyTorch's index for index.
 *
 * @example
 * manualSeed(0);
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 32, shuffle: true });
 * for (const [xb, yb] of loader) { ... } // loader.length batches per epoch
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: AnyDataset<T>;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: Sampler<number> | null;
  readonly batchSampler: Sampler<number[]> | null;
  readonly generator: Generator | undefined;
  readonly collateFn: (samples: T[]) => B;
  /** The dataset read by index (arrays wrapped), or null for an iterable dataset. */
  private readonly mapDataset: Dataset<T | Promise<T>> | null;

  constructor(dataset: AnyDataset<T>, options: DataLoaderOptions<T, B> = {}) {
    const {
      batchSize = 1,
      shuffle = false,
      sampler,
      batchSampler,
      dropLast = false,
      collateFn,
      generator,
    } = options;
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
      if (options.batchSize !== undefined && options.batchSize !== 1)
        throw new TypeError(
          'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
        );
      if (shuffle || sampler || dropLast)
        throw new TypeError(
          'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
        );
    } else {
      checkBatchSize(batchSize);
    }
    this.dataset = dataset;
    this.mapDataset = mapStyle ? asDataset<T | Promise<T>>(dataset) : null;
    this.generator = generator;
    this.dropLast = dropLast;
    this.collateFn = collateFn ?? (defaultCollate as unknown as (samples: T[]) => B);
    if (batchSampler) {
      this.batchSize = null;
      this.sampler = null;
      this.batchSampler = batchSampler;
    } else {
      this.batchSize = batchSize;
      if (mapStyle) {
        this.sampler =
          sampler ??
          (shuffle ? new RandomSampler(dataset, { generator }) : new SequentialSampler(dataset));
        this.batchSampler = new BatchSampler(this.sampler, { batchSize, dropLast });
      } else {
        this.sampler = null;
        this.batchSampler = null;
      }
    }
  }

  /** Batches per epoch. */
  get length(): number {
    if (this.batchSampler) return this.batchSampler.length;
    const n = this.dataset.length;
    if (n === undefined)
      throw new TypeError('DataLoader: the IterableDataset has no length, so the loader has none');
    const size = this.batchSize as number;
    return this.dropLast ? Math.floor(n / size) : Math.ceil(n / size);
  }

  /** One epoch, synchronously; throws if the dataset is asynchronous. */
  [Symbol.iterator](): Iterator<B> {
    if (this.mapDataset) return this.mapBatches(this.mapDataset, this.startEpoch());
    const dataset = this.dataset as IterableDataset<T> | AsyncIterableDataset<T>;
    if (!(Symbol.iterator in dataset)) {
      throw new TypeError('DataLoader: the dataset is asynchronous; iterate with for await');
    }
    drawSeed(this.generator ?? defaultGenerator);
    return this.streamBatches(dataset[Symbol.iterator]());
  }

  /** One epoch, awaiting each sample (works for synchronous datasets too). */
  [Symbol.asyncIterator](): AsyncIterator<B> {
    if (this.mapDataset) return this.mapBatchesAsync(this.mapDataset, this.startEpoch());
    const dataset = this.dataset as IterableDataset<T> | AsyncIterableDataset<T>;
    drawSeed(this.generator ?? defaultGenerator);
    if (Symbol.asyncIterator in dataset)
      return this.streamBatchesAsync(dataset[Symbol.asyncIterator]());
    return this.streamBatchesAsync(dataset[Symbol.iterator]());
  }

  /** PyTorch draws the base seed when the epoch's iterator is created, before the sampler runs. */
  private startEpoch(): Iterator<number[]> {
    const batches = (this.batchSampler as Sampler<number[]>)[Symbol.iterator]();
    drawSeed(this.generator ?? defaultGenerator);
    return batches;
  }

  private *mapBatches(
    dataset: Dataset<T | Promise<T>>,
    batches: Iterator<number[]>,
  ): IterableIterator<B> {
    // Rows of autograd tensors stacked by the default collate: one gather per tensor instead.
    const fast =
      dataset instanceof TensorDataset &&
      this.collateFn === (defaultCollate as unknown) &&
      (dataset.tensors as readonly BaseTensor[]).every((t) => t instanceof Tensor);
    for (let step = batches.next(); !step.done; step = batches.next()) {
      const indices = step.value;
      if (fast) {
        const index = tensor(indices, { dtype: 'int32' });
        yield (dataset.tensors as readonly BaseTensor[]).map((t) =>
          t.indexSelect(0, index),
        ) as unknown as B;
        continue;
      }
      const samples = indices.map((i) => {
        const sample = dataset.get(i);
        if (sample instanceof Promise) {
          // Not awaited: keep a rejection of it from surfacing as an unhandled one.
          sample.catch(() => undefined);
          throw new TypeError('DataLoader: the dataset returned a Promise; iterate with for await');
        }
        return sample;
      });
      yield this.collateFn(samples);
    }
  }

  private async *mapBatchesAsync(
    dataset: Dataset<T | Promise<T>>,
    batches: Iterator<number[]>,
  ): AsyncIterableIterator<B> {
    for (let step = batches.next(); !step.done; step = batches.next()) {
      const samples = await Promise.all(step.value.map((i) => dataset.get(i)));
      yield this.collateFn(samples);
    }
  }

  private *streamBatches(items: Iterator<T>): IterableIterator<B> {
    const size = this.batchSize as number;
    let batch: T[] = [];
    for (let step = items.next(); !step.done; step = items.next()) {
      batch.push(step.value);
      if (batch.length === size) {
        yield this.collateFn(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield this.collateFn(batch);
  }

  private async *streamBatchesAsync(
    items: Iterator<T> | AsyncIterator<T>,
  ): AsyncIterableIterator<B> {
    const size = this.batchSize as number;
    let batch: T[] = [];
    for (let step = await items.next(); !step.done; step = await items.next()) {
      batch.push(step.value);
      if (batch.length === size) {
        yield this.collateFn(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield this.collateFn(batch);
  }
}
