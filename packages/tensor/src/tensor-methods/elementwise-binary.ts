/**
 * Tensor methods: element-wise binary arithmetic with broadcasting (add, sub, mul, div, pow, …).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { isFloating, notImplemented } from '../dtype';
import { add, div, maximum, minimum, mul, sub } from '../kernels/arithmetic';
import { binary, commonDType } from '../ops/binary';
import { checkLerpDTypes, checkPow, checkSubtractable } from '../ops/dtype-support';
import { copysign, fmodFn, logaddexp, remainderFn } from '../ops/math';
import { divMode, roundingDivFn } from '../ops/rounding-div';
import type { DivOptions } from '../ops/rounding-div';
import { broadcastShapes } from '../shape';
import { pow } from './scalar-fns';
import { installMethods } from './method-group';

/** Element-wise binary arithmetic with broadcasting (add, sub, mul, div, pow, …). Part of {@link Tensor}. */
export interface TensorElementwiseBinary {
  /** `this + other`, broadcasting. */
  add(other: Tensor | number): Tensor;
  /** `this − other`, broadcasting. */
  sub(other: Tensor | number): Tensor;
  /** `this · other`, broadcasting. */
  mul(other: Tensor | number): Tensor;
  /**
   * Division, broadcasting. Without a rounding mode it is true division (ints give float32); with
   * `roundingMode: 'trunc'` (toward zero) or `'floor'` (toward −∞) the result keeps the common
   * dtype (int32 ÷ int32 stays int32), as torch.div.
   *
   * @example
   * tensor([7, -7], { dtype: 'int32' }).div(2, { roundingMode: 'floor' }); // tensor([3, -4], dtype=int32)
   */
  div(other: Tensor | number, options?: DivOptions): Tensor;
  /** `this ** exponent`, broadcasting. */
  pow(exponent: Tensor | number): Tensor;
  /** Element-wise maximum (NaN propagates). */
  maximum(other: Tensor): Tensor;
  /** Element-wise minimum (NaN propagates). */
  minimum(other: Tensor): Tensor;
  /** Python's modulus `this % other` (the sign of the divisor), broadcasting; int ÷ 0 throws. */
  remainder(other: Tensor | number): Tensor;
  /** C's fmod (the sign of the dividend), broadcasting; int ÷ 0 throws. */
  fmod(other: Tensor | number): Tensor;
  /** |this| with the sign of `other` (a float result). */
  copysign(other: Tensor | number): Tensor;
  /** log(eᵃ + eᵇ), computed without overflow (floating dtypes only). */
  logaddexp(other: Tensor | number): Tensor;
  /** `this // other`: division rounded toward −∞ (`div` with `roundingMode: 'floor'`). */
  floorDivide(other: Tensor | number): Tensor;
  /** `this + weight · (end − this)`, broadcasting all three (torch.lerp). */
  lerp(end: Tensor, weight: Tensor | number): Tensor;
}

installMethods<TensorElementwiseBinary>(Tensor.prototype, {
  add(other: Tensor | number): Tensor {
    return binary(this, other, add);
  },
  sub(other: Tensor | number): Tensor {
    checkSubtractable(this, other);
    return binary(this, other, sub);
  },
  mul(other: Tensor | number): Tensor {
    return binary(this, other, mul);
  },
  div(other: Tensor | number, options?: DivOptions): Tensor {
    const mode = divMode(options);
    if (mode === null) return binary(this, other, div, 'float');
    return binary(this, other, roundingDivFn(mode, commonDType(this, other)));
  },
  pow(exponent: Tensor | number): Tensor {
    checkPow(commonDType(this, exponent), exponent);
    return binary(this, exponent, pow);
  },
  maximum(other: Tensor): Tensor {
    return binary(this, other, maximum);
  },
  minimum(other: Tensor): Tensor {
    return binary(this, other, minimum);
  },
  remainder(other: Tensor | number): Tensor {
    return binary(this, other, remainderFn(commonDType(this, other)));
  },
  fmod(other: Tensor | number): Tensor {
    return binary(this, other, fmodFn(commonDType(this, other)));
  },
  copysign(other: Tensor | number): Tensor {
    return binary(this, other, copysign, 'float');
  },
  logaddexp(other: Tensor | number): Tensor {
    const common = commonDType(this, other);
    if (!isFloating(common)) throw notImplemented('logaddexp_cpu', common);
    return binary(this, other, logaddexp);
  },
  floorDivide(other: Tensor | number): Tensor {
    return this.div(other, { roundingMode: 'floor' });
  },
  lerp(end: Tensor, weight: Tensor | number): Tensor {
    checkLerpDTypes(this, end, weight);
    const both = broadcastShapes(this.shape, end.shape);
    const shape = typeof weight === 'number' ? both : broadcastShapes(both, weight.shape);
    return this.expand(shape).clone().lerp_(end, weight);
  },
});
