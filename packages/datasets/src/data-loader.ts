import { defaultGenerator } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import type { Collated } from './collate';
import type { AsyncIterableDataset, Dataset, IterableDataset } from './dataset';
import { drawSeed } from './samplers/random-sampler';
import type { Sampler } from './samplers/sampler';
import { generatorStateDict, readGeneratorState } from './state/generator-state';
import { StateReader } from './state/read-state';
import { PREPARE_LOAD, isStateful, prepareChild } from './state/state-dict';
import type { PreparedStateful, StateDict } from './state/state-dict';
import { resolveLoaderOptions } from './data-loader-options';
import type { AnyDataset, DataLoaderOptions } from './data-loader-options';
import { mapBatches, mapBatchesAsync, streamBatches, streamBatchesAsync } from './loader-batches';
import type { BatchContext, Cursor } from './loader-batches';

export type { DataLoaderOptions } from './data-loader-options';

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

  /** Batch size, drop-last and collate as the batch loops (loader-batches.ts) see them. */
  private readonly batchContext: BatchContext<T, B>;

  constructor(dataset: AnyDataset<T>, options: DataLoaderOptions<T, B> = {}) {
    const settings = resolveLoaderOptions(dataset, options);
    this.dataset = dataset;
    this.mapDataset = settings.mapDataset;
    this.generator = settings.generator;
    this.dropLast = settings.dropLast;
    this.collateFn = settings.collateFn;
    this.batchSize = settings.batchSize;
    this.sampler = settings.sampler;
    this.batchSampler = settings.batchSampler;
    this.batchContext = {
      batchSize: this.batchSize,
      dropLast: this.dropLast,
      collateFn: this.collateFn,
      // Marks the epoch of `cursor` finished, unless a newer iterator or a load replaced it.
      finish: (cursor) => {
        if (this.cursor === cursor) this.cursor = null;
      },
    };
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
      return mapBatches(this.batchContext, this.mapDataset, this.startEpoch(cursor), cursor);
    }
    const dataset = this.dataset as IterableDataset<T> | AsyncIterableDataset<T>;
    if (!(Symbol.iterator in dataset)) {
      throw new TypeError('DataLoader: the dataset is asynchronous; iterate with for await');
    }
    const cursor = this.startCursor();
    if (!cursor.resumed) drawSeed(this.generator ?? defaultGenerator);
    return streamBatches(this.batchContext, this.skipItems(dataset[Symbol.iterator](), cursor), cursor);
  }

  /** One epoch, awaiting each sample (works for synchronous datasets too). */
  [Symbol.asyncIterator](): AsyncIterator<B> {
    if (this.mapDataset) {
      const cursor = this.startCursor();
      return mapBatchesAsync(this.batchContext, this.mapDataset, this.startEpoch(cursor), cursor);
    }
    const dataset = this.dataset as IterableDataset<T> | AsyncIterableDataset<T>;
    const cursor = this.startCursor();
    if (!cursor.resumed) drawSeed(this.generator ?? defaultGenerator);
    if (Symbol.asyncIterator in dataset) {
      const skip = cursor.resumed ? cursor.batches * (this.batchSize as number) : 0;
      return streamBatchesAsync(this.batchContext, dataset[Symbol.asyncIterator](), cursor, skip);
    }
    return streamBatchesAsync(this.batchContext, this.skipItems(dataset[Symbol.iterator](), cursor), cursor, 0);
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
