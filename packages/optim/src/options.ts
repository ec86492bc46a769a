/**
 * Option records: the caller's options over an optimizer's defaults, and deep copies of option and
 * state values (so groups, state dicts and the caller's objects never share an array or a tensor).
 */
import { Tensor } from '@descent/autograd';

/** A deep copy of a state value: tensors cloned, typed arrays and arrays (LBFGS's history) copied. */
export function cloneValue<T>(v: T): T {
  if (v instanceof Tensor) return v.clone() as T;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return (v as unknown as Float64Array).slice() as T;
  if (Array.isArray(v)) return v.map((x: unknown) => cloneValue(x)) as T;
  return v;
}

/** A group's options without `params`, arrays (`betas`, `etas`) copied so nothing is shared. */
export function copyOptions(group: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(group)) if (k !== 'params') out[k] = cloneValue(v);
  return out;
}

/**
 * `defaults` with the caller's options on top, skipping options that are `undefined` (so
 * `{ lr: undefined }` means "the default", as an omitted keyword does in PyTorch). Copies; the
 * caller's object is not touched. With `owner` (a constructor's options), a key the defaults do
 * not have is a TypeError, as an unexpected keyword argument is in Python; group options may carry
 * extra keys, as PyTorch's param-group dicts may.
 *
 * @example
 * withDefaults({ lr: 1e-3, eps: 1e-8 }, { lr: undefined, eps: 1e-6 }); // { lr: 1e-3, eps: 1e-6 }
 */
export function withDefaults<O extends object>(defaults: O, options: Partial<O> | number | undefined, owner?: string): O {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(defaults)) out[k] = cloneValue(v);
  const given = owner === undefined ? (options as Record<string, unknown>) : optionsObject(options, owner);
  for (const [k, v] of Object.entries(given)) {
    if (owner !== undefined && !(k in out)) throw unknownOption(owner, k, Object.keys(out));
    if (v !== undefined) out[k] = cloneValue(v);
  }
  if (owner !== undefined) checkKinds(defaults as Record<string, unknown>, given, owner);
  return out as O;
}

/**
 * A constructor's second argument as an options object: a number is PyTorch's positional learning
 * rate (`new Adam(params, 0.01)` is `{ lr: 0.01 }`), `undefined` is no options.
 *
 * @example
 * optionsObject(0.01, 'Adam'); // { lr: 0.01 }
 */
export function optionsObject(options: unknown, owner: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options === 'number') return { lr: options };
  if (typeof options !== 'object' || options === null || Array.isArray(options) || options instanceof Tensor)
    throw new TypeError(
      `${owner}: options must be an object of options (or a number: the learning rate, PyTorch's positional lr), got ${describeValue(options)}`,
    );
  return options as Record<string, unknown>;
}

/** `lr_decay` → `lrDecay`. */
function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * The error for an option `owner` does not have: the known ones listed, and the camelCase name
 * suggested when `key` is the snake_case of one (`weight_decay` → `weightDecay`).
 *
 * @example
 * throw unknownOption('StepLR', 'step_size', ['stepSize', 'gamma']);
 */
export function unknownOption(owner: string, key: string, known: readonly string[]): TypeError {
  const camel = camelCase(key);
  const hint = camel !== key && known.includes(camel) ? ` (did you mean ${camel}? options are camelCase)` : '';
  return new TypeError(`${owner}: unknown option ${key}${hint}; the options are ${known.join(', ')}`);
}

/**
 * A value as messages print it: strings quoted, arrays item by item, tensors by shape, other
 * objects by kind.
 *
 * @example
 * describeValue([5, 'x']); // '[5, "x"]'
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v !== 'object' || v === null) return String(v);
  if (v instanceof Tensor) return `a Tensor of shape [${v.shape.join(', ')}] (${v.dtype})`;
  if (Array.isArray(v)) return `[${v.map(describeValue).join(', ')}]`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name === undefined || name === 'Object' ? `an object {${Object.keys(v).join(', ')}}` : `a ${name}`;
}

/**
 * Checks the kind of every given option against its default: numbers for numbers (an undefined
 * default, SGD's required lr, also takes a number), booleans for booleans, pairs of numbers for
 * pairs. Ranges are the optimizers' own checks, worded as PyTorch's; NaN is left to them and to
 * {@link checkNoNaN}. Throws a TypeError naming the option and the value.
 *
 * @example
 * checkKinds({ lr: 1e-3 }, { lr: null }, 'Adam'); // TypeError: Adam: lr must be a number, got null
 */
export function checkKinds(defaults: Record<string, unknown>, options: Record<string, unknown>, owner: string): void {
  for (const [key, value] of Object.entries(options)) {
    if (key === 'params' || value === undefined || !(key in defaults)) continue;
    const reference = defaults[key];
    if (typeof reference === 'number' || (reference === undefined && key === 'lr')) {
      if (typeof value !== 'number') throw new TypeError(`${owner}: ${key} must be a number, got ${describeValue(value)}`);
    } else if (typeof reference === 'boolean') {
      if (typeof value !== 'boolean') throw new TypeError(`${owner}: ${key} must be a boolean, got ${describeValue(value)}`);
    } else if (Array.isArray(reference)) {
      // A null in the default (Adafactor's eps₁) may stay null.
      const fits = (x: unknown, i: number): boolean => typeof x === 'number' || (x === null && (reference as unknown[])[i] === null);
      if (!Array.isArray(value) || value.length !== reference.length || !value.every(fits))
        throw new TypeError(`${owner}: ${key} must be an array of ${reference.length} numbers, got ${describeValue(value)}`);
    }
  }
}

/**
 * Refuses NaN in any numeric option (after the optimizer's range checks, which word it as PyTorch
 * does where PyTorch checks that option).
 *
 * @example
 * checkNoNaN({ dampening: NaN }, 'SGD'); // RangeError: SGD: dampening must be a number, got NaN
 */
export function checkNoNaN(options: Record<string, unknown>, owner: string): void {
  for (const [key, value] of Object.entries(options)) {
    if (key === 'params') continue;
    const bad = typeof value === 'number' ? Number.isNaN(value) : Array.isArray(value) && value.some((x) => typeof x === 'number' && Number.isNaN(x));
    if (bad) throw new RangeError(`${owner}: ${key} must be a number, got ${describeValue(value)}`);
  }
}
