/**
 * C's `%f` for the tutorial's printouts: six decimals, round half to even on the exact binary
 * value (what glibc's printf does). `Number.prototype.toFixed` rounds the exact binary value too,
 * so for the finite values printed here the two agree.
 *
 * @example
 * formatF(0.9711000323295593); // "0.971100"
 */
export function formatF(value: number, decimals = 6): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const text = value.toFixed(decimals);
  // printf keeps the sign of a negative value that rounds to zero ("-0.000000").
  return Object.is(value, -0) || (value < 0 && !text.startsWith('-')) ? `-${text}` : text;
}
