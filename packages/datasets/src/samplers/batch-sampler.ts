import type { Sampler } from './sampler';

/** Options of {@link BatchSampler}. */
export interface BatchSamplerOptions {
  /** Indices per batch (a positive integer). */
  batchSize: number;
  /** Drop the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/** Throws PyTorch's error unless `batchSize` is a positive integer. */
export function checkBatchSize(batchSize: number): void {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new RangeError(
      `batch_size should be a positive integer value, but got batch_size=${batchSize}`,
    );
  }
}

/**
 * Groups another sampler's indices into batches, as `torch.utils.data.BatchSampler`.
 *
 * @example
 * [...new BatchSampler(new SequentialSampler(5), { batchSize: 2 })]; // [[0, 1], [2, 3], [4]]
 */
export class BatchSampler implements Sampler<number[]> {
  readonly sampler: Iterable<number> & { readonly length: number };
  readonly batchSize: number;
  readonly dropLast: boolean;

  constructor(
    sampler: Iterable<number> & { readonly length: number },
    options: BatchSamplerOptions,
  ) {
    const { batchSize, dropLast = false } = options;
    checkBatchSize(batchSize);
    if (typeof dropLast !== 'boolean')
      throw new TypeError(
        `drop_last should be a boolean value, but got drop_last=${String(dropLast)}`,
      );
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
  }

  /** Batches per epoch: ⌊n / batchSize⌋ with `dropLast`, else ⌈n / batchSize⌉. */
  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
