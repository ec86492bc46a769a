/**
 * Which ops refuse which dtypes, with PyTorch 1.13's messages (checked before any work, so a
 * refused op leaves its inputs untouched).
 */
import { isFloating, notImplemented, scalarTypeName } from '../dtype';
import type { DType } from '../dtype';

/** Anything with a dtype (a tensor). */
interface Typed {
  readonly dtype: DType;
}

/** `a − b` is refused when either side is a bool tensor (PyTorch's `sub_check`). */
export function checkSubtractable(a: Typed, b: Typed | number): void {
  const bBool = typeof b !== 'number' && b.dtype === 'bool';
  if (a.dtype === 'bool' && bBool) {
    throw new TypeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  }
  if (a.dtype === 'bool' || bBool) {
    throw new TypeError(
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
}

/** `−a` is refused for bools. */
export function checkNegatable(a: Typed): void {
  if (a.dtype === 'bool') {
    throw new TypeError(
      'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
}

/** Throws PyTorch's "not implemented for 'Bool'" error of `kernel` for a bool tensor. */
export function checkNotBool(a: Typed, kernel: string): void {
  if (a.dtype === 'bool') throw notImplemented(kernel, 'bool');
}

/** `relu` is refused for bools, with its own message. */
export function checkReluable(a: Typed): void {
  if (a.dtype === 'bool') throw new TypeError('Boolean inputs not supported for relu');
}

/** `var`/`std` need a floating tensor. */
export function checkVarDType(a: Typed): void {
  if (!isFloating(a.dtype)) throw new TypeError('std and var only support floating point and complex dtypes');
}

/** `mean` needs a floating tensor. */
export function checkMeanDType(a: Typed): void {
  if (!isFloating(a.dtype)) {
    throw new TypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(a.dtype)}`,
    );
  }
}

/** `norm` needs a floating tensor. */
export function checkNormDType(a: Typed): void {
  if (!isFloating(a.dtype)) {
    throw new TypeError(`norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(a.dtype)} instead.`);
  }
}

/**
 * softmax/logSoftmax need a floating tensor; PyTorch names the kernel of the last dim (also for
 * ≤ 1-D tensors) or the general one.
 */
export function checkSoftmaxDType(a: Typed & { readonly shape: readonly number[] }, dim: number, log: boolean): void {
  if (isFloating(a.dtype)) return;
  const lastDim = dim === Math.max(a.shape.length - 1, 0);
  throw notImplemented(`${log ? 'log_' : ''}softmax_${lastDim ? 'lastdim_' : ''}kernel_impl`, a.dtype);
}

/** `addcdiv` refuses integer (and bool) tensor1 and tensor2 together. */
export function checkAddcdivDTypes(t1: Typed, t2: Typed): void {
  if (!isFloating(t1.dtype) && !isFloating(t2.dtype)) {
    throw new TypeError(
      'Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.',
    );
  }
}

/** `lerp_` needs a floating destination and an `end` (and tensor weight) of the same dtype. */
export function checkLerpDTypes(self: Typed, end: Typed, weight: Typed | number): void {
  const lower = (d: DType): string => scalarTypeName(d).toLowerCase();
  if (end.dtype !== self.dtype) throw new TypeError(`expected dtype ${lower(self.dtype)} for \`end\` but got dtype ${lower(end.dtype)}`);
  if (typeof weight !== 'number' && weight.dtype !== self.dtype) {
    throw new TypeError(`expected dtype ${lower(self.dtype)} for \`weight\` but got dtype ${lower(weight.dtype)}`);
  }
  if (!isFloating(self.dtype)) throw notImplemented('lerp_kernel_scalar', self.dtype);
}

/** `pow` has no bool kernel, and an integer base refuses a negative integer exponent. */
export function checkPow(result: DType, exponent: Typed | number): void {
  if (result === 'bool') throw notImplemented('pow', 'bool');
  if (result === 'int32' && typeof exponent === 'number' && exponent < 0) {
    throw new RangeError('Integers to negative integer powers are not allowed.');
  }
}

/** Random fills need a floating tensor; PyTorch names the kernel that is missing. */
export function checkRandomFill(a: Typed, kernel: string): void {
  if (!isFloating(a.dtype)) throw notImplemented(kernel, a.dtype);
}
