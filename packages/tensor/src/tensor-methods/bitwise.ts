/**
 * Tensor methods: bitwise ops on int32 and bool tensors.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { binary, commonDType } from '../ops/binary';
import { bitwiseAnd, bitwiseOr, bitwiseXor, checkBitwise, leftShift, rightShift } from '../ops/math';
import { unary } from '../ops/unary';
import { installMethods } from './method-group';

/** Bitwise ops on int32 and bool tensors. Part of {@link Tensor}. */
export interface TensorBitwise {
  /** Bitwise and (int32 and bool). */
  bitwiseAnd(other: Tensor | number): Tensor;
  /** Bitwise or (int32 and bool). */
  bitwiseOr(other: Tensor | number): Tensor;
  /** Bitwise xor (int32 and bool). */
  bitwiseXor(other: Tensor | number): Tensor;
  /** Bitwise not (int32: ~x; bool: logical not). */
  bitwiseNot(): Tensor;
  /** `this << other` on int32 (torch.bitwise_left_shift). */
  bitwiseLeftShift(other: Tensor | number): Tensor;
  /** `this >> other` (arithmetic) on int32 (torch.bitwise_right_shift). */
  bitwiseRightShift(other: Tensor | number): Tensor;
}

installMethods<TensorBitwise>(Tensor.prototype, {
  bitwiseAnd(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'bitwise_and_cpu');
    return binary(this, other, bitwiseAnd);
  },
  bitwiseOr(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'bitwise_or_cpu');
    return binary(this, other, bitwiseOr);
  },
  bitwiseXor(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'bitwise_xor_cpu');
    return binary(this, other, bitwiseXor);
  },
  bitwiseNot(): Tensor {
    checkBitwise(this.dtype, 'bitwise_not_cpu');
    return unary(this, this.dtype === 'bool' ? (x) => (x !== 0 ? 0 : 1) : (x) => ~x);
  },
  bitwiseLeftShift(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'lshift_cpu', false);
    return binary(this, other, leftShift);
  },
  bitwiseRightShift(other: Tensor | number): Tensor {
    checkBitwise(commonDType(this, other), 'rshift_cpu', false);
    return binary(this, other, rightShift);
  },
});
