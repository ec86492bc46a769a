/**
 * Tensor methods: logsumexp, softmax and logSoftmax, computed stably.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`). Their
 * temporaries go back to the pools as they return (`withTemporaries`).
 */
import { Tensor } from '../tensor';
import { isFloating } from '../dtype';
import { MAX } from '../kernels/reduce';
import { checkSoftmaxDType } from '../ops/dtype-support';
import { reduceWith, reducedShape, reductionDims } from '../ops/reduction';
import { normalizeDim } from '../shape';
import { installMethods } from './method-group';
import { withTemporaries } from '../temporaries';

/** logsumexp, softmax and logSoftmax, computed stably. Part of {@link Tensor}. */
export interface TensorSoftmax {
  /** log Σ exp over `dim`, computed stably (the maximum is subtracted first). */
  logsumexp(dim: number | readonly number[], keepdim?: boolean): Tensor;
  /** exp(x) / Σ exp(x) along `dim`, computed stably. */
  softmax(dim: number): Tensor;
  /** x − logsumexp(x) along `dim`, computed stably. */
  logSoftmax(dim: number): Tensor;
}

installMethods<TensorSoftmax>(Tensor.prototype, {
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    const dims = reductionDims(this, dim);
    return withTemporaries(() => {
      // Integer and bool inputs give float32, as PyTorch's.
      const x = isFloating(this.dtype) ? this : this.to('float32');
      const shift = stableShift(x, dims);
      const out = x.sub(shift).exp().sum(dims, true).log().add(shift);
      return keepdim ? out : out.reshape(reducedShape(this.shape, dims, false));
    });
  },
  softmax(dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    checkSoftmaxDType(this, d, false);
    return withTemporaries(() => {
      const e = this.sub(stableShift(this, [d])).exp();
      return e.div(e.sum(d, true));
    });
  },
  logSoftmax(dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    checkSoftmaxDType(this, d, true);
    return withTemporaries(() => {
      const shifted = this.sub(stableShift(this, [d]));
      return shifted.sub(shifted.exp().sum(d, true).log());
    });
  },
});

/** The per-group maximum as a constant (infinite maxima replaced by 0, as PyTorch). */
function stableShift(self: Tensor, dims: readonly number[]): Tensor {
  const m = reduceWith(self, MAX, dims, true, isFloating(self.dtype) ? self.dtype : 'float32');
  const data = m.storage.data;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) data[i] = 0;
  return new Tensor(m.storage, m.shape, m.strides, 0, m.dtype);
}
