/**
 * C's `%f` (`%.<decimals>f`) for the tutorial's printouts: the exact binary value rounded to
 * `decimals` places, ties to even, as glibc's printf (and Python's `'%f' % v`) does.
 * `Number.prototype.toFixed` also rounds the exact binary value but breaks ties away from zero, so
 * exact ties (at six decimals: the odd multiples of 2⁻⁷, such as 0.0078125) are rounded here.
 *
 * @param value the number to print
 * @param decimals digits after the point (default 6, as `%f`)
 * @example
 * formatF(0.9711000323295593); // "0.971100"
 * formatF(0.0078125);          // "0.007812" (toFixed gives "0.007813")
 */
export function formatF(value: number, decimals = 6): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new RangeError(`formatF: decimals must be an integer in [0, 100], got ${decimals}`);
  }
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  // printf keeps the sign of a negative value that rounds to zero ("-0.000000").
  return (negative ? '-' : '') + (isTie(magnitude, decimals) ? halfEven(magnitude, decimals) : magnitude.toFixed(decimals));
}

/**
 * Whether v lies exactly halfway between two numbers of `decimals` places: v·10^d = n + ½ holds for
 * a double only when v = j / 2^(d+1) with j odd (5^d must divide the odd numerator).
 */
function isTie(v: number, decimals: number): boolean {
  const scaled = v * 2 ** (decimals + 1); // exact: a power-of-two scaling
  return Number.isFinite(scaled) && Number.isInteger(scaled) && scaled % 2 === 1;
}

/** The tie v = j / 2^(d+1) rounded to the even neighbour, in exact integer arithmetic. */
function halfEven(v: number, decimals: number): string {
  const j = BigInt(v * 2 ** (decimals + 1));
  const lower = (j * 5n ** BigInt(decimals) - 1n) / 2n; // v·10^d = lower + ½
  const n = lower % 2n === 0n ? lower : lower + 1n;
  const digits = n.toString().padStart(decimals + 1, '0');
  const point = digits.length - decimals;
  return decimals === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
}
