/**
 * Tensor methods: in-place element-wise ops (the methods ending in `_`); each returns `this`.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { checkNumberArg } from '../arguments';
import { castScalar, notImplemented, scalarTypeName } from '../dtype';
import { add, div, maximum, minimum, mul, sub } from '../kernels/arithmetic';
import { broadcastOperand, mapTernary, operandOf } from '../kernels/elementwise';
import { binaryInPlace, canCast, checkCastable, checkInPlaceShape, commonDType } from '../ops/binary';
import { checkAddcdivDTypes, checkLerpDTypes, checkNegatable, checkNotBool, checkPow, checkReluable, checkSubtractable } from '../ops/dtype-support';
import { checkMask } from '../ops/indexing';
import { divMode, roundingDivFn } from '../ops/rounding-div';
import type { DivOptions } from '../ops/rounding-div';
import { clampDType, clampFn, sigmoidScalar, unaryInPlace } from '../ops/unary';
import { resultType } from '../result-type';
import { pow, relu, sign } from './scalar-fns';
import { installMethods } from './method-group';

/** In-place element-wise ops (the methods ending in `_`); each returns `this`. Part of {@link Tensor}. */
export interface TensorInPlace {
  add_(other: Tensor | number): this;
  sub_(other: Tensor | number): this;
  mul_(other: Tensor | number): this;
  div_(other: Tensor | number, options?: DivOptions): this;
  pow_(exponent: Tensor | number): this;
  maximum_(other: Tensor | number): this;
  minimum_(other: Tensor | number): this;
  neg_(): this;
  abs_(): this;
  exp_(): this;
  log_(): this;
  sqrt_(): this;
  tanh_(): this;
  sigmoid_(): this;
  log1p_(): this;
  expm1_(): this;
  rsqrt_(): this;
  reciprocal_(): this;
  sin_(): this;
  cos_(): this;
  sign_(): this;
  floor_(): this;
  ceil_(): this;
  relu_(): this;
  clamp_(min?: number, max?: number): this;
  /** Sets every element to `value`. */
  fill_(value: number): this;
  /** Sets every element to 0. */
  zero_(): this;
  /** Copies `src` (broadcast to this shape, any dtype) into this tensor. */
  copy_(src: Tensor): this;
  /** `this += value · t1 · t2` (t1 and t2 broadcast to this shape). */
  addcmul_(t1: Tensor, t2: Tensor, value?: number): this;
  /** `this += value · t1 / t2` (t1 and t2 broadcast to this shape; not both integer). */
  addcdiv_(t1: Tensor, t2: Tensor, value?: number): this;
  /** `this += weight · (end − this)`; `weight` is a number or a tensor (broadcast), as torch.lerp. */
  lerp_(end: Tensor, weight: Tensor | number): this;
  /** Writes `value` where `mask` (bool, broadcast to this shape) is true. Allocates nothing. */
  maskedFill_(mask: Tensor, value: number): this;
  /** Alias of {@link Tensor.clamp_} (torch.clip_). */
  clip_(min?: number, max?: number): this;
}

