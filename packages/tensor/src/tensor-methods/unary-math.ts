/**
 * Tensor methods: element-wise unary math (neg, abs, exp, log, trigonometry, rounding, clamp, …).
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { checkNegatable, checkNotBool, checkReluable } from '../ops/dtype-support';
import { erfScalar } from '../ops/math';
import { clampDType, clampFn, sigmoidScalar, unary } from '../ops/unary';
import { relu, sign } from './scalar-fns';
import { installMethods } from './method-group';

/** Element-wise unary math (neg, abs, exp, log, trigonometry, rounding, clamp, …). Part of {@link Tensor}. */
export interface TensorUnaryMath {
  neg(): Tensor;
  abs(): Tensor;
  /** −1, 0 or 1 by the sign (0 for NaN, as PyTorch). */
  sign(): Tensor;
  exp(): Tensor;
  log(): Tensor;
  log1p(): Tensor;
  expm1(): Tensor;
  sqrt(): Tensor;
  rsqrt(): Tensor;
  reciprocal(): Tensor;
  square(): Tensor;
  sin(): Tensor;
  cos(): Tensor;
  tanh(): Tensor;
  sigmoid(): Tensor;
  relu(): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  /** Rounds half to even, as PyTorch. */
  round(): Tensor;
  /**
   * Limits every element to [min, max]; either bound may be omitted. The result dtype follows
   * PyTorch's promotion with the bounds (an int tensor clamped to 0.5 is float32).
   */
  clamp(min?: number, max?: number): Tensor;
  /** tan x. */
  tan(): Tensor;
  /** arcsin x (NaN outside [−1, 1]). */
  asin(): Tensor;
  /** arccos x (NaN outside [−1, 1]). */
  acos(): Tensor;
  /** arctan x. */
  atan(): Tensor;
  /** sinh x. */
  sinh(): Tensor;
  /** cosh x. */
  cosh(): Tensor;
  /** arsinh x. */
  asinh(): Tensor;
  /** arcosh x (NaN below 1). */
  acosh(): Tensor;
  /** artanh x (NaN outside [−1, 1]). */
  atanh(): Tensor;
  /** The error function. */
  erf(): Tensor;
  /** 2ˣ. */
  exp2(): Tensor;
  /** log₂ x. */
  log2(): Tensor;
  /** log₁₀ x. */
  log10(): Tensor;
  /** Rounds toward zero (ints unchanged). */
  trunc(): Tensor;
  /** Alias of {@link Tensor.clamp} (torch.clip). */
  clip(min?: number, max?: number): Tensor;
}

installMethods<TensorUnaryMath>(Tensor.prototype, {
  neg(): Tensor {
    checkNegatable(this);
    return unary(this, (x) => -x);
  },
  abs(): Tensor {
    checkNotBool(this, 'abs_cpu');
    return unary(this, Math.abs);
  },
  sign(): Tensor {
    return unary(this, sign);
  },
  exp(): Tensor {
    return unary(this, Math.exp, 'float');
  },
  log(): Tensor {
    return unary(this, Math.log, 'float');
  },
  log1p(): Tensor {
    return unary(this, Math.log1p, 'float');
  },
  expm1(): Tensor {
    return unary(this, Math.expm1, 'float');
  },
  sqrt(): Tensor {
    return unary(this, Math.sqrt, 'float');
  },
  rsqrt(): Tensor {
    return unary(this, (x) => 1 / Math.sqrt(x), 'float');
  },
  reciprocal(): Tensor {
    return unary(this, (x) => 1 / x, 'float');
  },
  square(): Tensor {
    return this.mul(this);
  },
  sin(): Tensor {
    return unary(this, Math.sin, 'float');
  },
  cos(): Tensor {
    return unary(this, Math.cos, 'float');
  },
  tanh(): Tensor {
    return unary(this, Math.tanh, 'float');
  },
  sigmoid(): Tensor {
    return unary(this, sigmoidScalar, 'float');
  },
  relu(): Tensor {
    checkReluable(this);
    return unary(this, relu);
  },
  floor(): Tensor {
    checkNotBool(this, 'floor_vml_cpu');
    return unary(this, Math.floor);
  },
  ceil(): Tensor {
    checkNotBool(this, 'ceil_vml_cpu');
    return unary(this, Math.ceil);
  },
  round(): Tensor {
    checkNotBool(this, 'round_vml_cpu');
    return unary(this, (x) => {
      const r = Math.round(x);
      return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    });
  },
  clamp(min?: number, max?: number): Tensor {
    return unary(this, clampFn(min, max), 'same', clampDType(this, min, max));
  },
  tan(): Tensor {
    return unary(this, Math.tan, 'float');
  },
  asin(): Tensor {
    return unary(this, Math.asin, 'float');
  },
  acos(): Tensor {
    return unary(this, Math.acos, 'float');
  },
  atan(): Tensor {
    return unary(this, Math.atan, 'float');
  },
  sinh(): Tensor {
    return unary(this, Math.sinh, 'float');
  },
  cosh(): Tensor {
    return unary(this, Math.cosh, 'float');
  },
  asinh(): Tensor {
    return unary(this, Math.asinh, 'float');
  },
  acosh(): Tensor {
    return unary(this, Math.acosh, 'float');
  },
  atanh(): Tensor {
    return unary(this, Math.atanh, 'float');
  },
  erf(): Tensor {
    return unary(this, erfScalar, 'float');
  },
  exp2(): Tensor {
    return unary(this, (x) => Math.pow(2, x), 'float');
  },
  log2(): Tensor {
    return unary(this, Math.log2, 'float');
  },
  log10(): Tensor {
    return unary(this, Math.log10, 'float');
  },
  trunc(): Tensor {
    checkNotBool(this, 'trunc_vml_cpu');
    return unary(this, Math.trunc);
  },
  clip(min?: number, max?: number): Tensor {
    return this.clamp(min, max);
  },
});
