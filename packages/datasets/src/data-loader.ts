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
import { checkBoolean, checkGenerator, checkIndexArray, checkOptions } from './argument-checks';
import { formatValue } from './format-value';
import { checkSampler } from './samplers/batch-sampler';
import { generatorStateDict, readGeneratorState } from './state/generator-state';
import { StateReader } from './state/read-state';
import { PREPARE_LOAD, isStateful, prepareChild } from './state/state-dict';
import type { PreparedStateful, StateDict } from './state/state-dict';

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

/** The epoch in progress: batches handed out. */
interface Cursor {
  batches: number;
}

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
export class DataLoader<T, B = Collated<T>>
  implements Iterable<B>, AsyncIterable<B>, PreparedStateful
{
  readonly dataset: AnyDataset<T>;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: Sampler<number> | null;
  readonly batchSampler: Sampler<number[]> | null;
  readonly generator: Generator | undefined;
  readonly collateFn: (samples: T[]) => B;
  /** The dataset read by index (arrays wrapped), or null for an iterable dataset. */
  private readonly mapDataset: Dataset<T | Promise<T>> | null;

  /** The epoch in progress (the latest iterator), or null. */
  private cursor: Cursor | null = null;
  /** An epoch loaded by {@link loadStateDict}, continued by the next iterator. */
  private resume: Cursor | null = null;

  constructor(dataset: AnyDataset<T>, options: DataLoaderOptions<T, B> = {}) {
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
    if (this.mapDataset) {
      const cursor = this.startCursor();
      return this.mapBatches(this.mapDataset, this.startEpoch(cursor), cursor);
    }
    const dataset = this.dataset as IterableDataset<T> | AsyncIterableDataset<T>;
    if (!(Symbol.iterator in dataset)) {
      throw new TypeError('DataLoader: the dataset is asynchronous; iterate with for await');
    }
    const cursor = this.startCursor();
    if (!cursor.resumed) drawSeed(this.generator ?? defaultGenerator);
    return this.streamBatches(this.skipItems(dataset[Symbol.iterator](), cursor), cursor);
  }

  /** One epoch, awaiting each sample (works for synchronous datasets too). */
  [Symbol.asyncIterator](): AsyncIterator<B> {
    if (this.mapDataset) {
      const cursor = this.startCursor();
      return this.mapBatchesAsync(this.mapDataset, this.startEpoch(cursor), cursor);
    }
    const dataset = this.dataset as IterableDataset<T> | AsyncIterableDataset<T>;
    const cursor = this.startCursor();
    if (!cursor.resumed) drawSeed(this.generator ?? defaultGenerator);
    if (Symbol.asyncIterator in dataset) {
      const skip = cursor.resumed ? cursor.batches * (this.batchSize as number) : 0;
      return this.streamBatchesAsync(dataset[Symbol.asyncIterator](), cursor, skip);
    }
    return this.streamBatchesAsync(this.skipItems(dataset[Symbol.iterator](), cursor), cursor, 0);
  }

  /**
   * The cursor of a new iterator: the loaded epoch, or a new epoch, for which PyTorch draws the
   * base seed when the iterator is created (before the sampler runs). A resumed epoch drew its
   * seed before it was saved.
   */
  private startCursor(): Cursor & { resumed: boolean } {
    const resumed = this.resume;
    this.resume = null;
    const cursor = { batches: resumed?.batches ?? 0, resumed: resumed !== null };
    this.cursor = cursor;
    return cursor;
  }

  /** The batch iterator of a map-style epoch; a resumed epoch continues where it was saved. */
  private startEpoch(cursor: Cursor & { resumed: boolean }): Iterator<number[]> {
    const sampler = this.batchSampler as Sampler<number[]>;
    const batches = sampler[Symbol.iterator]();
    if (!cursor.resumed) drawSeed(this.generator ?? defaultGenerator);
    else if (!isStateful(sampler))
      for (let k = 0; k < cursor.batches; k++) if (batches.next().done) break;
    return batches;
  }

  /** An iterable dataset's items; a resumed epoch skips the items of the batches already given. */
  private skipItems(items: Iterator<T>, cursor: Cursor & { resumed: boolean }): Iterator<T> {
    if (cursor.resumed)
      for (let k = 0; k < cursor.batches * (this.batchSize as number); k++)
        if (items.next().done) break;
    return items;
  }

  /** The indices of one batch, checked: an array of integers in [0, length) (never truncated). */
  private checkBatch(indices: unknown, length: number, batch: number): number[] {
    if (!Array.isArray(indices))
      throw new TypeError(
        `DataLoader: the batch sampler yielded ${formatValue(indices)} for batch ${batch}, expected an array of indices`,
      );
    for (const [k, i] of (indices as unknown[]).entries()) {
      if (!(typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < length)) {
        const message = `DataLoader: the sampler yielded index ${formatValue(i)} (batch ${batch}, position ${k}), expected an integer in [0, ${length})`;
        throw typeof i === 'number' ? new RangeError(message) : new TypeError(message);
      }
    }
    return indices as number[];
  }

  /** Marks the epoch of `cursor` finished, unless a newer iterator or a load replaced it. */
  private finish(cursor: Cursor): void {
    if (this.cursor === cursor) this.cursor = null;
  }

  private *mapBatches(
    dataset: Dataset<T | Promise<T>>,
    batches: Iterator<number[]>,
    cursor: Cursor,
  ): IterableIterator<B> {
    // Rows of autograd tensors stacked by the default collate: one gather per tensor instead.
    const fast =
      dataset instanceof TensorDataset &&
      this.collateFn === (defaultCollate as unknown) &&
      (dataset.tensors as readonly BaseTensor[]).every((t) => t instanceof Tensor);
    for (let step = batches.next(); !step.done; step = batches.next()) {
      const indices = this.checkBatch(step.value, dataset.length, cursor.batches);
      if (fast) {
        const index = tensor(indices, { dtype: 'int32' });
        const batch = (dataset.tensors as readonly BaseTensor[]).map((t) =>
          t.indexSelect(0, index),
        ) as unknown as B;
        cursor.batches++;
        yield batch;
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
      const batch = this.collateFn(samples);
      cursor.batches++;
      yield batch;
    }
    this.finish(cursor);
  }

  private async *mapBatchesAsync(
    dataset: Dataset<T | Promise<T>>,
    batches: Iterator<number[]>,
    cursor: Cursor,
  ): AsyncIterableIterator<B> {
    for (let step = batches.next(); !step.done; step = batches.next()) {
      const indices = this.checkBatch(step.value, dataset.length, cursor.batches);
      const samples = await Promise.all(indices.map((i) => dataset.get(i)));
      const batch = this.collateFn(samples);
      cursor.batches++;
      yield batch;
    }
    this.finish(cursor);
  }

  private *streamBatches(items: Iterator<T>, cursor: Cursor): IterableIterator<B> {
    const size = this.batchSize as number;
    let batch: T[] = [];
    for (let step = items.next(); !step.done; step = items.next()) {
      batch.push(step.value);
      if (batch.length === size) {
        const collated = this.collateFn(batch);
        cursor.batches++;
        yield collated;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) {
      const collated = this.collateFn(batch);
      cursor.batches++;
      yield collated;
    }
    this.finish(cursor);
  }

  private async *streamBatchesAsync(
    items: Iterator<T> | AsyncIterator<T>,
    cursor: Cursor,
    skip: number,
  ): AsyncIterableIterator<B> {
    for (let k = 0; k < skip; k++) if ((await items.next()).done) break;
    const size = this.batchSize as number;
    let batch: T[] = [];
    for (let step = await items.next(); !step.done; step = await items.next()) {
      batch.push(step.value);
      if (batch.length === size) {
        const collated = this.collateFn(batch);
        cursor.batches++;
        yield collated;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) {
      const collated = this.collateFn(batch);
      cursor.batches++;
      yield collated;
    }
    this.finish(cursor);
  }

  /**
   * The loader's progress as JSON-safe data: `{ epoch?: { batches }, generator?, batchSampler? }`.
   * `epoch` while an epoch is in progress (from the creation of its iterator, when the base seed is
   * drawn, until it is exhausted); `generator` the state of the loader's own generator;
   * `batchSampler` the batch sampler's state (its sampler's position in the epoch, the epoch's
   * permutation or the generator that draws it). A loader with the global generator leaves that
   * generator to the caller, as PyTorch's `torch.get_rng_state()`.
   *
   * @example
   * const saved = JSON.stringify(loader.stateDict()); // mid-epoch
   * const resumed = new DataLoader(ds, sameOptions);
   * resumed.loadStateDict(JSON.parse(saved));
   * for (const batch of resumed) { ... } // the rest of the epoch, as if never interrupted
   */
  stateDict(): StateDict {
    const state: StateDict = {};
    const epoch = this.resume ?? this.cursor;
    if (epoch) state.epoch = { batches: epoch.batches };
    if (this.generator) state.generator = generatorStateDict(this.generator);
    if (isStateful(this.batchSampler)) state.batchSampler = this.batchSampler.stateDict();
    return state;
  }

  /**
   * Restores a state from {@link stateDict} into a loader built with the same dataset and options:
   * the next iteration continues the saved epoch. Everything is checked before anything changes;
   * a refused state leaves the loader (and its samplers and generator) as it was.
   */
  loadStateDict(state: StateDict): void {
    this[PREPARE_LOAD](state, 'state', 'DataLoader')();
  }

  /** @internal */
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void {
    const r = new StateReader(owner, state, path, ['epoch', 'generator', 'batchSampler']);
    const own = this.generator !== undefined;
    r.presence(
      'generator',
      own,
      own ? 'this loader has its own generator' : 'this loader uses the global generator',
    );
    const generatorState = own
      ? readGeneratorState(owner, r.value.generator, r.at('generator'))
      : null;
    const length = this.batchSampler || this.dataset.length !== undefined ? this.length : Infinity;
    const epoch = r.has('epoch')
      ? { batches: r.child('epoch', ['batches']).integer('batches', 0, length) }
      : null;
    const stateful = isStateful(this.batchSampler);
    r.presence(
      'batchSampler',
      stateful,
      stateful
        ? 'the batch sampler has a stateDict'
        : 'the loader has no batch sampler with a stateDict',
    );
    // Last: a custom batch sampler's own loadStateDict runs here, after every other check.
    const applyBatchSampler = stateful
      ? prepareChild(this.batchSampler, r.value.batchSampler, r.at('batchSampler'), owner)
      : () => undefined;
    return () => {
      if (generatorState) this.generator?.setState(generatorState);
      applyBatchSampler();
      this.cursor = null;
      this.resume = epoch;
    };
  }
}
