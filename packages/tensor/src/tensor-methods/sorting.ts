/**
 * Tensor methods: sorting and top-k.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { checkTopk, sortIndices } from '../ops/sort';
import { installMethods } from './method-group';

/** Sorting and top-k. Part of {@link Tensor}. */
export interface TensorSorting {
  /** Values sorted along `dim` (default −1) and their original indices; stable, NaN last. */
  sort(dim?: number, descending?: boolean): { values: Tensor; indices: Tensor };
  /** The indices that sort along `dim` (default −1). */
  argsort(dim?: number, descending?: boolean): Tensor;
  /** The `k` largest (or smallest) values along `dim` (default −1), sorted, with their indices. */
  topk(k: number, dim?: number, largest?: boolean): { values: Tensor; indices: Tensor };
}

installMethods<TensorSorting>(Tensor.prototype, {
  sort(dim = -1, descending = false): { values: Tensor; indices: Tensor } {
    const indices = sortIndices(this, dim, descending);
    return { values: this.ndim === 0 ? this.clone() : this.gather(dim, indices), indices };
  },
  argsort(dim = -1, descending = false): Tensor {
    return sortIndices(this, dim, descending);
  },
  topk(k: number, dim = -1, largest = true): { values: Tensor; indices: Tensor } {
    const d = checkTopk(this, k, dim);
    const indices = sortIndices(this, d, largest, k);
    return { values: this.ndim === 0 ? this.clone() : this.gather(d, indices), indices };
  },
});
