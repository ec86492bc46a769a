/**
 * Tensor methods: comparisons, logic and closeness tests (bool results, or a boolean for `equal` / `allclose`).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import type { IsCloseOptions } from '../tensor-options';
import { checkOptions } from '../args';
import { binary } from '../ops/binary';
import { isCloseFn } from '../ops/math';
import { unary } from '../ops/unary';
import { truthy } from './scalar-fns';
import { installMethods } from './method-group';

/** Comparisons, logic and closeness tests (bool results, or a boolean for `equal` / `allclose`). Part of {@link Tensor}. */
export interface TensorComparison {
  eq(other: Tensor | number): Tensor;
  ne(other: Tensor | number): Tensor;
  lt(other: Tensor | number): Tensor;
  le(other: Tensor | number): Tensor;
  gt(other: Tensor | number): Tensor;
  ge(other: Tensor | number): Tensor;
  /** Element-wise `this && other` (non-zero, NaN included, is true). */
  logicalAnd(other: Tensor | number): Tensor;
  /** Element-wise `this || other` (non-zero, NaN included, is true). */
  logicalOr(other: Tensor | number): Tensor;
  /** Element-wise `!this` (non-zero, NaN included, is true). */
  logicalNot(): Tensor;
  /** True where the element is NaN. */
  isnan(): Tensor;
  /** True where the element is ±∞. */
  isinf(): Tensor;
  /** True where the element is neither NaN nor ±∞. */
  isfinite(): Tensor;
  /** Element-wise `|this − other| ≤ atol + rtol·|other|` (bool), as torch.isclose. */
  isclose(other: Tensor | number, options?: IsCloseOptions): Tensor;
  /** True when both tensors have the same shape and values. */
  equal(other: Tensor): boolean;
  /** `|this − other| ≤ atol + rtol·|other|` everywhere (broadcasting). */
  allclose(other: Tensor, rtol?: number, atol?: number): boolean;
}

installMethods<TensorComparison>(Tensor.prototype, {
  eq(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x === y ? 1 : 0), 'bool');
  },
  ne(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x !== y ? 1 : 0), 'bool');
  },
  lt(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x < y ? 1 : 0), 'bool');
  },
  le(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x <= y ? 1 : 0), 'bool');
  },
  gt(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x > y ? 1 : 0), 'bool');
  },
  ge(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x >= y ? 1 : 0), 'bool');
  },
  logicalAnd(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (truthy(x) && truthy(y) ? 1 : 0), 'bool');
  },
  logicalOr(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (truthy(x) || truthy(y) ? 1 : 0), 'bool');
  },
  logicalNot(): Tensor {
    return unary(this, (x) => (truthy(x) ? 0 : 1), 'same', 'bool');
  },
  isnan(): Tensor {
    return unary(this, (x) => (Number.isNaN(x) ? 1 : 0), 'same', 'bool');
  },
  isinf(): Tensor {
    return unary(this, (x) => (x === Infinity || x === -Infinity ? 1 : 0), 'same', 'bool');
  },
  isfinite(): Tensor {
    return unary(this, (x) => (Number.isFinite(x) ? 1 : 0), 'same', 'bool');
  },
  isclose(other: Tensor | number, options: IsCloseOptions = {}): Tensor {
    checkOptions('isclose', options, ['rtol', 'atol', 'equalNan']);
    const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
    return binary(this, other, isCloseFn(rtol, atol, equalNan), 'bool');
  },
  equal(other: Tensor): boolean {
    if (this.ndim !== other.ndim || this.shape.some((s, i) => s !== other.shape[i])) return false;
    const a = this.toTypedArray();
    const b = other.toTypedArray();
    return a.every((v, i) => v === b[i]);
  },
  allclose(other: Tensor, rtol = 1e-5, atol = 1e-8): boolean {
    const ok = binary(this.to('float64'), other.to('float64'), (x, y) => (Math.abs(x - y) <= atol + rtol * Math.abs(y) || x === y ? 1 : 0), 'bool');
    return ok.toTypedArray().every((v) => v === 1);
  },
});
