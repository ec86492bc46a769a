/**
 * Tensor methods: reductions over all elements or over dims (sum, mean, max, var, norm, …).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import type { VarOptions } from '../tensor-options';
import { checkArity, checkOptions, intArg } from '../args';
import { isFloating } from '../dtype';
import { MAX, MIN, PROD, SUM } from '../kernels/reduce';
import { checkMeanDType, checkNormDType, checkNotBool, checkVarDType } from '../ops/dtype-support';
import { ABS_MAX, checkNonEmptyReduction, extremeAlong, reduceInput, reduceWith, reductionDims } from '../ops/reduction';
import type { ReduceOptions } from '../ops/reduction';
import { sizeOf } from '../shape';
import { truthy } from './scalar-fns';
import { installMethods } from './method-group';
import { withTemporaries } from '../temporaries';

/** Reductions over all elements or over dims (sum, mean, max, var, norm, …). Part of {@link Tensor}. */
export interface TensorReductions {
  /**
   * Sum over all elements, or over `dim`. Ints and bools sum to int32; `dtype` converts the input
   * first (torch.sum's `dtype=`).
   *
   * @example
   * x.sum(1, true, { dtype: 'float64' });
   */
  sum(dim?: number | readonly number[], keepdim?: boolean, options?: ReduceOptions, ...extra: never[]): Tensor;
  /** Mean over all elements, or over `dim` (floating dtypes only). */
  mean(dim?: number | readonly number[], keepdim?: boolean): Tensor;
  /** Product over all elements, or over one `dim` (an int, as torch.prod); `dtype` converts the input first. */
  prod(dim?: number, keepdim?: boolean, options?: ReduceOptions, ...extra: never[]): Tensor;
  /** The largest element; with `dim`, the values and first indices along it. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  /** The smallest element; with `dim`, the values and first indices along it. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  /** Maximum over `dim` (a number or list) without indices, as torch.amax. */
  amax(dim?: number | readonly number[], keepdim?: boolean): Tensor;
  /** Minimum over `dim` (a number or list) without indices, as torch.amin. */
  amin(dim?: number | readonly number[], keepdim?: boolean): Tensor;
  /**
   * Index of the first maximum along `dim`, or in the flattened tensor when `dim` is omitted
   * (with `keepdim`, shaped as all ones then).
   */
  argmax(dim?: number, keepdim?: boolean): Tensor;
  /** Index of the first minimum along `dim`, or in the flattened tensor when `dim` is omitted. */
  argmin(dim?: number, keepdim?: boolean): Tensor;
  /** Variance with `correction` (default 1) over all elements or `dim`. */
  var(dim?: number | readonly number[], options?: VarOptions): Tensor;
  /** Standard deviation with `correction` (default 1). */
  std(dim?: number | readonly number[], options?: VarOptions): Tensor;
  /**
   * The p-norm over all elements or `dim`: p = 2 (default), 1, Infinity (max |x|, 0 when empty),
   * −Infinity (min |x|), 0 (count of non-zeros) or any other positive p. Floating dtypes only.
   */
  norm(p?: number, dim?: number | readonly number[], keepdim?: boolean): Tensor;
  /** True where every element (over all, or over `dim`) is non-zero; a bool tensor. */
  all(dim?: number, keepdim?: boolean, ...extra: never[]): Tensor;
  /** True where some element (over all, or over `dim`) is non-zero; a bool tensor. */
  any(dim?: number, keepdim?: boolean, ...extra: never[]): Tensor;
  /** `[std, mean]` over `dim` in one call (torch.std_mean), with `var`'s options. */
  stdMean(dim?: number | readonly number[], options?: VarOptions): [Tensor, Tensor];
}

