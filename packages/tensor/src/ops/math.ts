/**
 * Scalar functions of the element-wise math ops (torch.tan … torch.logaddexp, remainder, fmod,
 * copysign, the bitwise ops) and their dtype checks. The kernels are the generic unary and binary
 * loops; each op here is one scalar function.
 */
import { notImplemented } from '../dtype';
import type { DType } from '../dtype';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function in double precision (|error| below 1e-15): for |x| < 3 the everywhere-positive
 * series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6); beyond,
 * 1 − erfc(x) with erfc's continued fraction (A&S 7.1.14), evaluated from the bottom up. The
 * library's one erf: @descent/nn's GELU and init use it through the tensor op.
 */
export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  if (z >= 6) return Math.sign(x); // erfc(6) ≈ 2e-17, below half an ulp of 1
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
  }
  let fraction = z;
  for (let k = 60; k >= 1; k--) fraction = z + k / 2 / fraction;
  const erfc = Math.exp(-z * z) / Math.sqrt(Math.PI) / fraction;
  return Math.sign(x) * (1 - erfc);
}

/** An integer divisor of 0 is PyTorch's ZeroDivisionError. */
function intDivisor(y: number): number {
  if (y === 0) throw new RangeError('ZeroDivisionError');
  return y;
}

/**
 * Python's modulus (the sign of the divisor), as torch.remainder: fmod, then shifted by the
 * divisor when the signs differ.
 */
export function remainderFn(common: DType): (x: number, y: number) => number {
  if (common === 'bool') throw notImplemented('remainder_cpu', 'bool');
  if (common === 'int32') {
    return (x, y) => {
      const m = x % intDivisor(y);
      return m !== 0 && m < 0 !== y < 0 ? m + y : m;
    };
  }
  return (x, y) => {
    const m = x % y;
    return m !== 0 && m < 0 !== y < 0 ? m + y : m;
  };
}

/** C's fmod (the sign of the dividend), as torch.fmod. */
export function fmodFn(common: DType): (x: number, y: number) => number {
  if (common === 'bool') throw notImplemented('fmod_cpu', 'bool');
  return common === 'int32' ? (x, y) => x % intDivisor(y) : (x, y) => x % y;
}

/** |x| with the sign of y (−0 and NaN signs included), as torch.copysign. */
export function copysign(x: number, y: number): number {
  const negative = y < 0 || Object.is(y, -0) || (Number.isNaN(y) && signBitOfNaN(y));
  return negative ? -Math.abs(x) : Math.abs(x);
}

function signBitOfNaN(y: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, y);
  return (view.getUint8(0) & 0x80) !== 0;
}

/** log(eˣ + eʸ) without overflow: max + log1p(e^(−|x − y|)); equal infinities give themselves. */
export function logaddexp(x: number, y: number): number {
  if (x === y && !Number.isFinite(x)) return x;
  const m = Math.max(x, y);
  return m + Math.log1p(Math.exp(-Math.abs(x - y)));
}

/** The bitwise ops run on int32 and bool only, as PyTorch's (`"bitwise_and_cpu" not implemented for 'Float'`). */
export function checkBitwise(dtype: DType, kernel: string, boolToo = true): void {
  if (dtype === 'float32' || dtype === 'float64' || (!boolToo && dtype === 'bool')) throw notImplemented(kernel, dtype);
}

/** Bitwise and of two int32 (or 0/1 bool) values. */
export const bitwiseAnd = (x: number, y: number): number => x & y;
/** Bitwise or of two int32 (or 0/1 bool) values. */
export const bitwiseOr = (x: number, y: number): number => x | y;
/** Bitwise xor of two int32 (or 0/1 bool) values. */
export const bitwiseXor = (x: number, y: number): number => x ^ y;
/** `x << y` on int32; the count wraps modulo 32 as the x86 shift PyTorch's kernel compiles to. */
export const leftShift = (x: number, y: number): number => x << y;
/** `x >> y` (arithmetic) on int32; the count wraps modulo 32 likewise. */
export const rightShift = (x: number, y: number): number => x >> y;

/** torch.isclose: |a − b| ≤ atol + rtol·|b|, equal values (infinities too) are close, NaN only with `equalNan`. */
export function isCloseFn(rtol: number, atol: number, equalNan: boolean): (x: number, y: number) => number {
  if (!(rtol >= 0)) throw new RangeError(`rtol must be greater than or equal to zero, but got ${rtol}`);
  if (!(atol >= 0)) throw new RangeError(`atol must be greater than or equal to zero, but got ${atol}`);
  return (x, y) => {
    if (x === y) return 1;
    if (Number.isNaN(x) || Number.isNaN(y)) return equalNan && Number.isNaN(x) && Number.isNaN(y) ? 1 : 0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return 0;
    return Math.abs(x - y) <= atol + rtol * Math.abs(y) ? 1 : 0;
  };
}
