/**
 * The n-d strided tensor. This file holds the class and its method table: every method is a
 * one-line dispatch to a generic op (ops/, kernels/), so the class reads as the public surface. It
 * is long because PyTorch's tensor has this many methods, not because logic lives here.
 */
import { checkNumberArg } from './arguments';
import { checkArity, checkOptions, intArg, intListArg } from './args';
import type { IntList } from './args';
import { allocate, castScalar, checkDType, isFloating, notImplemented, scalarTypeName } from './dtype';
import type { DType, TypedArray } from './dtype';
import { formatTensor } from './format';
import { add, div, maximum, minimum, mul, sub } from './kernels/arithmetic';
import { broadcastOperand, gatherContiguous, mapTernary, mapUnary, operandOf } from './kernels/elementwise';
import { MAX, MIN, PROD, SUM } from './kernels/reduce';
import { binary, binaryInPlace, canCast, checkCastable, checkInPlaceShape, commonDType } from './ops/binary';
import {
  checkAddcdivDTypes,
  checkLerpDTypes,
  checkMeanDType,
  checkNegatable,
  checkNormDType,
  checkNotBool,
  checkPow,
  checkRandomFill,
  checkReluable,
  checkSoftmaxDType,
  checkSubtractable,
  checkVarDType,
} from './ops/dtype-support';
import { checkMask, gather, indexSelect, maskedFill, where } from './ops/indexing';
import { chunk, split } from './ops/join';
import { bmm, dot, matmul, mm, outer } from './ops/linalg';
import { ABS_MAX, checkNonEmptyReduction, extremeAlong, reduceInput, reduceWith, reducedShape, reductionDims, scanAlong } from './ops/reduction';
import type { ReduceOptions } from './ops/reduction';
import { divMode, roundingDivFn } from './ops/rounding-div';
import { cumprodStep, cumulativeExtreme, logcumsumexpStep, scanWith } from './ops/cumulative';
import { diag, diagonal, maskedSelect, nonzero, repeat, repeatInterleave, roll, triangle, unflatten, unfold } from './ops/reshaping';
import { scatter, scatterReduce } from './ops/scatter';
import type { ScatterReduce } from './ops/scatter';
import { checkTopk, sortIndices } from './ops/sort';
import { index, indexPutInPlace } from './ops/index';
import type { IndexItem } from './ops/index';
import type { DivOptions } from './ops/rounding-div';
import { clampDType, clampFn, sigmoidScalar, unary, unaryInPlace } from './ops/unary';
import { fillBernoulliScalar, fillNormal, fillNormalSerial, fillUniform } from './random';
import type { Generator } from './random';
import { resultType } from './result-type';
import { broadcastShapes, checkShape, isShapeArray, contiguousStrides, normalizeDim, normalizeDims, sizeOf } from './shape';
import {
  bitwiseAnd,
  bitwiseOr,
  bitwiseXor,
  checkBitwise,
  copysign,
  erfScalar,
  fmodFn,
  isCloseFn,
  leftShift,
  logaddexp,
  remainderFn,
  rightShift,
} from './ops/math';
import { Storage } from './storage';
import { viewStrides } from './view-strides';

/** A value or nested arrays of values, as `tolist()` returns them. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Options of random in-place fills. */
export interface RandomOptions {
  generator?: Generator;
}

/** Options of `isclose`. */
export interface IsCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Whether NaN is close to NaN (default false). */
  equalNan?: boolean;
}

/** Options of `scatterReduce`. */
export interface ScatterReduceOptions {
  /** Whether the input's own values take part in the reduction (default true). */
  includeSelf?: boolean;
}

/** Options of `var` and `std`. */
export interface VarOptions {
  /** Subtracted from the element count in the divisor (1: Bessel's correction). Default 1. */
  correction?: number;
  keepdim?: boolean;
}

const pow = (x: number, y: number): number => Math.pow(x, y);
const relu = (x: number): number => (x > 0 ? x : Number.isNaN(x) ? x : 0);

// NaN is non-zero, so it counts as true in logical ops (as in PyTorch).
const truthy = (x: number): boolean => x !== 0;
const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * An n-dimensional array: a view (shape, strides, offset) of a {@link Storage}, with PyTorch's
 * methods. Views share storage; ops return new tensors; methods ending in `_` work in place and
 * return `this`.
 *
 * @example
 * const a = tensor([[1, 2], [3, 4]]);
 * a.matmul(a).sum(1); // tensor([17., 37.])... as PyTorch
 */
export class Tensor {
  readonly storage: Storage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;

  constructor(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtype;
  }

  /**
   * @internal Builds a result tensor of the same family as `this`. Every op creates its results
   * through this method; subclasses (autograd's Tensor) override it.
   */
  _make(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType): Tensor {
    return new Tensor(storage, shape, strides, offset, dtype);
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return sizeOf(this.shape);
  }

