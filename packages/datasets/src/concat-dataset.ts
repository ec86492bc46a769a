import type { Dataset, DatasetSource } from './dataset';
import { checkMapDataset } from './argument-checks';
import { asDataset, checkIndex } from './dataset';
import { formatValue } from './format-value';

/**
 * Several datasets (or arrays) one after another, as `torch.utils.data.ConcatDataset`.
 *
 * @example
 * const both = new ConcatDataset([trainA, trainB]); // both.length === trainA.length + trainB.length
 */
export class ConcatDataset<T> implements Dataset<T> {
  readonly datasets: readonly Dataset<T>[];
  /** Running totals of the lengths: `cumulativeSizes[k]` = items in datasets 0 … k. */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: readonly DatasetSource<T>[]) {
    const given: unknown = datasets;
    if (!Array.isArray(given))
      throw new TypeError(
        `ConcatDataset: datasets must be an array of datasets, got ${formatValue(datasets)}`,
      );
    datasets.forEach((ds, k) => checkMapDataset('ConcatDataset', `datasets[${k}]`, ds));
    if (datasets.length === 0)
      throw new TypeError('ConcatDataset: datasets should not be an empty iterable');
    const sizes: number[] = [];
    let total = 0;
    for (const ds of datasets) {
      total += ds.length;
      sizes.push(total);
    }
    this.datasets = datasets.map((ds) => asDataset(ds));
    this.cumulativeSizes = sizes;
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1] as number;
  }

  get(index: number): T {
    checkIndex('ConcatDataset', index, this.length);
    // First dataset whose running total exceeds index (binary search, as PyTorch's bisect_right).
    let lo = 0;
    let hi = this.cumulativeSizes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulativeSizes[mid] as number) > index) hi = mid;
      else lo = mid + 1;
    }
    const start = lo === 0 ? 0 : (this.cumulativeSizes[lo - 1] as number);
    return (this.datasets[lo] as Dataset<T>).get(index - start);
  }
}
