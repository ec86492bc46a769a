import { stack, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Tensor as BaseTensor } from '@descent/tensor';

/**
 * The type a batch of `T` collates to: tensors stack into one tensor, numbers and booleans become a
 * 1-d tensor, strings a string array, and arrays and objects collate field by field.
 */
export type Collated<T> = T extends BaseTensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Merges a list of samples into a batch, as `torch.utils.data.default_collate`:
 *
 *   tensors            → stack(samples, 0)            (shapes must match)
 *   numbers            → int32 tensor if all are integers, else float64 (PyTorch: int64 / float64)
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
    return tensor(values, {
      dtype: values.every((v) => Number.isInteger(v)) ? 'int32' : 'float64',
    });
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
    for (const key of Object.keys(first))
      out[key] = collate(batch.map((sample) => (sample as Record<string, unknown>)[key]));
    return out;
  }
  throw new TypeError(
    `default_collate: batch must contain tensors, numbers, booleans, strings, arrays or plain objects; found ${describe(first)}`,
  );
}
