/**
 * Argument checks shared by the schedulers: the options object itself (its kind, unknown keys with a
 * camelCase hint), the optimizer it drives, numbers by kind and range, and epochs given to `step`.
 * Every error names the argument and the value it got.
 */
import type { SchedulableOptimizer } from './lr-scheduler';

/**
 * A value as messages print it: strings quoted, arrays item by item, other objects by kind.
 *
 * @example
 * describeValue([5, 'x']); // '[5, "x"]'
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v !== 'object' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(describeValue).join(', ')}]`;
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name === undefined || name === 'Object' ? `an object {${Object.keys(v).join(', ')}}` : `a ${name}`;
}

/** True for a non-null object that is not an array. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Checks that `optimizer` has parameter groups with a finite lr each (what every scheduler writes).
 *
 * @example
 * checkOptimizer('StepLR', {}); // TypeError: StepLR: optimizer must have paramGroups …
 */
export function checkOptimizer(owner: string, optimizer: unknown): asserts optimizer is SchedulableOptimizer {
  const groups = isRecord(optimizer) ? optimizer.paramGroups : undefined;
  if (!Array.isArray(groups))
    throw new TypeError(`${owner}: optimizer must be an optimizer (an object with paramGroups: an array of { lr, ... }), got ${describeValue(optimizer)}`);
  groups.forEach((g: unknown, i) => {
    if (!isRecord(g)) throw new TypeError(`${owner}: optimizer.paramGroups[${i}] must be a parameter group { lr, ... }, got ${describeValue(g)}`);
    if (typeof g.lr !== 'number' || !Number.isFinite(g.lr))
      throw new TypeError(`${owner}: optimizer.paramGroups[${i}].lr must be a finite number, got ${describeValue(g.lr)}`);
  });
}

/** `step_size` → `stepSize`. */
function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * A scheduler's options object, checked: `undefined` is no options; anything but a plain object
 * (PyTorch's positional arguments, `new StepLR(opt, 50, 0.5)`) is refused with the object form in
 * the message; a key not in `known` is refused with the known ones listed (and the camelCase name
 * when the key is its snake_case). Checks the optimizer first.
 *
 * @example
 * const { stepSize, gamma = 0.1 } = readOptions('StepLR', optimizer, options, ['stepSize', 'gamma', 'lastEpoch']);
 */
export function readOptions<T extends object>(owner: string, optimizer: unknown, options: T | undefined, known: readonly (keyof T & string)[]): Partial<T> {
  checkOptimizer(owner, optimizer);
  if (options === undefined) return {};
  if (!isRecord(options))
    throw new TypeError(
      `${owner}: options must be an object { ${known.join(', ')} } (Descent takes scheduler options by name, not PyTorch's positional arguments), got ${describeValue(options)}`,
    );
  for (const key of Object.keys(options)) {
    if ((known as readonly string[]).includes(key)) continue;
    const camel = camelCase(key);
    const hint = camel !== key && (known as readonly string[]).includes(camel) ? ` (did you mean ${camel}? options are camelCase)` : '';
    throw new TypeError(`${owner}: unknown option ${key}${hint}; the options are ${known.join(', ')}`);
  }
  return options;
}

/**
 * Checks one numeric option: a TypeError when `value` is not a number, a RangeError when `ok`
 * refuses it (NaN fails every comparison), both worded `owner: key must be what, got value`.
 *
 * @example
 * checkNumber('StepLR', 'gamma', gamma, (g) => g > 0, 'positive');
 */
export function checkNumber(owner: string, key: string, value: unknown, ok: (x: number) => boolean, what: string): void {
  if (typeof value !== 'number') throw new TypeError(`${owner}: ${key} must be ${what}, got ${describeValue(value)}`);
  if (!ok(value)) throw new RangeError(`${owner}: ${key} must be ${what}, got ${describeValue(value)}`);
}

/**
 * Checks a boolean option.
 *
 * @example
 * checkBoolean('CyclicLR', 'cycleMomentum', true);
 */
export function checkBoolean(owner: string, key: string, value: unknown): void {
  if (typeof value !== 'boolean') throw new TypeError(`${owner}: ${key} must be a boolean, got ${describeValue(value)}`);
}

/** Whole numbers ≥ `min`. */
export const integerFrom = (min: number) => (x: number): boolean => Number.isInteger(x) && x >= min;

/**
 * Checks the epoch given to `step(epoch)`: absent, or a finite number.
 *
 * @example
 * checkEpoch('StepLR', '3'); // TypeError: StepLR.step: epoch must be a finite number, got "3"
 */
export function checkEpoch(owner: string, epoch: unknown): void {
  if (epoch === undefined) return;
  checkNumber(`${owner}.step`, 'epoch', epoch, Number.isFinite, 'a finite number');
}

/**
 * Checks a state dict's values against the fields they replace, by kind: a number for a number (not
 * NaN), a boolean for a boolean, a string for a string, an array for an array (numbers in it not NaN,
 * as long as the field's are numbers). Throws before anything is assigned.
 *
 * @example
 * checkFieldKinds('StepLR', scheduler, { lastEpoch: 'x' }); // TypeError
 */
export function checkFieldKinds(owner: string, obj: object, sd: Record<string, unknown>): void {
  const own = obj as Record<string, unknown>;
  for (const [key, value] of Object.entries(sd)) {
    const current = own[key];
    const fail = (what: string): never => {
      throw new TypeError(`${owner}.loadStateDict: ${key} must be ${what}, got ${describeValue(value)}`);
    };
    if (typeof current === 'number') {
      if (typeof value !== 'number') fail('a number');
      if (Number.isNaN(value)) throw new RangeError(`${owner}.loadStateDict: ${key} must be a number, got NaN`);
    } else if (typeof current === 'boolean') {
      if (typeof value !== 'boolean') fail('a boolean');
    } else if (typeof current === 'string') {
      if (typeof value !== 'string') fail('a string');
    } else if (Array.isArray(current)) {
      if (!Array.isArray(value)) fail('an array');
      const numbers = current.length > 0 && current.every((x) => typeof x === 'number');
      if (numbers && !(value as unknown[]).every((x) => typeof x === 'number' && !Number.isNaN(x))) fail('an array of numbers');
    } else if (isRecord(current)) {
      if (!isRecord(value)) fail('an object');
    }
  }
}
