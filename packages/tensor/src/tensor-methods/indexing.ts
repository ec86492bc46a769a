/**
 * Tensor methods: indexing, gathering, scattering and splitting (Python's `x[...]` included).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import type { ScatterReduceOptions } from '../tensor-options';
import { checkOptions } from '../args';
import { index, indexPutInPlace } from '../ops/index';
import type { IndexItem } from '../ops/index';
import { gather, indexSelect, maskedFill, where } from '../ops/indexing';
import { chunk, split } from '../ops/join';
import { maskedSelect, nonzero } from '../ops/reshaping';
import { scatter, scatterReduce } from '../ops/scatter';
import type { ScatterReduce } from '../ops/scatter';
import { installMethods } from './method-group';

/** Indexing, gathering, scattering and splitting (Python's `x[...]` included). Part of {@link Tensor}. */
export interface TensorIndexing {
  gather(dim: number, index: Tensor): Tensor;
  indexSelect(dim: number, index: Tensor): Tensor;
  /** A copy with `value` where `mask` (bool) is true; the result has the broadcast shape of both. */
  maskedFill(mask: Tensor, value: number): Tensor;
  /** `this` where `condition` holds, else `other` (PyTorch's `x.where(cond, y)`). */
  where(condition: Tensor, other: Tensor | number): Tensor;
  split(sizes: number | readonly number[], dim?: number): Tensor[];
  chunk(chunks: number, dim?: number): Tensor[];
  /** A copy with `src` values (or `value`) written at `index` along `dim` (torch.scatter). */
  scatter(dim: number, index: Tensor, src: Tensor | number): Tensor;
  /** A copy where the `src` values sent to one place by `index` are combined with `reduce` (torch.scatter_reduce). */
  scatterReduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options?: ScatterReduceOptions): Tensor;
  /** The int32 coordinates `[n, ndim]` of the non-zero elements (torch.nonzero). */
  nonzero(): Tensor;
  /** The elements where `mask` (bool, broadcast) is true, as a 1-d tensor. */
  maskedSelect(mask: Tensor): Tensor;
  /**
   * Python's `x[items]`: ints (negative from the end), `slice(start, stop, step)`, `null` (new
   * axis), `'...'`, int lists and int32 or bool tensors (advanced indexing, PyTorch's placement of
   * the broadcast dims). Basic items give views; advanced ones a copy.
   *
   * @example
   * x.index([0, slice(1, null, 2), null, '...']); // x[0, 1::2, None, ...]
   */
  index(items: readonly IndexItem[]): Tensor;
  /**
   * {@link Tensor.index} with the items as varargs: `x.at(0, slice(1, null, 2), null, '...')`.
   *
   * @example
   * x.at(tensor([0, 2], { dtype: 'int32' }), slice()); // x[[0, 2], :]
   */
  at(...items: IndexItem[]): Tensor;
  /** `x[items] = values` in place (values broadcast; `accumulate` adds), as torch's index_put_. */
  indexPut_(items: readonly IndexItem[], values: Tensor | number, accumulate?: boolean): this;
  /** A copy of this tensor with `values` written at `items` (torch.index_put). */
  indexPut(items: readonly IndexItem[], values: Tensor | number, accumulate?: boolean): Tensor;
}

installMethods<TensorIndexing>(Tensor.prototype, {
  gather(dim: number, index: Tensor): Tensor {
    return gather(this, dim, index);
  },
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexSelect(this, dim, index);
  },
  maskedFill(mask: Tensor, value: number): Tensor {
    return maskedFill(this, mask, value);
  },
  where(condition: Tensor, other: Tensor | number): Tensor {
    return where(condition, this, other);
  },
  split(sizes: number | readonly number[], dim = 0): Tensor[] {
    return split(this, sizes, dim);
  },
  chunk(chunks: number, dim = 0): Tensor[] {
    return chunk(this, chunks, dim);
  },
  scatter(dim: number, index: Tensor, src: Tensor | number): Tensor {
    return scatter(this, dim, index, src);
  },
  scatterReduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options: ScatterReduceOptions = {}): Tensor {
    checkOptions('scatter_reduce', options, ['includeSelf']);
    return scatterReduce(this, dim, index, src, reduce, options.includeSelf ?? true);
  },
  nonzero(): Tensor {
    return nonzero(this);
  },
  maskedSelect(mask: Tensor): Tensor {
    return maskedSelect(this, mask);
  },
  index(items: readonly IndexItem[]): Tensor {
    return index(this, items);
  },
  at(...items: IndexItem[]): Tensor {
    return index(this, items);
  },
  indexPut_(items: readonly IndexItem[], values: Tensor | number, accumulate = false): Tensor {
    return indexPutInPlace(this, items, values, accumulate);
  },
  indexPut(items: readonly IndexItem[], values: Tensor | number, accumulate = false): Tensor {
    return indexPutInPlace(this.clone(), items, values, accumulate);
  },
});