installMethods<TensorReductions>(Tensor.prototype, {
  sum(dim?: number | readonly number[], keepdim = false, options?: ReduceOptions, ...extra: never[]): Tensor {
    checkArity('sum', 3, extra);
    const x = reduceInput(this, 'sum', options);
    return reduceWith(x, SUM, dim, keepdim, isFloating(x.dtype) ? x.dtype : 'int32');
  },
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    checkMeanDType(this);
    const n = sizeOf(reductionDims(this, dim).map((d) => this.shape[d] ?? 1));
    // The sum is a temporary: back to the pools as the mean returns (issue #23).
    return withTemporaries(() => this.sum(dim, keepdim).div(n));
  },
  prod(dim?: number, keepdim = false, options?: ReduceOptions, ...extra: never[]): Tensor {
    checkArity('prod', 3, extra);
    if (dim !== undefined) intArg('prod', 'dim', dim);
    const x = reduceInput(this, 'prod', options);
    return reduceWith(x, PROD, dim, keepdim, isFloating(x.dtype) ? x.dtype : 'int32');
  },
  max: function max(this: Tensor, dim?: number, keepdim: boolean = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return reduceAll(this, MAX, 'max');
    return extremeAlong(this, 1, dim, keepdim);
  } as TensorReductions['max'],
  min: function min(this: Tensor, dim?: number, keepdim: boolean = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return reduceAll(this, MIN, 'min');
    return extremeAlong(this, -1, dim, keepdim);
  } as TensorReductions['min'],
  amax(dim?: number | readonly number[], keepdim = false): Tensor {
    checkNonEmptyReduction(this, 'amax', dim);
    return reduceWith(this, MAX, dim, keepdim, this.dtype);
  },
  amin(dim?: number | readonly number[], keepdim = false): Tensor {
    checkNonEmptyReduction(this, 'amin', dim);
    return reduceWith(this, MIN, dim, keepdim, this.dtype);
  },
  argmax(dim?: number, keepdim = false): Tensor {
    return argExtreme(this, 1, dim, keepdim);
  },
  argmin(dim?: number, keepdim = false): Tensor {
    return argExtreme(this, -1, dim, keepdim);
  },
  var(dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    checkOptions('var', options, ['correction', 'keepdim']);
    const { correction = 1, keepdim = false } = options;
    checkVarDType(this);
    const dims = reductionDims(this, dim);
    const n = sizeOf(dims.map((d) => this.shape[d] ?? 1));
    return withTemporaries(() => {
      const centred = this.sub(this.mean(dims, true));
      return centred.mul(centred).sum(dims, keepdim).div(Math.max(0, n - correction));
    });
  },
  std(dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    return withTemporaries(() => this.var(dim, options).sqrt());
  },
  norm(p: number = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    checkNormDType(this);
    if (!(p > 0) && p !== 0 && p !== -Infinity) throw new RangeError(`norm: p must be non-negative or ±Infinity, got ${p}`);
    return withTemporaries(() => {
      if (p === 2) return this.mul(this).sum(dim, keepdim).sqrt();
      if (p === 1) return this.abs().sum(dim, keepdim);
      if (p === Infinity) return reduceWith(this.abs(), ABS_MAX, dim, keepdim, this.dtype);
      if (p === -Infinity) return this.abs().amin(dim, keepdim);
      if (p === 0) return this.ne(0).sum(dim, keepdim).to(this.dtype);
      return this.abs().pow(p).sum(dim, keepdim).pow(1 / p);
    });
  },
  all(dim?: number, keepdim = false, ...extra: never[]): Tensor {
    checkArity('all', 2, extra);
    if (dim !== undefined) intArg('all', 'dim', dim);
    return reduceWith(this, { init: 1, step: (a, x) => (a && truthy(x) ? 1 : 0) }, dim, keepdim, 'bool');
  },
  any(dim?: number, keepdim = false, ...extra: never[]): Tensor {
    checkArity('any', 2, extra);
    if (dim !== undefined) intArg('any', 'dim', dim);
    return reduceWith(this, { init: 0, step: (a, x) => (a || truthy(x) ? 1 : 0) }, dim, keepdim, 'bool');
  },
  stdMean(dim?: number | readonly number[], options: VarOptions = {}): [Tensor, Tensor] {
    const { keepdim = false } = options;
    return [this.std(dim, options), this.mean(dim, keepdim)];
  },
});

function reduceAll(self: Tensor, reducer: typeof MAX, name: string): Tensor {
  checkNonEmptyReduction(self, name, undefined);
  return reduceWith(self, reducer, undefined, false, self.dtype);
}
function argExtreme(self: Tensor, sign: 1 | -1, dim: number | undefined, keepdim: boolean): Tensor {
  const name = sign > 0 ? 'argmax' : 'argmin';
  checkNotBool(self, `${name}_cpu`);
  if (dim !== undefined) return extremeAlong(self, sign, dim, keepdim, name).indices;
  if (self.numel() === 0) throw new RangeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0.`);
  const flat = extremeAlong(self.reshape([-1]), sign, 0, false, name).indices;
  return keepdim ? flat.reshape(self.shape.map(() => 1)) : flat;
}
