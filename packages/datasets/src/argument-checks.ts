import { Generator } from '@descent/tensor';
import { formatValue } from './format-value';

/**
 * Throws a TypeError unless `options` is an object (or undefined) whose keys are all in `known`;
 * an unknown key that is the snake_case of a known one says so (`batch_size` → `batchSize`).
 */
export function checkOptions(
  owner: string,
  options: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`${owner}: options must be an object, got ${formatValue(options)}`);
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    throw new TypeError(
      known.includes(camel)
        ? `${owner}: unknown option '${key}'; did you mean '${camel}'?`
        : `${owner}: unknown option '${key}'; expected one of ${known.join(', ')}`,
    );
  }
  return options as Record<string, unknown>;
}

/** Throws a TypeError unless `generator` is undefined or a `Generator` of `@descent/tensor`. */
export function checkGenerator(owner: string, generator: unknown): Generator | undefined {
  if (generator === undefined || generator instanceof Generator) return generator;
  throw new TypeError(
    `${owner}: generator must be a Generator (new Generator().manualSeed(s)), got ${formatValue(generator)}`,
  );
}

/** Throws PyTorch's TypeError (`<name> should be a boolean value, but got <name>=<value>`). */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new TypeError(`${name} should be a boolean value, but got ${name}=${formatValue(value)}`);
  return value;
}

/**
 * Throws PyTorch's message (`<name> should be a positive integer value, but got <name>=<value>`):
 * a TypeError for a value that is not a number, a RangeError for any other non-positive-integer.
 */
export function checkPositiveInteger(name: string, value: unknown): number {
  const message = `${name} should be a positive integer value, but got ${name}=${formatValue(value)}`;
  if (typeof value !== 'number') throw new TypeError(message);
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(message);
  return value;
}

/**
 * The length of a sized source (a non-negative integer, or anything with such a `length`), or a
 * TypeError naming `argument`.
 */
export function checkSized(owner: string, argument: string, source: unknown): number {
  const length =
    typeof source === 'number'
      ? source
      : typeof source === 'object' && source !== null
        ? (source as { length?: unknown }).length
        : undefined;
  if (typeof length === 'number' && Number.isInteger(length) && length >= 0) return length;
  throw new TypeError(
    `${owner}: ${argument} must be a dataset, an array or a non-negative integer length, got ${formatValue(source)}`,
  );
}

/**
 * Checks that `indices` is an array or typed array of non-negative integers (below `bound` when
 * given) and returns a copy; errors name `argument` and the first bad entry.
 */
export function checkIndexArray(
  owner: string,
  argument: string,
  indices: unknown,
  bound = Infinity,
): number[] {
  if (!Array.isArray(indices) && !(ArrayBuffer.isView(indices) && !(indices instanceof DataView)))
    throw new TypeError(
      `${owner}: ${argument} must be an array of integer indices, got ${formatValue(indices)}`,
    );
  const copy = Array.from(indices as ArrayLike<unknown>);
  copy.forEach((i, k) => {
    if (!(typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < bound)) {
      const range = bound === Infinity ? 'a non-negative integer' : `an integer in [0, ${bound})`;
      const message = `${owner}: ${argument}[${k}] must be ${range}, got ${formatValue(i)}`;
      throw typeof i === 'number' ? new RangeError(message) : new TypeError(message);
    }
  });
  return copy as number[];
}

/**
 * Throws a TypeError unless `dataset` is a map-style dataset (a `get` method and a non-negative
 * integer `length`) or an array.
 */
export function checkMapDataset(owner: string, argument: string, dataset: unknown): void {
  if (Array.isArray(dataset)) return;
  if (typeof dataset === 'object' && dataset !== null) {
    const d = dataset as { get?: unknown; length?: unknown };
    if (
      typeof d.get === 'function' &&
      typeof d.length === 'number' &&
      Number.isInteger(d.length) &&
      d.length >= 0
    )
      return;
  }
  throw new TypeError(
    `${owner}: ${argument} must be a dataset (get and a length) or an array, got ${formatValue(dataset)}`,
  );
}
