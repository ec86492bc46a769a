import type { Dataset, DatasetSource } from './dataset';
import { checkMapDataset } from './argument-checks';
import { asDataset, checkIndex } from './dataset';
import { formatValue } from './format-value';

/**
 * The items of `dataset` at `indices`, in that order, as `torch.utils.data.Subset`. An
 * `AsyncDataset<T>` is a `Dataset<Promise<T>>`, so subsets of async datasets work too; a plain array
 * is read by index.
 *
 * @example
 * const firstTen = new Subset(ds, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  /** Positions in `dataset` (a copy of the caller's array). */
  readonly indices: readonly number[];

  constructor(dataset: DatasetSource<T>, indices: ArrayLike<number>) {
    checkMapDataset('Subset', 'dataset', dataset);
    if (!Array.isArray(indices) && !(ArrayBuffer.isView(indices) && !(indices instanceof DataView)))
      throw new TypeError(
        `Subset: indices must be an array of integer indices, got ${formatValue(indices)}`,
      );
    const copy = Array.from(indices);
    copy.forEach((i: unknown, k) => {
      if (typeof i !== 'number')
        throw new TypeError(
          `Subset: indices[${k}] must be an integer index, got ${formatValue(i)}`,
        );
      checkIndex('Subset', i, dataset.length);
    });
    this.dataset = asDataset(dataset);
    this.indices = copy;
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    checkIndex('Subset', index, this.indices.length);
    return this.dataset.get(this.indices[index] as number);
  }
}
