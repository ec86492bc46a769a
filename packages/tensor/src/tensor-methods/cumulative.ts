/**
 * Tensor methods: scans along a dim (cumsum, cumprod, cummax, …).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { isFloating } from '../dtype';
import { add } from '../kernels/arithmetic';
import { cumprodStep, cumulativeExtreme, logcumsumexpStep, scanWith } from '../ops/cumulative';
import { scanAlong } from '../ops/reduction';
import { installMethods } from './method-group';

/** Scans along a dim (cumsum, cumprod, cummax, …). Part of {@link Tensor}. */
export interface TensorCumulative {
  /** Cumulative sum along `dim`. */
  cumsum(dim: number): Tensor;
  /** Running maximum along `dim` and the index where it was reached. */
  cummax(dim: number): { values: Tensor; indices: Tensor };
  /** Running minimum along `dim` and the index where it was reached. */
  cummin(dim: number): { values: Tensor; indices: Tensor };
  /** Cumulative product along `dim` (ints give int32). */
  cumprod(dim: number): Tensor;
  /** log Σ exp of the prefixes along `dim`, computed stably (floating dtypes). */
  logcumsumexp(dim: number): Tensor;
}

installMethods<TensorCumulative>(Tensor.prototype, {
  cumsum(dim: number): Tensor {
    return scanAlong(this, add, dim, isFloating(this.dtype) ? this.dtype : 'int32');
  },
  cummax(dim: number): { values: Tensor; indices: Tensor } {
    return cumulativeExtreme(this, dim, 1);
  },
  cummin(dim: number): { values: Tensor; indices: Tensor } {
    return cumulativeExtreme(this, dim, -1);
  },
  cumprod(dim: number): Tensor {
    return scanWith(this, dim, cumprodStep(this.dtype), null);
  },
  logcumsumexp(dim: number): Tensor {
    return scanWith(this, dim, logcumsumexpStep, 'logcumsumexp');
  },
});
