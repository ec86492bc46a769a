import { formatValue, isPlainObject } from '../format-value';

/**
 * Reads the fields of a state dict being loaded, naming the owner and the full path of a bad
 * field (`RandomSampler.loadStateDict: state.epoch.remaining[3] must be …, got 1.5`). Wrong kinds
 * throw TypeError, numbers out of range RangeError, missing or unexpected keys Error.
 */
export class StateReader {
  readonly value: Record<string, unknown>;

  constructor(
    readonly owner: string,
    value: unknown,
    readonly path: string,
    allowed: readonly string[],
  ) {
    if (!isPlainObject(value))
      throw new TypeError(
        `${owner}.loadStateDict: ${path} must be a plain object, got ${formatValue(value)}`,
      );
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        throw new Error(
          `${owner}.loadStateDict: ${path} has unexpected key '${key}', expected only ${allowed.map((k) => `'${k}'`).join(', ')}`,
        );
    }
    this.value = value;
  }

  /** `path.key`, for messages. */
  at(key: string): string {
    return `${this.path}.${key}`;
  }

  private fail(key: string, what: string, got: unknown, range = false): never {
    const message = `${this.owner}.loadStateDict: ${this.at(key)} must be ${what}, got ${formatValue(got)}`;
    throw range ? new RangeError(message) : new TypeError(message);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  /** Throws unless the key is present exactly when `expected` is true; `why` explains. */
  presence(key: string, expected: boolean, why: string): void {
    if (this.has(key) !== expected)
      throw new Error(
        `${this.owner}.loadStateDict: ${this.at(key)} is ${expected ? 'missing' : 'unexpected'}: ${why}`,
      );
  }

  /** An integer in [min, max]. */
  integer(key: string, min: number, max: number): number {
    const v = this.value[key];
    if (typeof v !== 'number') this.fail(key, `an integer in [${min}, ${max}]`, v);
    if (!(Number.isInteger(v) && v >= min && v <= max))
      this.fail(key, `an integer in [${min}, ${max}]`, v, true);
    return v;
  }

  /** A value that must equal this object's own setting (a state of another configuration is refused). */
  same(key: string, expected: number | boolean): void {
    const v = this.value[key];
    if (v !== expected)
      throw new Error(
        `${this.owner}.loadStateDict: ${this.at(key)} is ${formatValue(v)}, expected ${expected}: a state loads only into a loader or sampler of the same configuration`,
      );
  }

  /** An array of at most `maxLength` integers, each accepted by `valid` (described by `what`). */
  indices(key: string, maxLength: number, valid: (i: number) => boolean, what: string): number[] {
    const v = this.value[key];
    if (!Array.isArray(v)) this.fail(key, `an array of ${what}`, v);
    if (v.length > maxLength)
      throw new RangeError(
        `${this.owner}.loadStateDict: ${this.at(key)} has ${v.length} entries, expected at most ${maxLength}`,
      );
    (v as unknown[]).forEach((i, k) => {
      if (typeof i !== 'number') this.fail(`${key}[${k}]`, what, i);
      if (!(Number.isInteger(i) && valid(i))) this.fail(`${key}[${k}]`, what, i, true);
    });
    return (v as number[]).slice();
  }

  /** A nested object, read with its own allowed keys. */
  child(key: string, allowed: readonly string[]): StateReader {
    return new StateReader(this.owner, this.value[key], this.at(key), allowed);
  }
}
