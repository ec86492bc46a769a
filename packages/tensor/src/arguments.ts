/**
 * Argument checks of the public factories, in PyTorch's words: a wrong kind is
 * `full(): argument 'value' (position 2) must be Number, not string "a"` (a TypeError, as
 * torch's argument parser raises), with the value we got instead of only its Python type.
 */
import { describeValue } from './describe-value';

/** Throws a TypeError unless `value` is a number (NaN and ±Infinity pass: they are numbers). */
export function checkNumberArg(value: unknown, fn: string, name: string, position: number): number {
  if (typeof value !== 'number') throw new TypeError(`${fn}(): argument '${name}' (position ${position}) must be Number, not ${describeValue(value)}`);
  return value;
}

/** Throws a TypeError unless `value` is an integer-valued number. */
export function checkIntArg(value: unknown, fn: string, name: string, position: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${fn}(): argument '${name}' (position ${position}) must be int, not ${describeValue(value)}`);
  }
  return value;
}

/** Throws a TypeError unless `options` is undefined or a plain options object. */
export function checkOptionsArg<T extends object>(options: T | undefined, fn: string): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}(): argument 'options' must be an options object, not ${describeValue(options)}`);
  }
  return options;
}
