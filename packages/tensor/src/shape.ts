/** Shape arithmetic: sizes, strides, dims and broadcasting, with PyTorch's error messages. */
import { describeValue } from './describe-value';

/** Number of elements of a shape (1 for a 0-d shape). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a contiguous tensor of this shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] as number;
  }
  return strides;
}

/** True for an array (a plain boolean, not a type guard, so the declared shape type stays). */
export function isShapeArray(value: unknown): boolean {
  return Array.isArray(value);
}

/**
 * Checks that `shape` is an array of non-negative integers whose element count a number holds
 * exactly; `where` names the factory (`zeros`) in the message.
 */
export function checkShape(shape: readonly number[], where: string): number[] {
  if (!isShapeArray(shape)) throw new TypeError(`${where}(): argument 'shape' must be an array of sizes, not ${describeValue(shape)}`);
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (Number.isInteger(d) && (d as number) < 0) {
      throw new RangeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`);
    }
    if (!Number.isInteger(d)) {
      throw new TypeError(`${where}(): argument 'shape' must be an array of integer sizes, but shape[${i}] is ${describeValue(d)}`);
    }
  }
  if (sizeOf(shape) > Number.MAX_SAFE_INTEGER) throw new RangeError(`Storage size calculation overflowed with sizes=[${shape.join(', ')}]`);
  return [...shape];
}

/** Wraps a possibly negative dim into [0, ndim), with PyTorch's message when it is out of range. */
export function normalizeDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalises a list of dims, rejecting repeats. */
export function normalizeDims(dims: readonly number[], ndim: number): number[] {
  const out = dims.map((d) => normalizeDim(d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new RangeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return out;
}

/** The broadcast shape of two shapes, or PyTorch's error naming the mismatching dimension. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read a tensor of `shape`/`strides` as if it had the (broadcast) shape `target`:
 * broadcast dimensions get stride 0.
 */
export function broadcastStrides(
  shape: readonly number[],
  strides: readonly number[],
  target: readonly number[],
): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[lead + i] = shape[i] === 1 && target[lead + i] !== 1 ? 0 : (strides[i] as number);
  }
  return out;
}

/** Formats a shape as PyTorch does in messages: `[2, 3]`. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
