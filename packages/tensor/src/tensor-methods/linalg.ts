/**
 * Tensor methods: matrix products.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { bmm, dot, matmul, mm, outer } from '../ops/linalg';
import { installMethods } from './method-group';

/** Matrix products. Part of {@link Tensor}. */
export interface TensorLinalg {
  matmul(other: Tensor): Tensor;
  mm(other: Tensor): Tensor;
  bmm(other: Tensor): Tensor;
  dot(other: Tensor): Tensor;
  outer(other: Tensor): Tensor;
}

installMethods<TensorLinalg>(Tensor.prototype, {
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  },
  mm(other: Tensor): Tensor {
    return mm(this, other);
  },
  bmm(other: Tensor): Tensor {
    return bmm(this, other);
  },
  dot(other: Tensor): Tensor {
    return dot(this, other);
  },
  outer(other: Tensor): Tensor {
    return outer(this, other);
  },
});
