/**
 * PyTorch's way of passing the extra arguments of a functional op: positionally in signature order
 * (`leakyRelu(x, 0.2)`), or by keyword as one options object last (`leakyRelu(x, { negativeSlope:
 * 0.2 })`). Every activation of nn.functional reads its arguments through here, so the whole family
 * takes them the same way and refuses unknown keywords, repeated arguments and wrong kinds.
 */
import { Tensor as BaseTensor } from '@descent/tensor';

function kind(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (value instanceof BaseTensor) return 'Tensor';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return typeof value;
}

function isOptions(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof BaseTensor);
}

/**
 * The arguments of `op` after its input: `args` positionally in the order of `defaults`' keys, or
 * an options object last; missing ones take their default. Each value must have its default's
 * kind (a number, a string, or a boolean); a `null` default accepts a number too.
 *
 * @example
 * keywordArgs('elu', [{ alpha: 0.5 }], { alpha: 1 }); // { alpha: 0.5 }
 */
export function keywordArgs<T extends Record<string, number | string | boolean | null>>(op: string, args: readonly unknown[], defaults: T): T {
  const names = Object.keys(defaults);
  const last = args[args.length - 1];
  const options = isOptions(last) ? last : {};
  const positional = isOptions(last) ? args.slice(0, -1) : args;
  if (positional.length > names.length) {
    throw new TypeError(`${op}() takes from 1 to ${names.length + 1} positional arguments but ${positional.length + 1} were given`);
  }
  const out: Record<string, unknown> = { ...defaults };
  positional.forEach((v, i) => {
    if (v !== undefined) out[names[i] as string] = v;
  });
  for (const [key, value] of Object.entries(options)) {
    const at = names.indexOf(key);
    if (at < 0) throw new TypeError(`${op}() got an unexpected keyword argument '${key}'`);
    if (at < positional.length && positional[at] !== undefined) throw new TypeError(`${op}() got multiple values for argument '${key}'`);
    if (value !== undefined) out[key] = value;
  }
  for (const name of names) {
    const want = defaults[name];
    const got = out[name];
    const ok = want === null ? got === null || typeof got === 'number' : typeof got === typeof want;
    if (!ok) throw new TypeError(`${op}(): argument '${name}' must be ${want === null ? 'a number or null' : typeof want}, not ${kind(got)}`);
  }
  return out as T;
}
