/** torch.div's `rounding_mode`: 'trunc' and 'floor' division, which keep the common dtype. */
import { checkOptions } from '../args';
import { notImplemented } from '../dtype';
import type { DType } from '../dtype';

/** How `div` rounds its quotient: `null` (true division), toward zero, or toward −∞. */
export type RoundingMode = 'trunc' | 'floor' | null;

/** Options of `div`. */
export interface DivOptions {
  /** `'trunc'`, `'floor'` or `null` (default: true division). */
  roundingMode?: RoundingMode;
}

/** The rounding mode of `div`'s options, refusing unknown keys and modes in PyTorch's words. */
export function divMode(options: DivOptions | undefined, op = 'div'): RoundingMode {
  checkOptions(op, options, ['roundingMode']);
  const mode = options?.roundingMode ?? null;
  if (mode !== null && mode !== 'trunc' && mode !== 'floor') {
    throw new RangeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  return mode;
}

/**
 * The scalar function of a rounding division computed in `common`. Floats follow PyTorch's
 * kernels: trunc(a / b) with the quotient rounded to the dtype first, and floor division through
 * fmod (`div_floor_floating`), which is exact where floor(a / b) is not. An integer divisor of 0
 * throws, as PyTorch's ZeroDivisionError.
 */
export function roundingDivFn(mode: 'trunc' | 'floor', common: DType): (x: number, y: number) => number {
  if (common === 'bool') throw notImplemented(`div_${mode}_cpu`, 'bool');
  if (common === 'int32') {
    return (x, y) => {
      if (y === 0) throw new RangeError('ZeroDivisionError');
      const q = x / y;
      return (mode === 'trunc' ? Math.trunc(q) : Math.floor(q)) | 0;
    };
  }
  const round = common === 'float32' ? Math.fround : (v: number): number => v;
  if (mode === 'trunc') return (x, y) => Math.trunc(round(x / y));
  return (x, y) => floorDivFloat(x, y, round);
}

/** PyTorch's `div_floor_floating` (aten/src/ATen/native/BinaryOps.h), with `round` to the dtype. */
export function floorDivFloat(a: number, b: number, round: (v: number) => number): number {
  if (b === 0) return round(a / b);
  const mod = a % b;
  let div = round(round(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return Math.sign(a / b) < 0 || Object.is(a / b, -0) ? -0 : 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}
