/**
 * The range checks the optimizers share, worded as PyTorch's, with numbers printed as Python does.
 */

/**
 * A number as Python's repr prints it in PyTorch's messages: scientific notation outside
 * 1e-4 ≤ |x| < 1e16, with an exponent of at least two digits (`1e-05`, `1e+16`). Integral values
 * print without Python's `.0`, as JavaScript does (`Invalid learning rate: -1`).
 *
 * @example
 * pyNumber(-1e-8); // '-1e-08'
 */
export function pyNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (x === 0 || (e >= -4 && e < 16)) return String(x);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** PyTorch-worded range checks shared by the optimizers. */
export function checkNonNegative(value: number, what: string): void {
  if (!(value >= 0)) throw new RangeError(`Invalid ${what}: ${pyNumber(value)}`);
}

/**
 * A float as Python's repr prints it, `.0` included for integral values (`1.0`): for options that
 * PyTorch's signatures type as floats and users pass as floats, such as `betas`.
 *
 * @example
 * pyFloat(1); // '1.0'
 */
export function pyFloat(x: number): string {
  const text = pyNumber(x);
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? `${text}.0` : text;
}

/**
 * Checks `betas` as PyTorch: each in [0, 1), printed as the floats PyTorch's `betas` are
 * (`Invalid beta parameter at index 0: 1.0`).
 */
export function checkBetas(betas: readonly [number, number]): void {
  if (!Array.isArray(betas) || betas.length !== 2)
    throw new TypeError(`betas: expected a pair of numbers, got ${JSON.stringify(betas)}`);
  betas.forEach((b, i) => {
    if (!(b >= 0 && b < 1))
      throw new RangeError(`Invalid beta parameter at index ${i}: ${pyFloat(b)}`);
  });
}