  /** The size of one dimension, or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    return dim === undefined ? [...this.shape] : (this.shape[normalizeDim(dim, this.ndim)] ?? 1);
  }

  /** True when the elements are laid out row-major without gaps (size-1 dims ignored). */
  isContiguous(): boolean {
    let expected = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      const size = this.shape[d] as number;
      if (size !== 1 && this.strides[d] !== expected) return false;
      expected *= size;
    }
    return true;
  }

  private view_(shape: readonly number[], strides: readonly number[], offset = this.offset): Tensor {
    return this._make(this.storage, shape, strides, offset, this.dtype);
  }

  // ---------------------------------------------------------------- element-wise, out of place

  /** `this + other`, broadcasting. */
  add(other: Tensor | number): Tensor {
    return binary(this, other, add);
  }
  /** `this − other`, broadcasting. */
  sub(other: Tensor | number): Tensor {
    checkSubtractable(this, other);
    return binary(this, other, sub);
  }
  /** `this · other`, broadcasting. */
  mul(other: Tensor | number): Tensor {
    return binary(this, other, mul);
  }
  /**
   * Division, broadcasting. Without a rounding mode it is true division (ints give float32); with
   * `roundingMode: 'trunc'` (toward zero) or `'floor'` (toward −∞) the result keeps the common
   * dtype (int32 ÷ int32 stays int32), as torch.div.
   *
   * @example
   * tensor([7, -7], { dtype: 'int32' }).div(2, { roundingMode: 'floor' }); // tensor([3, -4], dtype=int32)
   */
  div(other: Tensor | number, options?: DivOptions): Tensor {
    const mode = divMode(options);
    if (mode === null) return binary(this, other, div, 'float');
    return binary(this, other, roundingDivFn(mode, commonDType(this, other)));
  }
  /** `this ** exponent`, broadcasting. */
  pow(exponent: Tensor | number): Tensor {
    checkPow(commonDType(this, exponent), exponent);
    return binary(this, exponent, pow);
  }
  /** Element-wise maximum (NaN propagates). */
  maximum(other: Tensor): Tensor {
    return binary(this, other, maximum);
  }
  /** Element-wise minimum (NaN propagates). */
  minimum(other: Tensor): Tensor {
    return binary(this, other, minimum);
  }
  neg(): Tensor {
    checkNegatable(this);
    return unary(this, (x) => -x);
  }
  abs(): Tensor {
    checkNotBool(this, 'abs_cpu');
    return unary(this, Math.abs);
  }
  /** −1, 0 or 1 by the sign (0 for NaN, as PyTorch). */
  sign(): Tensor {
    return unary(this, sign);
  }
  exp(): Tensor {
    return unary(this, Math.exp, 'float');
  }
  log(): Tensor {
    return unary(this, Math.log, 'float');
  }
  log1p(): Tensor {
    return unary(this, Math.log1p, 'float');
  }
  expm1(): Tensor {
    return unary(this, Math.expm1, 'float');
  }
  sqrt(): Tensor {
    return unary(this, Math.sqrt, 'float');
  }
  rsqrt(): Tensor {
    return unary(this, (x) => 1 / Math.sqrt(x), 'float');
  }
  reciprocal(): Tensor {
    return unary(this, (x) => 1 / x, 'float');
  }
  square(): Tensor {
    return this.mul(this);
  }
  sin(): Tensor {
    return unary(this, Math.sin, 'float');
  }
  cos(): Tensor {
    return unary(this, Math.cos, 'float');
  }
  tanh(): Tensor {
    return unary(this, Math.tanh, 'float');
  }
  sigmoid(): Tensor {
    return unary(this, sigmoidScalar, 'float');
  }
  relu(): Tensor {
    checkReluable(this);
    return unary(this, relu);
  }
  floor(): Tensor {
    checkNotBool(this, 'floor_vml_cpu');
    return unary(this, Math.floor);
  }
  ceil(): Tensor {
    checkNotBool(this, 'ceil_vml_cpu');
    return unary(this, Math.ceil);
  }
  /** Rounds half to even, as PyTorch. */
  round(): Tensor {
    checkNotBool(this, 'round_vml_cpu');
    return unary(this, (x) => {
      const r = Math.round(x);
      return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    });
  }
  /**
   * Limits every element to [min, max]; either bound may be omitted. The result dtype follows
   * PyTorch's promotion with the bounds (an int tensor clamped to 0.5 is float32).
   */
  clamp(min?: number, max?: number): Tensor {
    return unary(this, clampFn(min, max), 'same', clampDType(this, min, max));
  }

  // comparisons and logic (bool results)
  eq(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x === y ? 1 : 0), 'bool');
  }
  ne(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x !== y ? 1 : 0), 'bool');
  }
  lt(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x < y ? 1 : 0), 'bool');
  }
  le(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x <= y ? 1 : 0), 'bool');
  }
  gt(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x > y ? 1 : 0), 'bool');
  }
  ge(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (x >= y ? 1 : 0), 'bool');
  }
  /** Element-wise `this && other` (non-zero, NaN included, is true). */
  logicalAnd(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (truthy(x) && truthy(y) ? 1 : 0), 'bool');
  }
  /** Element-wise `this || other` (non-zero, NaN included, is true). */
  logicalOr(other: Tensor | number): Tensor {
    return binary(this, other, (x, y) => (truthy(x) || truthy(y) ? 1 : 0), 'bool');
  }
  /** Element-wise `!this` (non-zero, NaN included, is true). */
  logicalNot(): Tensor {
    return unary(this, (x) => (truthy(x) ? 0 : 1), 'same', 'bool');
  }

  // ---------------------------------------------------------------- in place

  add_(other: Tensor | number): this {
    return binaryInPlace(this, other, add) as this;
  }
  sub_(other: Tensor | number): this {
    checkSubtractable(this, other);
    return binaryInPlace(this, other, sub) as this;
  }
  mul_(other: Tensor | number): this {
    return binaryInPlace(this, other, mul) as this;
  }
  div_(other: Tensor | number, options?: DivOptions): this {
    const mode = divMode(options, 'div_');
    if (mode === null) return binaryInPlace(this, other, div, 'float') as this;
    return binaryInPlace(this, other, roundingDivFn(mode, commonDType(this, other))) as this;
  }
  pow_(exponent: Tensor | number): this {
    const common = commonDType(this, exponent);
    checkPow(common, exponent);
    // pow_ with a number checks the dtype in its own words.
    if (typeof exponent === 'number' && common !== this.dtype && !canCast(common, this.dtype)) {
      throw new TypeError(`Found dtype ${scalarTypeName(this.dtype)} but expected ${scalarTypeName(common)}`);
    }
    return binaryInPlace(this, exponent, pow) as this;
  }
  maximum_(other: Tensor | number): this {
    return binaryInPlace(this, other, maximum) as this;
  }
  minimum_(other: Tensor | number): this {
    return binaryInPlace(this, other, minimum) as this;
  }
  neg_(): this {
    checkNegatable(this);
    return unaryInPlace(this, (x) => -x) as this;
  }
  abs_(): this {
    checkNotBool(this, 'abs_cpu');
    return unaryInPlace(this, Math.abs) as this;
  }
  exp_(): this {
    return unaryInPlace(this, Math.exp, 'float') as this;
  }
  log_(): this {
    return unaryInPlace(this, Math.log, 'float') as this;
  }
  sqrt_(): this {
    return unaryInPlace(this, Math.sqrt, 'float') as this;
  }
  tanh_(): this {
    return unaryInPlace(this, Math.tanh, 'float') as this;
  }
  sigmoid_(): this {
    return unaryInPlace(this, sigmoidScalar, 'float') as this;
  }
  log1p_(): this {
    return unaryInPlace(this, Math.log1p, 'float') as this;
  }
  expm1_(): this {
    return unaryInPlace(this, Math.expm1, 'float') as this;
  }
  rsqrt_(): this {
    return unaryInPlace(this, (x) => 1 / Math.sqrt(x), 'float') as this;
  }
  reciprocal_(): this {
    return unaryInPlace(this, (x) => 1 / x, 'float') as this;
  }
  sin_(): this {
    return unaryInPlace(this, Math.sin, 'float') as this;
  }
  cos_(): this {
    return unaryInPlace(this, Math.cos, 'float') as this;
  }
  sign_(): this {
    return unaryInPlace(this, sign) as this;
  }
  floor_(): this {
    checkNotBool(this, 'floor_vml_cpu');
    return unaryInPlace(this, Math.floor) as this;
  }
  ceil_(): this {
    checkNotBool(this, 'ceil_vml_cpu');
    return unaryInPlace(this, Math.ceil) as this;
  }
  relu_(): this {
    checkReluable(this);
    return unaryInPlace(this, relu) as this;
  }
  clamp_(min?: number, max?: number): this {
    const dtype = clampDType(this, min, max);
    if (!canCast(dtype, this.dtype)) {
      // PyTorch's clamp_ spells the destination type in lower case.
      throw new TypeError(`result type ${scalarTypeName(dtype)} can't be cast to the desired output type ${scalarTypeName(this.dtype).toLowerCase()}`);
    }
    return unaryInPlace(this, clampFn(min, max)) as this;
  }
  /** Sets every element to `value`. */
  fill_(value: number): this {
    checkNumberArg(value, 'fill_', 'value', 1);
    const v = castScalar(value, this.dtype);
    return unaryInPlace(this, () => v) as this;
  }
  /** Sets every element to 0. */
  zero_(): this {
    return this.fill_(0);
  }
  /** Copies `src` (broadcast to this shape, any dtype) into this tensor. */
  copy_(src: Tensor): this {
    const cast = this.dtype === 'bool' ? (_x: number, y: number): number => (y !== 0 ? 1 : 0) : (_x: number, y: number): number => y;
    return binaryInPlace(this, src, cast, 'same', false) as this;
  }
  /** `this += value · t1 · t2` (t1 and t2 broadcast to this shape). */
  addcmul_(t1: Tensor, t2: Tensor, value = 1): this {
    // `value` is converted to the computation's dtype first (0.5 is 0 for int32), as PyTorch does.
    const common = resultType([this, t1, t2]);
    if (common === 'bool') throw notImplemented('addcmul_cpu_out', 'bool');
    const v = castScalar(value, common);
    return this.ternaryInPlace(t1, t2, (x, a, b) => x + v * a * b);
  }
  /** `this += value · t1 / t2` (t1 and t2 broadcast to this shape; not both integer). */
  addcdiv_(t1: Tensor, t2: Tensor, value = 1): this {
    checkAddcdivDTypes(t1, t2);
    const v = castScalar(value, resultType([this, t1, t2]));
    return this.ternaryInPlace(t1, t2, (x, a, b) => x + (v * a) / b);
  }
  /** `this += weight · (end − this)`; `weight` is a number or a tensor (broadcast), as torch.lerp. */
  lerp_(end: Tensor, weight: Tensor | number): this {
    checkLerpDTypes(this, end, weight);
    if (typeof weight !== 'number') return this.ternaryInPlace(end, weight, (x, y, w) => x + w * (y - x));
    return binaryInPlace(this, end, (x, y) => x + weight * (y - x)) as this;
  }
  /** Writes `value` where `mask` (bool, broadcast to this shape) is true. Allocates nothing. */
  maskedFill_(mask: Tensor, value: number): this {
    checkNumberArg(value, 'masked_fill_', 'value', 2);
    checkMask(mask);
    const v = castScalar(value, this.dtype);
    return binaryInPlace(this, mask, (x, m) => (m ? v : x), 'same', false) as this;
  }

  private ternaryInPlace(t1: Tensor, t2: Tensor, fn: (x: number, a: number, b: number) => number): this {
    const shape = checkInPlaceShape(this.shape, t1.shape, t2.shape);
    checkCastable(resultType([this, t1, t2]), this.dtype);
    // One walk over this, t1 and t2 (broadcast through stride 0): no temporaries.
    const self = operandOf(this);
    mapTernary(fn, shape, self, self, broadcastOperand(t1, shape), broadcastOperand(t2, shape));
    this.storage.version++;
    return this;
  }

  /** Fills with uniform samples from [from, to), PyTorch's stream. */
  uniform_(from = 0, to = 1, options: RandomOptions = {}): this {
    if (!(from <= to)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
    return this.randomFill('check_uniform_bounds', (buf) => fillUniform(buf, from, to, options.generator));
  }
  /** Fills with normal samples N(mean, std²), PyTorch's stream. */
  normal_(mean = 0, std = 1, options: RandomOptions = {}): this {
    if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
    return this.randomFill(
      'normal_kernel_cpu',
      (buf) => fillNormal(buf, mean, std, options.generator),
      (buf) => fillNormalSerial(buf, mean, std, options.generator),
    );
  }
  /** Fills with 0/1 draws with probability `p`. */
  bernoulli_(p = 0.5, options: RandomOptions = {}): this {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
    return this.randomFill('bernoulli_scalar_cpu_', (buf) => fillBernoulliScalar(buf, p, options.generator));
  }

  private randomFill(kernel: string, fill: (buf: Float32Array | Float64Array) => void, serial?: (buf: Float32Array | Float64Array) => void): this {
    checkRandomFill(this, kernel);
    if (this.isContiguous()) {
      const n = this.numel();
      fill((this.storage.data as Float32Array | Float64Array).subarray(this.offset, this.offset + n));
      this.storage.version++;
      return this;
    }
    // Not contiguous: PyTorch's TensorIterator visits the elements in memory order (dims by
    // decreasing stride) and draws one value per element, so normal_ takes its element-by-element
    // sampler here. Draw that many values, then write them in that order through a base view.
    const order = this.shape.map((_, i) => i).sort((i, j) => (this.strides[j] as number) - (this.strides[i] as number));
    const shape = order.map((d) => this.shape[d] as number);
    const buf = allocate(this.dtype, this.numel()) as Float32Array | Float64Array;
    (serial ?? fill)(buf);
    const target = { data: this.storage.data, strides: order.map((d) => this.strides[d] as number), offset: this.offset };
    mapUnary((x) => x, shape, target, { data: buf, strides: contiguousStrides(shape), offset: 0 });
    this.storage.version++;
    return this;
  }

  // ---------------------------------------------------------------- reductions

  /**
   * Sum over all elements, or over `dim`. Ints and bools sum to int32; `dtype` converts the input
   * first (torch.sum's `dtype=`).
   *
   * @example
   * x.sum(1, true, { dtype: 'float64' });
   */
  sum(dim?: number | readonly number[], keepdim = false, options?: ReduceOptions, ...extra: never[]): Tensor {
    checkArity('sum', 3, extra);
    const x = reduceInput(this, 'sum', options);
    return reduceWith(x, SUM, dim, keepdim, isFloating(x.dtype) ? x.dtype : 'int32');
  }
  /** Mean over all elements, or over `dim` (floating dtypes only). */
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    checkMeanDType(this);
    const n = sizeOf(reductionDims(this, dim).map((d) => this.shape[d] ?? 1));
    return this.sum(dim, keepdim).div(n);
  }
  /** Product over all elements, or over one `dim` (an int, as torch.prod); `dtype` converts the input first. */
  prod(dim?: number, keepdim = false, options?: ReduceOptions, ...extra: never[]): Tensor {
    checkArity('prod', 3, extra);
    if (dim !== undefined) intArg('prod', 'dim', dim);
    const x = reduceInput(this, 'prod', options);
    return reduceWith(x, PROD, dim, keepdim, isFloating(x.dtype) ? x.dtype : 'int32');
  }
  /** The largest element; with `dim`, the values and first indices along it. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  max(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return this.reduceAll(MAX, 'max');
    return extremeAlong(this, 1, dim, keepdim);
  }
  /** The smallest element; with `dim`, the values and first indices along it. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  min(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    if (dim === undefined) return this.reduceAll(MIN, 'min');
    return extremeAlong(this, -1, dim, keepdim);
  }
  /** Maximum over `dim` (a number or list) without indices, as torch.amax. */
  amax(dim?: number | readonly number[], keepdim = false): Tensor {
    checkNonEmptyReduction(this, 'amax', dim);
    return reduceWith(this, MAX, dim, keepdim, this.dtype);
  }
  /** Minimum over `dim` (a number or list) without indices, as torch.amin. */
  amin(dim?: number | readonly number[], keepdim = false): Tensor {
    checkNonEmptyReduction(this, 'amin', dim);
    return reduceWith(this, MIN, dim, keepdim, this.dtype);
  }
  private reduceAll(reducer: typeof MAX, name: string): Tensor {
    checkNonEmptyReduction(this, name, undefined);
    return reduceWith(this, reducer, undefined, false, this.dtype);
  }
  /**
   * Index of the first maximum along `dim`, or in the flattened tensor when `dim` is omitted
   * (with `keepdim`, shaped as all ones then).
   */
  argmax(dim?: number, keepdim = false): Tensor {
    return this.argExtreme(1, dim, keepdim);
  }
  /** Index of the first minimum along `dim`, or in the flattened tensor when `dim` is omitted. */
  argmin(dim?: number, keepdim = false): Tensor {
    return this.argExtreme(-1, dim, keepdim);
  }
  private argExtreme(sign: 1 | -1, dim: number | undefined, keepdim: boolean): Tensor {
    const name = sign > 0 ? 'argmax' : 'argmin';
    checkNotBool(this, `${name}_cpu`);
    if (dim !== undefined) return extremeAlong(this, sign, dim, keepdim, name).indices;
    if (this.numel() === 0) throw new RangeError(`${name}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const flat = extremeAlong(this.reshape([-1]), sign, 0, false, name).indices;
    return keepdim ? flat.reshape(this.shape.map(() => 1)) : flat;
  }
  /** Variance with `correction` (default 1) over all elements or `dim`. */
  var(dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    checkOptions('var', options, ['correction', 'keepdim']);
    const { correction = 1, keepdim = false } = options;
    checkVarDType(this);
    const dims = reductionDims(this, dim);
    const n = sizeOf(dims.map((d) => this.shape[d] ?? 1));
    const centred = this.sub(this.mean(dims, true));
    return centred.mul(centred).sum(dims, keepdim).div(Math.max(0, n - correction));
  }
  /** Standard deviation with `correction` (default 1). */
  std(dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    return this.var(dim, options).sqrt();
  }
  /**
   * The p-norm over all elements or `dim`: p = 2 (default), 1, Infinity (max |x|, 0 when empty),
   * −Infinity (min |x|), 0 (count of non-zeros) or any other positive p. Floating dtypes only.
   */
  norm(p: number = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    checkNormDType(this);
    if (p === 2) return this.mul(this).sum(dim, keepdim).sqrt();
    if (p === 1) return this.abs().sum(dim, keepdim);
    if (p === Infinity) return reduceWith(this.abs(), ABS_MAX, dim, keepdim, this.dtype);
    if (p === -Infinity) return this.abs().amin(dim, keepdim);
    if (p === 0) return this.ne(0).sum(dim, keepdim).to(this.dtype);
    if (!(p > 0)) throw new RangeError(`norm: p must be non-negative or ±Infinity, got ${p}`);
    return this.abs().pow(p).sum(dim, keepdim).pow(1 / p);
  }
  /** log Σ exp over `dim`, computed stably (the maximum is subtracted first). */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    const dims = reductionDims(this, dim);
    // Integer and bool inputs give float32, as PyTorch's.
    const x = isFloating(this.dtype) ? this : this.to('float32');
    const shift = x.stableShift(dims);
    const out = x.sub(shift).exp().sum(dims, true).log().add(shift);
    return keepdim ? out : out.reshape(reducedShape(this.shape, dims, false));
  }
  /** exp(x) / Σ exp(x) along `dim`, computed stably. */
  softmax(dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    checkSoftmaxDType(this, d, false);
    const e = this.sub(this.stableShift([d])).exp();
    return e.div(e.sum(d, true));
  }
  /** x − logsumexp(x) along `dim`, computed stably. */
  logSoftmax(dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    checkSoftmaxDType(this, d, true);
    const shifted = this.sub(this.stableShift([d]));
    return shifted.sub(shifted.exp().sum(d, true).log());
  }
  /** The per-group maximum as a constant (infinite maxima replaced by 0, as PyTorch). */
  private stableShift(dims: readonly number[]): Tensor {
    const m = reduceWith(this, MAX, dims, true, isFloating(this.dtype) ? this.dtype : 'float32');
    const data = m.storage.data;
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) data[i] = 0;
    return new Tensor(m.storage, m.shape, m.strides, 0, m.dtype);
  }
  /** Cumulative sum along `dim`. */
  cumsum(dim: number): Tensor {
    return scanAlong(this, add, dim, isFloating(this.dtype) ? this.dtype : 'int32');
  }
  /** True where every element (over all, or over `dim`) is non-zero; a bool tensor. */
  all(dim?: number, keepdim = false, ...extra: never[]): Tensor {
    checkArity('all', 2, extra);
    if (dim !== undefined) intArg('all', 'dim', dim);
    return reduceWith(this, { init: 1, step: (a, x) => (a && truthy(x) ? 1 : 0) }, dim, keepdim, 'bool');
  }
  /** True where some element (over all, or over `dim`) is non-zero; a bool tensor. */
  any(dim?: number, keepdim = false, ...extra: never[]): Tensor {
    checkArity('any', 2, extra);
    if (dim !== undefined) intArg('any', 'dim', dim);
    return reduceWith(this, { init: 0, step: (a, x) => (a || truthy(x) ? 1 : 0) }, dim, keepdim, 'bool');
  }

  // ---------------------------------------------------------------- linear algebra

  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return mm(this, other);
  }
  bmm(other: Tensor): Tensor {
    return bmm(this, other);
  }
  dot(other: Tensor): Tensor {
    return dot(this, other);
  }
  outer(other: Tensor): Tensor {
    return outer(this, other);
  }

  // ---------------------------------------------------------------- views and shape

  /** A view with a new shape when the strides allow it, else a copy. One size may be −1. */
  reshape(...shape: IntList[]): Tensor {
    const target = this.inferShape(intListArg('reshape', 'shape', shape));
    const strides = viewStrides(this.shape, this.strides, target);
    return strides ? this.view_(target, strides) : this.contiguous().view(target);
  }
  /** A view with a new shape; fails when the strides do not allow it (use reshape). */
  view(...shape: IntList[]): Tensor {
    const target = this.inferShape(intListArg('view', 'size', shape));
    const strides = viewStrides(this.shape, this.strides, target);
    if (!strides) {
      throw new RangeError(
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
      );
    }
    return this.view_(target, strides);
  }
  private inferShape(shape: readonly number[]): number[] {
    if (!isShapeArray(shape)) throw new TypeError(`reshape: shape must be an array of sizes, got ${String(shape)}`);
    const n = this.numel();
    const free = shape.filter((d) => d === -1).length;
    if (free > 1) throw new RangeError(`only one dimension can be inferred, got shape [${shape.join(', ')}]`);
    const bad = shape.find((d) => !Number.isInteger(d) || d < -1);
    if (bad !== undefined) throw new RangeError(`invalid shape dimension ${bad}`);
    const known = shape.reduce((a, d) => (d === -1 ? a : a * d), 1);
    if (free === 1 && known === 0) {
      throw new RangeError(
        `cannot reshape tensor of 0 elements into shape [${shape.join(', ')}] because the unspecified dimension size -1 can be any value and is ambiguous`,
      );
    }
    const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : n / known) : d));
    if (out.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(out) !== n) {
      throw new RangeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${n}`);
    }
    return out;
  }
  /** Reorders the dimensions. */
  permute(...dimsArg: IntList[]): Tensor {
    const dims = intListArg('permute', 'dims', dimsArg);
    if (dims.length !== this.ndim) {
      throw new RangeError(
        `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${this.ndim} is not equal to len(dims) = ${dims.length}`,
      );
    }
    const order = dims.map((d) => normalizeDim(d, this.ndim));
    if (new Set(order).size !== order.length) throw new RangeError(`permute(): duplicate dims are not allowed, got dims [${dims.join(', ')}].`);
    return this.view_(order.map((d) => this.shape[d] as number), order.map((d) => this.strides[d] as number));
  }
  /** Swaps two dimensions. */
  transpose(dim0: number, dim1: number): Tensor {
    const a = normalizeDim(dim0, this.ndim);
    const b = normalizeDim(dim1, this.ndim);
    if (this.ndim === 0) return this.view_([], []);
    const order = this.shape.map((_, i) => (i === a ? b : i === b ? a : i));
    return this.permute(order);
  }
  /** Transpose of a ≤2-D tensor. */
  t(): Tensor {
    if (this.ndim > 2) throw new RangeError(`t() expects a tensor with <= 2 dimensions, but self is ${this.ndim}D`);
    return this.ndim < 2 ? this.view_(this.shape, this.strides) : this.transpose(0, 1);
  }
  /** All dimensions reversed (PyTorch's `.T`). */
  get T(): Tensor {
    return this.permute(this.shape.map((_, i) => this.ndim - 1 - i));
  }
  /** The last two dimensions swapped (`.mT`). */
  get mT(): Tensor {
    if (this.ndim < 2) throw new RangeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${this.ndim}-D tensor.`);
    return this.transpose(-2, -1);
  }
  /** Broadcasts size-1 dimensions to `shape` without copying (−1 keeps a size). */
  expand(...sizes: IntList[]): Tensor {
    const shape = intListArg('expand', 'size', sizes);
    if (shape.length < this.ndim) {
      throw new RangeError(
        `expand(torch.${scalarTypeName(this.dtype)}Tensor{[${this.shape.join(', ')}]}, size=[${shape.join(', ')}]): the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${this.ndim})`,
      );
    }
    const lead = shape.length - this.ndim;
    const strides: number[] = [];
    const out = shape.map((size, i) => {
      const j = i - lead;
      const own = j >= 0 ? (this.shape[j] as number) : 1;
      if (j < 0 && size === -1) {
        throw new RangeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      }
      const target = size === -1 ? own : size;
      if (j >= 0 && own !== target && own !== 1) {
        throw new RangeError(
          `The expanded size of the tensor (${target}) must match the existing size (${own}) at non-singleton dimension ${i}.  Target sizes: [${shape.join(', ')}].  Tensor sizes: [${this.shape.join(', ')}]`,
        );
      }
      strides.push(j < 0 || own !== target ? 0 : (this.strides[j] as number));
      return target;
    });
    return this.view_(out, strides);
  }
  /** Expands to another tensor's shape. */
  expandAs(other: Tensor): Tensor {
    return this.expand(other.shape);
  }
  /** Inserts a size-1 dimension at `dim`. */
  unsqueeze(dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim + 1);
    const shape = [...this.shape];
    const strides = [...this.strides];
    shape.splice(d, 0, 1);
    strides.splice(d, 0, d < this.ndim ? (this.strides[d] as number) * (this.shape[d] as number) : 1);
    return this.view_(shape, strides);
  }
  /** Removes size-1 dimensions: all, or those of `dim` (a dim or a list of dims) that have size 1. */
  squeeze(dim?: number | readonly number[]): Tensor {
    if (Array.isArray(dim)) {
      const ds = normalizeDims(intListArg('squeeze', 'dim', [dim]), this.ndim);
      const keep = this.shape.map((s, i) => (s === 1 && ds.includes(i) ? -1 : i)).filter((i) => i >= 0);
      return this.view_(keep.map((i) => this.shape[i] as number), keep.map((i) => this.strides[i] as number));
    }
    if (dim === undefined) {
      const keep = this.shape.map((s, i) => (s === 1 ? -1 : i)).filter((i) => i >= 0);
      return this.view_(keep.map((i) => this.shape[i] as number), keep.map((i) => this.strides[i] as number));
    }
    const d = normalizeDim(intArg('squeeze', 'dim', dim), this.ndim);
    if (this.ndim === 0) return this.view_([], []);
    if (this.shape[d] !== 1) return this.view_(this.shape, this.strides);
    return this.view_(this.shape.filter((_, i) => i !== d), this.strides.filter((_, i) => i !== d));
  }
  /** The view of `length` entries along `dim` starting at `start`. */
  narrow(dim: number, start: number, length: number): Tensor {
    if (this.ndim === 0) throw new RangeError('narrow() cannot be applied to a 0-dim tensor.');
    const d = normalizeDim(dim, this.ndim);
    const size = this.shape[d] as number;
    const s = start < 0 ? start + size : start;
    if (!(s >= 0 && s <= size)) throw new RangeError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
    if (!(length >= 0 && s + length <= size)) throw new RangeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
    const shape = [...this.shape];
    shape[d] = length;
    return this.view_(shape, this.strides, this.offset + s * (this.strides[d] as number));
  }
  /**
   * Python's `t[..., start:end:step, ...]` on one dimension, as a view. Omitted bounds default to
   * the whole dimension; negative bounds count from the end; `step` must be positive.
   *
   * @example
   * x.slice(1, 0, undefined, 2); // x[:, ::2]
   */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice step must be positive, got ${step}`);
    const d = normalizeDim(dim, this.ndim);
    const size = this.shape[d] as number;
    const clampIndex = (v: number | undefined, dflt: number): number => {
      if (v === undefined) return dflt;
      const w = v < 0 ? v + size : v;
      return Math.min(Math.max(w, 0), size);
    };
    const s = clampIndex(start, 0);
    const e = Math.max(clampIndex(end, size), s);
    const shape = [...this.shape];
    const strides = [...this.strides];
    shape[d] = Math.ceil((e - s) / step);
    strides[d] = (this.strides[d] as number) * step;
    return this.view_(shape, strides, this.offset + s * (this.strides[d] as number));
  }
  /** The entry `index` along `dim`, removing that dimension (Python's `t[:, i]`). */
  select(dim: number, index: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    const size = this.shape[d] as number;
    if (index < -size || index >= size) {
      throw new RangeError(`select(): index ${index} out of range for tensor of size [${this.shape.join(', ')}] at dimension ${d}`);
    }
    return this.narrow(d, index < 0 ? index + size : index, 1).squeeze(d);
  }
  /** Merges dims startDim … endDim into one. */
  flatten(startDim = 0, endDim = -1): Tensor {
    const s = normalizeDim(startDim, this.ndim);
    const e = normalizeDim(endDim, this.ndim);
    if (this.ndim === 0) return this.reshape([1]);
    if (s > e) throw new RangeError(`flatten() has invalid args: start_dim cannot come after end_dim, got start_dim=${startDim}, end_dim=${endDim}`);
    const shape = [...this.shape.slice(0, s), sizeOf(this.shape.slice(s, e + 1)), ...this.shape.slice(e + 1)];
    return this.reshape(shape);
  }
  /** Reverses the order of elements along `dims` (a copy, as PyTorch). */
  flip(...dimsArg: IntList[]): Tensor {
    const ds = normalizeDims(intListArg('flip', 'dims', dimsArg), this.ndim);
    if (this.ndim === 0) return this.clone();
    let offset = this.offset;
    const strides = [...this.strides];
    for (const d of ds) {
      offset += ((this.shape[d] as number) - 1) * (strides[d] as number);
      strides[d] = -(strides[d] as number);
    }
    return this.view_(this.shape, strides, this.shape.some((s) => s === 0) ? this.offset : offset).clone();
  }
  /** This tensor when contiguous, else a contiguous copy. */
  contiguous(): Tensor {
    return this.isContiguous() ? this : this.clone();
  }
  /** A contiguous copy with its own storage. */
  clone(): Tensor {
    const out = allocate(this.dtype, this.numel());
    gatherContiguous(this.shape, operandOf(this), out);
    return this._make(new Storage(out), [...this.shape], contiguousStrides(this.shape), 0, this.dtype);
  }
  /** `to('float32')`. */
  float(): Tensor {
    return this.to('float32');
  }
  /** `to('float64')`. */
  double(): Tensor {
    return this.to('float64');
  }
  /** `to('int32')` (truncates toward zero). */
  int(): Tensor {
    return this.to('int32');
  }
  /** `to('bool')` (non-zero is true). */
  bool(): Tensor {
    return this.to('bool');
  }
  /** Without an argument, PyTorch's type name (`'torch.FloatTensor'`); with a dtype, `to(dtype)`. */
  type(): string;
  type(dtype: DType): Tensor;
  type(dtype?: DType): string | Tensor {
    if (dtype === undefined) return `torch.${scalarTypeName(this.dtype)}Tensor`;
    return this.to(dtype);
  }
  /** A copy converted to `dtype` (this tensor itself when the dtype already matches). */
  to(dtype: DType): Tensor {
    checkDType(dtype, 'to');
    if (dtype === this.dtype) return this;
    // Storing into an Int32Array truncates toward zero already; a bool is "non-zero" (NaN included).
    return unary(this, dtype === 'bool' ? (x) => (x !== 0 ? 1 : 0) : (x) => x, 'same', dtype);
  }

  // ---------------------------------------------------------------- indexing and joining

  gather(dim: number, index: Tensor): Tensor {
    return gather(this, dim, index);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexSelect(this, dim, index);
  }
  /** A copy with `value` where `mask` (bool) is true; the result has the broadcast shape of both. */
  maskedFill(mask: Tensor, value: number): Tensor {
    return maskedFill(this, mask, value);
  }
  /** `this` where `condition` holds, else `other` (PyTorch's `x.where(cond, y)`). */
  where(condition: Tensor, other: Tensor | number): Tensor {
    return where(condition, this, other);
  }
  split(sizes: number | readonly number[], dim = 0): Tensor[] {
    return split(this, sizes, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return chunk(this, chunks, dim);
  }

  // ---------------------------------------------------------------- element-wise math and iteration (ops/math.ts)

  /** tan x. */
  tan(): Tensor {
    return unary(this, Math.tan, 'float');
  }
  /** arcsin x (NaN outside [−1, 1]). */
  asin(): Tensor {
    return unary(this, Math.asin, 'float');
  }
  /** arccos x (NaN outside [−1, 1]). */
  acos(): Tensor {
    return unary(this, Math.acos, 'float');
  }
  /** arctan x. */
  atan(): Tensor {
    return unary(this, Math.atan, 'float');
  }
  /** sinh x. */
  sinh(): Tensor {
    return unary(this, Math.sinh, 'float');
  }
  /** cosh x. */
  cosh(): Tensor {
    return unary(this, Math.cosh, 'float');
  }
  /** arsinh x. */
  asinh(): Tensor {
    return unary(this, Math.asinh, 'float');
  }
  /** arcosh x (NaN below 1). */
  acosh(): Tensor {
    return unary(this, Math.acosh, 'float');
  }
  /** artanh x (NaN outside [−1, 1]). */
  atanh(): Tensor {
    return unary(this, Math.atanh, 'float');
  }
  /** The error function. */
  erf(): Tensor {
    return unary(this, erfScalar, 'float');
  }
  /** 2ˣ. */
  exp2(): Tensor {
    return unary(this, (x) => Math.pow(2, x), 'float');
  }
  /** log₂ x. */
  log2(): Tensor {
    return unary(this, Math.log2, 'float');
  }
  /** log₁₀ x. */
  log10(): Tensor {
    return unary(this, Math.log10, 'float');
  }
  /** Rounds toward zero (ints unchanged). */
  trunc(): Tensor {
    checkNotBool(this, 'trunc_vml_cpu');
    return unary(this, Math.trunc);
  }
  /** True where the element is NaN. */
  isnan(): Tensor {
    return unary(this, (x) => (Number.isNaN(x) ? 1 : 0), 'same', 'bool');
  }
  /** True where the element is ±∞. */
  isinf(): Tensor {
    return unary(this, (x) => (x === Infinity || x === -Infinity ? 1 : 0), 'same', 'bool');
  }
  /** True where the element is neither NaN nor ±∞. */
  isfinite(): Tensor {
    return unary(this, (x) => (Number.isFinite(x) ? 1 : 0), 'same', 'bool');
  }
  /** Python's modulus `this % other` (the sign of the divisor), broadcasting; int ÷ 0 throws. */
  remainder(other: Tensor | number): Tensor {
    return binary(this, other, remainderFn(commonDType(this, other)));
  }
  /** C's fmod (the sign of the dividend), broadcasting; int ÷ 0 throws. */
  fmod(other: Tensor | number): Tensor {
    return binary(this, other, fmodFn(commonDType(this, other)));
  }
  /** |this| with the sign of `other` (a float result). */
  copysign(other: Tensor | number): Tensor {
    return binary(this, other, copysign, 'float');
  }
  /** log(eᵃ + eᵇ), computed without overflow (floating dtypes only). */
  logaddexp(other: Tensor | number): Tensor {
    const common = commonDType(this, other);
    if (!isFloating(common)) throw notImplemented('logaddexp_cpu', common);
    return binary(this, other, logaddexp);
  }
  /** `this // other`: division rounded toward −∞ (`div` with `roundingMode: 'floor'`). */
  floorDivide(other: Tensor | number): Tensor {
    return this.div(other, { roundingMode: 'floor' });
  }
  /** `this + weight · (end − this)`, broadcasting all three (torch.lerp). */
  lerp(end: Tensor, weight: Tensor | number): Tensor {
    checkLerpDTypes(this, end, weight);
    const both = broadcastShapes(this.shape, end.shape);
    const shape = typeof weight === 'number' ? both : broadcastShapes(both, weight.shape);
    return this.expand(shape).clone().lerp_(end, weight);
  }
  /** Element-wise `|this − other| ≤ atol + rtol·|other|` (bool), as torch.isclose. */
  isclose(other: Tensor | number, options: IsCloseOptions = {}): Tensor {
    checkOptions('isclose', options, ['rtol', 'atol', 'equalNan']);
    const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
    return binary(this, other, isCloseFn(rtol, atol, equalNan), 'bool');
  }
  /** Alias of {@link Tensor.clamp} (torch.clip). */
  clip(min?: number, max?: number): Tensor {
    return this.clamp(min, max);
  }
  /** Alias of {@link Tensor.clamp_} (torch.clip_). */
  clip_(min?: number, max?: number): this {
    return this.clamp_(min, max);
  }
  /** Bitwise and (int32 and bool). */
  bitwiseAnd(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'bitwise_and_cpu');
    return binary(this, other, bitwiseAnd);
  }
  /** Bitwise or (int32 and bool). */
  bitwiseOr(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'bitwise_or_cpu');
    return binary(this, other, bitwiseOr);
  }
  /** Bitwise xor (int32 and bool). */
  bitwiseXor(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'bitwise_xor_cpu');
    return binary(this, other, bitwiseXor);
  }
  /** Bitwise not (int32: ~x; bool: logical not). */
  bitwiseNot(): Tensor {
    checkBitwise(this.dtype, 'bitwise_not_cpu');
    return unary(this, this.dtype === 'bool' ? (x) => (x !== 0 ? 0 : 1) : (x) => ~x);
  }
  /** `this << other` on int32 (torch.bitwise_left_shift). */
  bitwiseLeftShift(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'lshift_cpu', false);
    return binary(this, other, leftShift);
  }
  /** `this >> other` (arithmetic) on int32 (torch.bitwise_right_shift). */
  bitwiseRightShift(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'rshift_cpu', false);
    return binary(this, other, rightShift);
  }
  /** The views along `dim` (default 0), each without that dim (torch.unbind). */
  unbind(dim = 0): Tensor[] {
    if (this.ndim === 0) throw new RangeError('Dimension specified as 0 but tensor has no dimensions');
    const d = normalizeDim(dim, this.ndim);
    return Array.from({ length: this.shape[d] as number }, (_, i) => this.select(d, i));
  }
  /**
   * Iterates over the first dimension (`for (const row of t)`), as a Python loop over a tensor. A
   * 0-d tensor is not iterable (a TypeError, as PyTorch's "iteration over a 0-d tensor"): the
   * iterator is then absent rather than throwing, so that generic code (deep equality in tests)
   * that probes `t[Symbol.iterator]` treats it as a plain object.
   *
   * @example
   * for (const row of tensor([[1, 2], [3, 4]])) row.sum();
   */
  get [Symbol.iterator](): () => IterableIterator<Tensor> {
    if (this.ndim === 0) return undefined as unknown as () => IterableIterator<Tensor>;
    return function* rows(this: Tensor): IterableIterator<Tensor> {
      const n = this.shape[0] as number;
      for (let i = 0; i < n; i++) yield this.select(0, i);
    };
  }

  // ---------------------------------------------------------------- shape, cumulative, sorting and scatter ops of issue 20

  /**
   * The tensor tiled `sizes[i]` times along each dim (torch.Tensor.repeat); extra leading sizes add dims.
   *
   * @example
   * tensor([1, 2]).repeat(2, 2); // [[1, 2, 1, 2], [1, 2, 1, 2]]
   */
  repeat(...sizes: IntList[]): Tensor {
    return repeat(this, intListArg('repeat', 'repeats', sizes));
  }
  /** Elements shifted by `shifts` along `dims`, wrapping around (over the flattened tensor without dims). */
  roll(shifts: IntList, dims: IntList = []): Tensor {
    return roll(this, intListArg('roll', 'shifts', [shifts]), intListArg('roll', 'dims', [dims]));
  }
  /** Windows of `size` elements every `step` along `dim`, as a new last dim (Tensor.unfold; a copy here). */
  unfold(dim: number, size: number, step: number): Tensor {
    return unfold(this, intArg('unfold', 'dimension', dim), intArg('unfold', 'size', size), intArg('unfold', 'step', step));
  }
  /** Each element repeated `repeats` times (a number or an int32 tensor per element) along `dim`, or flattened. */
  repeatInterleave(repeats: number | Tensor, dim?: number): Tensor {
    return repeatInterleave(this, repeats, dim);
  }
  /** Dim `dim` split into `sizes` (one may be −1). */
  unflatten(dim: number, sizes: readonly number[]): Tensor {
    return unflatten(this, dim, sizes);
  }
  /** The lower triangle of the last two dims (j − i ≤ diagonal); the rest set to 0. */
  tril(diagonal = 0): Tensor {
    return triangle(this, diagonal, true);
  }
  /** The upper triangle of the last two dims (j − i ≥ diagonal); the rest set to 0. */
  triu(diagonal = 0): Tensor {
    return triangle(this, diagonal, false);
  }
  /** The entries (i, i + offset) of dims dim1 and dim2, as a new last dim (torch.diagonal; a copy here). */
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor {
    return diagonal(this, offset, dim1, dim2);
  }
  /** A 1-d tensor as a diagonal matrix, or the diagonal of a matrix (torch.diag). */
  diag(diagonal = 0): Tensor {
    return diag(this, diagonal);
  }
  /** Running maximum along `dim` and the index where it was reached. */
  cummax(dim: number): { values: Tensor; indices: Tensor } {
    return cumulativeExtreme(this, dim, 1);
  }
  /** Running minimum along `dim` and the index where it was reached. */
  cummin(dim: number): { values: Tensor; indices: Tensor } {
    return cumulativeExtreme(this, dim, -1);
  }
  /** Cumulative product along `dim` (ints give int32). */
  cumprod(dim: number): Tensor {
    return scanWith(this, dim, cumprodStep(this.dtype), null);
  }
  /** log Σ exp of the prefixes along `dim`, computed stably (floating dtypes). */
  logcumsumexp(dim: number): Tensor {
    return scanWith(this, dim, logcumsumexpStep, 'logcumsumexp');
  }
  /** `[std, mean]` over `dim` in one call (torch.std_mean), with `var`'s options. */
  stdMean(dim?: number | readonly number[], options: VarOptions = {}): [Tensor, Tensor] {
    const { keepdim = false } = options;
    return [this.std(dim, options), this.mean(dim, keepdim)];
  }
  /** Values sorted along `dim` (default −1) and their original indices; stable, NaN last. */
  sort(dim = -1, descending = false): { values: Tensor; indices: Tensor } {
    const indices = sortIndices(this, dim, descending);
    return { values: this.ndim === 0 ? this.clone() : this.gather(dim, indices), indices };
  }
  /** The indices that sort along `dim` (default −1). */
  argsort(dim = -1, descending = false): Tensor {
    return sortIndices(this, dim, descending);
  }
  /** The `k` largest (or smallest) values along `dim` (default −1), sorted, with their indices. */
  topk(k: number, dim = -1, largest = true): { values: Tensor; indices: Tensor } {
    const d = checkTopk(this, k, dim);
    const indices = sortIndices(this, d, largest, k);
    return { values: this.ndim === 0 ? this.clone() : this.gather(d, indices), indices };
  }
  /** A copy with `src` values (or `value`) written at `index` along `dim` (torch.scatter). */
  scatter(dim: number, index: Tensor, src: Tensor | number): Tensor {
    return scatter(this, dim, index, src);
  }
  /** A copy where the `src` values sent to one place by `index` are combined with `reduce` (torch.scatter_reduce). */
  scatterReduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, options: ScatterReduceOptions = {}): Tensor {
    checkOptions('scatter_reduce', options, ['includeSelf']);
    return scatterReduce(this, dim, index, src, reduce, options.includeSelf ?? true);
  }
  /** The int32 coordinates `[n, ndim]` of the non-zero elements (torch.nonzero). */
  nonzero(): Tensor {
    return nonzero(this);
  }
  /** The elements where `mask` (bool, broadcast) is true, as a 1-d tensor. */
  maskedSelect(mask: Tensor): Tensor {
    return maskedSelect(this, mask);
  }

  // ---------------------------------------------------------------- indexing as Python's x[...] (ops/index.ts)

  /**
   * Python's `x[items]`: ints (negative from the end), `slice(start, stop, step)`, `null` (new
   * axis), `'...'`, int lists and int32 or bool tensors (advanced indexing, PyTorch's placement of
   * the broadcast dims). Basic items give views; advanced ones a copy.
   *
   * @example
   * x.index([0, slice(1, null, 2), null, '...']); // x[0, 1::2, None, ...]
   */
  index(items: readonly IndexItem[]): Tensor {
    return index(this, items);
  }
  /**
   * {@link Tensor.index} with the items as varargs: `x.at(0, slice(1, null, 2), null, '...')`.
   *
   * @example
   * x.at(tensor([0, 2], { dtype: 'int32' }), slice()); // x[[0, 2], :]
   */
  at(...items: IndexItem[]): Tensor {
    return index(this, items);
  }
  /** `x[items] = values` in place (values broadcast; `accumulate` adds), as torch's index_put_. */
  indexPut_(items: readonly IndexItem[], values: Tensor | number, accumulate = false): this {
    return indexPutInPlace(this, items, values, accumulate) as this;
  }
  /** A copy of this tensor with `values` written at `items` (torch.index_put). */
  indexPut(items: readonly IndexItem[], values: Tensor | number, accumulate = false): Tensor {
    return indexPutInPlace(this.clone(), items, values, accumulate);
  }

  // ---------------------------------------------------------------- out to JS

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel() !== 1) throw new RangeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    return this.storage.data[this.offset] as number;
  }
  /** The values as nested arrays (a number for a 0-d tensor; bools as 0/1). */
  tolist(): NestedArray {
    const flat = this.contiguous().toTypedArray();
    if (this.ndim === 0) return flat[0] as number;
    const build = (dim: number, base: number): NestedArray[] => {
      const size = this.shape[dim] as number;
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: size }, (_, i) =>
        dim === this.ndim - 1 ? (flat[base + i] as number) : build(dim + 1, base + i * stride),
      );
    };
    return build(0, 0);
  }
  /** A fresh contiguous typed array of the values (row-major). */
  toTypedArray(): TypedArray {
    const out = allocate(this.dtype, this.numel());
    gatherContiguous(this.shape, operandOf(this), out);
    return out;
  }
  /** True when both tensors have the same shape and values. */
  equal(other: Tensor): boolean {
    if (this.ndim !== other.ndim || this.shape.some((s, i) => s !== other.shape[i])) return false;
    const a = this.toTypedArray();
    const b = other.toTypedArray();
    return a.every((v, i) => v === b[i]);
  }
  /** `|this − other| ≤ atol + rtol·|other|` everywhere (broadcasting). */
  allclose(other: Tensor, rtol = 1e-5, atol = 1e-8): boolean {
    const ok = binary(this.to('float64'), other.to('float64'), (x, y) => (Math.abs(x - y) <= atol + rtol * Math.abs(y) || x === y ? 1 : 0), 'bool');
    return ok.toTypedArray().every((v) => v === 1);
  }
  /** PyTorch-style printout. */
  toString(): string {
    return formatTensor(Array.from(this.contiguous().toTypedArray()), this.shape, this.dtype, this.printSuffix());
  }
  /**
   * String conversion prints the tensor (`${t}`, `String(t)`); numeric conversion throws. A
   * tensor used as a JavaScript number (`2 * t`, `t + 1`, `t < 0`) would silently be NaN.
   *
   * @example
   * `${tensor([1, 2])}`; // 'tensor([1., 2.])'
   * 2 * tensor([1]);     // TypeError: use t.mul(2) … or t.item()
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError(
      `a Tensor cannot be used as a JavaScript ${hint === 'number' ? 'number' : 'primitive'} (the result would be NaN): ` +
        'use tensor methods for arithmetic (t.mul(2), t.add(1), t.lt(0)), t.item() for the number in a one-element tensor, ' +
        'or String(t) to print it',
    );
  }
  /** @internal Extra `key=value` parts of the printout (autograd adds requires_grad / grad_fn). */
  protected printSuffix(): string[] {
    return [];
  }
}


/** Shape check helper for creation functions. */
export function validShape(shape: readonly number[], where: string): number[] {
  return checkShape(shape, where);
}
