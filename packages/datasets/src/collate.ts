import { stack, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Tensor as BaseTensor } from '@descent/tensor';

/**
 * The type a batch of `T` collates to: tensors and typed arrays stack into one tensor, numbers and
 * booleans become a 1-d tensor, strings a string array, and arrays and objects collate field by field.
 */
export type Collated<T> = T extends BaseTensor
  ? Tensor
  : T extends number | boolean | NumericArray
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

/** The typed arrays the default collate stacks (PyTorch: NumPy arrays). */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;

/** dtype a typed array keeps when collated: floats as they are, integers as int32 (Descent's only integer dtype). */
function dtypeOfNumericArray(values: ArrayBufferView): 'float32' | 'float64' | 'int32' | undefined {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Float64Array || values instanceof Uint32Array) return 'float64'; // 2³² − 1 does not fit int32
  if (
    values instanceof Int8Array ||
    values instanceof Int16Array ||
    values instanceof Int32Array ||
    values instanceof Uint8Array ||
    values instanceof Uint8ClampedArray ||
    values instanceof Uint16Array
  )
    return 'int32';
  return undefined;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Merges a list of samples into a batch, as `torch.utils.data.default_collate`:
 *
 *   tensors            → stack(samples, 0)            (shapes must match)
 *   typed arrays       → a [batch, length] tensor       (PyTorch: NumPy arrays; integers as int32)
 *   numbers            → int32 tensor if all are integers in int32 range, else float64
 *                        (PyTorch: int64 for ints, float64 for floats)
 *   booleans           → bool tensor
 *   strings            → the array of strings
 *   arrays (tuples)    → per position, collated        (all samples the same length)
 *   plain objects      → per key, collated             (keys of the first sample)
 *
 * @example
 * defaultCollate([{ x: tensor([1, 2]), y: 0 }, { x: tensor([3, 4]), y: 1 }]); // { x: [[1, 2], [3, 4]], y: [0, 1] }
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const first = batch[0];
  if (first instanceof BaseTensor) {
    for (const sample of batch) {
      if (!(sample instanceof BaseTensor))
        throw new TypeError(
          `default_collate: expected every sample to be a Tensor, got ${describe(sample)}`,
        );
    }
    return stack(batch as BaseTensor[], 0);
  }
  if (typeof first === 'number') {
    const values = batch as number[];
    if (values.some((v) => typeof v !== 'number'))
      throw new TypeError(
        `default_collate: expected every sample to be a number, got ${values.map(describe).join(', ')}`,
      );
    const integers = values.every((v) => Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX);
    return tensor(values, { dtype: integers ? 'int32' : 'float64' });
  }
  if (ArrayBuffer.isView(first)) {
    const dtype = dtypeOfNumericArray(first);
    if (dtype === undefined)
      throw new TypeError(
        `default_collate: typed arrays of type ${describe(first)} are not supported; use a Float32Array, Float64Array or an integer array`,
      );
    const size = (first as NumericArray).length;
    const values = new Float64Array(batch.length * size);
    batch.forEach((sample, i) => {
      if (!(sample instanceof (first.constructor as new () => NumericArray)))
        throw new TypeError(
          `default_collate: expected every sample to be a ${describe(first)}, got ${describe(sample)} at index ${i}`,
        );
      if (sample.length !== size)
        throw new RangeError(
          `default_collate: typed arrays must have equal lengths, got ${size} at index 0 and ${sample.length} at index ${i}`,
        );
      values.set(sample, i * size);
    });
    return tensor(values, { dtype }).reshape([batch.length, size]);
  }
  if (typeof first === 'boolean')
    return tensor(
      batch.map((b) => (b ? 1 : 0)),
      { dtype: 'bool' },
    );
  if (typeof first === 'string') return [...(batch as string[])];
  if (Array.isArray(first)) {
    const size = first.length;
    for (const sample of batch) {
      if (!Array.isArray(sample) || sample.length !== size)
        throw new RangeError('each element in list of batch should be of equal size');
    }
    return first.map((_, k) => collate(batch.map((sample) => (sample as unknown[])[k])));
  }
  if (
    first !== null &&
    typeof first === 'object' &&
    Object.getPrototypeOf(first) === Object.prototype
  ) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      const values = batch.map((sample, i) => {
        if (sample === null || typeof sample !== 'object' || !(key in sample))
          throw new TypeError(
            `default_collate: sample ${i} has no key "${key}" (every sample needs the keys of the first)`,
          );
        return (sample as Record<string, unknown>)[key];
      });
      out[key] = collate(values);
    }
    return out;
  }
  throw new TypeError(
    `default_collate: batch must contain tensors, numbers, booleans, strings, arrays or plain objects; found ${describe(first)}`,
  );
}
