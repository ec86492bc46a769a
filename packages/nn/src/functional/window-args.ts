/**
 * Argument handling shared by the sliding-window ops (convolution, pooling, unfold/fold): a size
 * given as one number or one per spatial dim, checked once with PyTorch's messages.
 */

/** A size, stride, padding or dilation: one number for every spatial dim, or one per dim. */
export type SpatialSize = number | readonly number[];

/** Expands `value` to one entry per spatial dim, rejecting non-integers and wrong lengths. */
export function expandSize(value: SpatialSize, dims: number, name: string, op: string): number[] {
  const values = typeof value === 'number' ? new Array<number>(dims).fill(value) : [...value];
  if (values.length !== dims) {
    throw new RangeError(`${op}: ${name} must be a number or a list of ${dims}, got [${values.join(', ')}]`);
  }
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new TypeError(`${op}: ${name} must hold integers, got ${String(v)}`);
  }
  return values;
}

/** Rejects a stride, dilation or kernel entry below 1 and a negative padding, in PyTorch's words. */
export function checkPositive(values: readonly number[], name: 'stride' | 'dilation' | 'kernel_size'): void {
  if (values.every((v) => v > 0)) return;
  if (name === 'stride') throw new RangeError('non-positive stride is not supported');
  if (name === 'dilation') throw new RangeError('dilation should be greater than zero');
  throw new RangeError(`kernel size should be greater than zero, but got kernel_size=(${values.join(', ')})`);
}

/** Rejects a negative padding entry. */
export function checkPadding(values: readonly number[]): void {
  if (values.some((v) => v < 0)) throw new RangeError('negative padding is not supported');
}

/** `[a, b]` as PyTorch prints a size tuple in pooling and conv messages: `(a x b)`. */
export function tuple(values: readonly number[], sep = ' x '): string {
  return `(${values.join(sep)})`;
}

/** `[2, 3]` as PyTorch prints a size list. */
export function list(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}
