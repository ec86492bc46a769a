/**
 * One epoch of a {@link DataLoader} as batches: map-style datasets read by the batch sampler's
 * indices (checked as they arrive), iterable datasets cut into runs of `batchSize` items, each
 * synchronously or awaiting every sample. Each batch handed out advances the epoch's cursor.
 */
import { Tensor, tensor } from '@descent/autograd';
import type { Tensor as BaseTensor } from '@descent/tensor';
import { defaultCollate } from './collate';
import type { Dataset } from './dataset';
import { TensorDataset } from './tensor-dataset';
import { formatValue } from './format-value';

/** The epoch in progress: batches handed out. */
export interface Cursor {
  batches: number;
}

/** What the batch loops need from their loader. */
export interface BatchContext<T, B> {
  /** Samples per batch (iterable datasets; map-style ones follow the batch sampler). */
  batchSize: number | null;
  dropLast: boolean;
  collateFn: (samples: T[]) => B;
  /** Called when the epoch of `cursor` is exhausted. */
  finish(cursor: Cursor): void;
}

/** The indices of one batch, checked: an array of integers in [0, length) (never truncated). */
function checkBatch(indices: unknown, length: number, batch: number): number[] {
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

/** The batches of a map-style epoch, synchronously (a dataset returning a Promise throws). */
export function* mapBatches<T, B>(
  context: BatchContext<T, B>,
  dataset: Dataset<T | Promise<T>>,
  batches: Iterator<number[]>,
  cursor: Cursor,
): IterableIterator<B> {
  // Rows of autograd tensors stacked by the default collate: one gather per tensor instead.
  const fast =
    dataset instanceof TensorDataset &&
    context.collateFn === (defaultCollate as unknown) &&
    (dataset.tensors as readonly BaseTensor[]).every((t) => t instanceof Tensor);
  for (let step = batches.next(); !step.done; step = batches.next()) {
    const indices = checkBatch(step.value, dataset.length, cursor.batches);
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
    const batch = context.collateFn(samples);
    cursor.batches++;
    yield batch;
  }
  context.finish(cursor);
}

/** The batches of a map-style epoch, awaiting every sample. */
export async function* mapBatchesAsync<T, B>(
  context: BatchContext<T, B>,
  dataset: Dataset<T | Promise<T>>,
  batches: Iterator<number[]>,
  cursor: Cursor,
): AsyncIterableIterator<B> {
  for (let step = batches.next(); !step.done; step = batches.next()) {
    const indices = checkBatch(step.value, dataset.length, cursor.batches);
    const samples = await Promise.all(indices.map((i) => dataset.get(i)));
    const batch = context.collateFn(samples);
    cursor.batches++;
    yield batch;
  }
  context.finish(cursor);
}

/** The batches of an iterable dataset's epoch, synchronously. */
export function* streamBatches<T, B>(
  context: BatchContext<T, B>,
  items: Iterator<T>,
  cursor: Cursor,
): IterableIterator<B> {
  const size = context.batchSize as number;
  let batch: T[] = [];
  for (let step = items.next(); !step.done; step = items.next()) {
    batch.push(step.value);
    if (batch.length === size) {
      const collated = context.collateFn(batch);
      cursor.batches++;
      yield collated;
      batch = [];
    }
  }
  if (batch.length > 0 && !context.dropLast) {
    const collated = context.collateFn(batch);
    cursor.batches++;
    yield collated;
  }
  context.finish(cursor);
}

/** The batches of an iterable dataset's epoch, awaiting every item; the first `skip` items are dropped. */
export async function* streamBatchesAsync<T, B>(
  context: BatchContext<T, B>,
  items: Iterator<T> | AsyncIterator<T>,
  cursor: Cursor,
  skip: number,
): AsyncIterableIterator<B> {
  for (let k = 0; k < skip; k++) if ((await items.next()).done) break;
  const size = context.batchSize as number;
  let batch: T[] = [];
  for (let step = await items.next(); !step.done; step = await items.next()) {
    batch.push(step.value);
    if (batch.length === size) {
      const collated = context.collateFn(batch);
      cursor.batches++;
      yield collated;
      batch = [];
    }
  }
  if (batch.length > 0 && !context.dropLast) {
    const collated = context.collateFn(batch);
    cursor.batches++;
    yield collated;
  }
  context.finish(cursor);
}
