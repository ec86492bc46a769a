import { checkBoolean, checkOptions, checkPositiveInteger } from '../argument-checks';
import { formatValue } from '../format-value';
import { StateReader } from '../state/read-state';
import { PREPARE_LOAD, isStateful, prepareChild } from '../state/state-dict';
import type { PreparedStateful, StateDict } from '../state/state-dict';
import type { Sampler } from './sampler';

/** Options of {@link BatchSampler}. */
export interface BatchSamplerOptions {
  /** Indices per batch (a positive integer). */
  batchSize: number;
  /** Drop the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/** Throws PyTorch's error unless `batchSize` is a positive integer (TypeError for a non-number). */
export function checkBatchSize(batchSize: unknown): number {
  return checkPositiveInteger('batch_size', batchSize);
}

/** Throws a TypeError unless `sampler` is iterable and has a numeric `length`. */
export function checkSampler(owner: string, argument: string, sampler: unknown): void {
  const ok =
    typeof sampler === 'object' &&
    sampler !== null &&
    typeof (sampler as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function' &&
    typeof (sampler as { length?: unknown }).length === 'number';
  if (!ok)
    throw new TypeError(
      `${owner}: ${argument} must be a Sampler (an iterable with a length), got ${formatValue(sampler)}`,
    );
}

/**
 * The epoch in progress: batches handed out, and whether the inner sampler is exhausted (it is
 * before the last, short batch is handed out; a resumed epoch must not start it again).
 */
interface Cursor {
  batches: number;
  samplerDone: boolean;
}

/**
 * Groups another sampler's indices into batches, as `torch.utils.data.BatchSampler`. Its
 * `stateDict()` holds the batches handed out in the epoch in progress and the inner sampler's
 * state; an inner sampler without `stateDict` (an array, a custom sampler) is resumed by skipping
 * the indices already handed out, which is right when its order is deterministic.
 *
 * @example
 * [...new BatchSampler(new SequentialSampler(5), { batchSize: 2 })]; // [[0, 1], [2, 3], [4]]
 */
export class BatchSampler implements Sampler<number[]>, PreparedStateful {
  readonly sampler: Iterable<number> & { readonly length: number };
  readonly batchSize: number;
  readonly dropLast: boolean;
  private cursor: Cursor | null = null;
  private resume: Cursor | null = null;

  constructor(
    sampler: Iterable<number> & { readonly length: number },
    options: BatchSamplerOptions,
  ) {
    checkSampler('BatchSampler', 'sampler', sampler);
    if (options === undefined)
      throw new TypeError('BatchSampler: options must be an object with batchSize, got undefined');
    const o = checkOptions('BatchSampler', options, ['batchSize', 'dropLast']);
    this.batchSize = checkBatchSize(o.batchSize);
    this.dropLast = o.dropLast === undefined ? false : checkBoolean('drop_last', o.dropLast);
    this.sampler = sampler;
  }

  /** Batches per epoch: ⌊n / batchSize⌋ with `dropLast`, else ⌈n / batchSize⌉. */
  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    const resumed = this.resume;
    const cursor = { batches: resumed?.batches ?? 0, samplerDone: resumed?.samplerDone ?? false };
    this.resume = null;
    this.cursor = cursor;
    if (cursor.samplerDone) {
      if (this.cursor === cursor) this.cursor = null;
      return;
    }
    const indices = this.sampler[Symbol.iterator]();
    if (resumed && !isStateful(this.sampler)) {
      for (let k = 0; k < resumed.batches * this.batchSize; k++) if (indices.next().done) break;
    }
    let batch: number[] = [];
    for (let step = indices.next(); ; step = indices.next()) {
      if (step.done) {
        cursor.samplerDone = true;
        break;
      }
      batch.push(step.value);
      if (batch.length === this.batchSize) {
        cursor.batches++;
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) {
      cursor.batches++;
      yield batch;
    }
    if (this.cursor === cursor) this.cursor = null;
  }

  /**
   * `{ batchSize, dropLast, sampler?, epoch?: { batches, samplerDone } }`: `sampler` when the inner sampler has
   * a `stateDict`; `epoch` while an epoch is in progress.
   */
  stateDict(): StateDict {
    const state: StateDict = { batchSize: this.batchSize, dropLast: this.dropLast };
    if (isStateful(this.sampler)) state.sampler = this.sampler.stateDict();
    const epoch = this.resume ?? this.cursor;
    if (epoch) state.epoch = { batches: epoch.batches, samplerDone: epoch.samplerDone };
    return state;
  }

  /** Restores a state from {@link stateDict}, checking all of it (and the inner sampler's) first. */
  loadStateDict(state: StateDict): void {
    this[PREPARE_LOAD](state, 'state', 'BatchSampler')();
  }

  /** @internal */
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void {
    const r = new StateReader(owner, state, path, ['batchSize', 'dropLast', 'sampler', 'epoch']);
    r.same('batchSize', this.batchSize);
    r.same('dropLast', this.dropLast);
    const stateful = isStateful(this.sampler);
    r.presence(
      'sampler',
      stateful,
      stateful ? 'the inner sampler has a stateDict' : 'the inner sampler has no stateDict',
    );
    let epoch: Cursor | null = null;
    if (r.has('epoch')) {
      const e = r.child('epoch', ['batches', 'samplerDone']);
      const batches = e.integer('batches', 0, this.length);
      const samplerDone = e.value.samplerDone;
      if (typeof samplerDone !== 'boolean')
        throw new TypeError(
          `${owner}.loadStateDict: ${e.at('samplerDone')} must be a boolean, got ${formatValue(samplerDone)}`,
        );
      epoch = { batches, samplerDone };
    }
    const applyInner = stateful
      ? prepareChild(this.sampler as never, r.value.sampler, r.at('sampler'), owner)
      : () => undefined;
    return () => {
      applyInner();
      this.cursor = null;
      this.resume = epoch;
    };
  }
}