installMethods<TensorInPlace>(Tensor.prototype, {
  add_(other: Tensor | number): Tensor {
    return binaryInPlace(this, other, add);
  },
  sub_(other: Tensor | number): Tensor {
    checkSubtractable(this, other);
    return binaryInPlace(this, other, sub);
  },
  mul_(other: Tensor | number): Tensor {
    return binaryInPlace(this, other, mul);
  },
  div_(other: Tensor | number, options?: DivOptions): Tensor {
    const mode = divMode(options, 'div_');
    if (mode === null) return binaryInPlace(this, other, div, 'float');
    return binaryInPlace(this, other, roundingDivFn(mode, commonDType(this, other)));
  },
  pow_(exponent: Tensor | number): Tensor {
    const common = commonDType(this, exponent);
    checkPow(common, exponent);
    // pow_ with a number checks the dtype in its own words.
    if (typeof exponent === 'number' && common !== this.dtype && !canCast(common, this.dtype)) {
      throw new TypeError(`Found dtype ${scalarTypeName(this.dtype)} but expected ${scalarTypeName(common)}`);
    }
    return binaryInPlace(this, exponent, pow);
  },
  maximum_(other: Tensor | number): Tensor {
    return binaryInPlace(this, other, maximum);
  },
  minimum_(other: Tensor | number): Tensor {
    return binaryInPlace(this, other, minimum);
  },
  neg_(): Tensor {
    checkNegatable(this);
    return unaryInPlace(this, (x) => -x);
  },
  abs_(): Tensor {
    checkNotBool(this, 'abs_cpu');
    return unaryInPlace(this, Math.abs);
  },
  exp_(): Tensor {
    return unaryInPlace(this, Math.exp, 'float');
  },
  log_(): Tensor {
    return unaryInPlace(this, Math.log, 'float');
  },
  sqrt_(): Tensor {
    return unaryInPlace(this, Math.sqrt, 'float');
  },
  tanh_(): Tensor {
    return unaryInPlace(this, Math.tanh, 'float');
  },
  sigmoid_(): Tensor {
    return unaryInPlace(this, sigmoidScalar, 'float');
  },
  log1p_(): Tensor {
    return unaryInPlace(this, Math.log1p, 'float');
  },
  expm1_(): Tensor {
    return unaryInPlace(this, Math.expm1, 'float');
  },
  rsqrt_(): Tensor {
    return unaryInPlace(this, (x) => 1 / Math.sqrt(x), 'float');
  },
  reciprocal_(): Tensor {
    return unaryInPlace(this, (x) => 1 / x, 'float');
  },
  sin_(): Tensor {
    return unaryInPlace(this, Math.sin, 'float');
  },
  cos_(): Tensor {
    return unaryInPlace(this, Math.cos, 'float');
  },
  sign_(): Tensor {
    return unaryInPlace(this, sign);
  },
  floor_(): Tensor {
    checkNotBool(this, 'floor_vml_cpu');
    return unaryInPlace(this, Math.floor);
  },
  ceil_(): Tensor {
    checkNotBool(this, 'ceil_vml_cpu');
    return unaryInPlace(this, Math.ceil);
  },
  relu_(): Tensor {
    checkReluable(this);
    return unaryInPlace(this, relu);
  },
  clamp_(min?: number, max?: number): Tensor {
    const dtype = clampDType(this, min, max);
    if (!canCast(dtype, this.dtype)) {
      // PyTorch's clamp_ spells the destination type in lower case.
      throw new TypeError(`result type ${scalarTypeName(dtype)} can't be cast to the desired output type ${scalarTypeName(this.dtype).toLowerCase()}`);
    }
    return unaryInPlace(this, clampFn(min, max));
  },
  fill_(value: number): Tensor {
    checkNumberArg(value, 'fill_', 'value', 1);
    const v = castScalar(value, this.dtype);
    return unaryInPlace(this, () => v);
  },
  zero_(): Tensor {
    return this.fill_(0);
  },
  copy_(src: Tensor): Tensor {
    const cast = this.dtype === 'bool' ? (_x: number, y: number): number => (y !== 0 ? 1 : 0) : (_x: number, y: number): number => y;
    return binaryInPlace(this, src, cast, 'same', false);
  },
  addcmul_(t1: Tensor, t2: Tensor, value = 1): Tensor {
    // `value` is converted to the computation's dtype first (0.5 is 0 for int32), as PyTorch does.
    const common = resultType([this, t1, t2]);
    if (common === 'bool') throw notImplemented('addcmul_cpu_out', 'bool');
    const v = castScalar(value, common);
    return ternaryInPlace(this, t1, t2, (x, a, b) => x + v * a * b);
  },
  addcdiv_(t1: Tensor, t2: Tensor, value = 1): Tensor {
    checkAddcdivDTypes(t1, t2);
    const v = castScalar(value, resultType([this, t1, t2]));
    return ternaryInPlace(this, t1, t2, (x, a, b) => x + (v * a) / b);
  },
  lerp_(end: Tensor, weight: Tensor | number): Tensor {
    checkLerpDTypes(this, end, weight);
    if (typeof weight !== 'number') return ternaryInPlace(this, end, weight, (x, y, w) => x + w * (y - x));
    return binaryInPlace(this, end, (x, y) => x + weight * (y - x));
  },
  maskedFill_(mask: Tensor, value: number): Tensor {
    checkNumberArg(value, 'masked_fill_', 'value', 2);
    checkMask(mask);
    const v = castScalar(value, this.dtype);
    return binaryInPlace(this, mask, (x, m) => (m ? v : x), 'same', false);
  },
  clip_(min?: number, max?: number): Tensor {
    return this.clamp_(min, max);
  },
});

function ternaryInPlace(target: Tensor, t1: Tensor, t2: Tensor, fn: (x: number, a: number, b: number) => number): Tensor {
  const shape = checkInPlaceShape(target.shape, t1.shape, t2.shape);
  checkCastable(resultType([target, t1, t2]), target.dtype);
  // One walk over target, t1 and t2 (broadcast through stride 0): no temporaries.
  const self = operandOf(target);
  mapTernary(fn, shape, self, self, broadcastOperand(t1, shape), broadcastOperand(t2, shape));
  target.storage.version++;
  return target;
}
