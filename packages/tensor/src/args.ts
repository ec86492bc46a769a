/**
 * Argument forms PyTorch accepts and JavaScript would otherwise ignore: sizes and dims given as
 * varargs or as one array, and options objects whose unknown keys must be refused (a typo must not
 * silently fall back to a default).
 */

/** A list of sizes or dims, given as varargs (`view(2, 3)`) or as one array (`view([2, 3])`). */
export type IntList = number | readonly number[];

function kind(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return typeof value;
}

/**
 * The int list of `op`'s `name` argument from varargs or a single array, or PyTorch's TypeError
 * naming the argument and what it got.
 */
export function intListArg(op: string, name: string, args: readonly unknown[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly unknown[]) : args;
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${op}(): argument '${name}' must be tuple of ints, but found element of type ${kind(v)} at pos ${i}`);
    }
  });
  return list as number[];
}

/** An int argument, or PyTorch's TypeError naming it. */
export function intArg(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${op}(): argument '${name}' must be int, not ${kind(value)}`);
  return value;
}

/**
 * Refuses an options object with keys `op` does not take (Python's `unexpected keyword argument`),
 * and anything that is not a plain object.
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${op}(): expected an options object { ${allowed.join(', ')} }, got ${kind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new TypeError(`${op}() got an unexpected keyword argument '${key}'`);
  }
}

/**
 * Refuses arguments past the `max` that `op` takes (JavaScript would drop them silently); `extra`
 * is the op's rest parameter that collects them.
 */
export function checkArity(op: string, max: number, extra: readonly unknown[]): void {
  if (extra.length > 0) throw new TypeError(`${op}() takes at most ${max} arguments (${max + extra.length} given)`);
}
