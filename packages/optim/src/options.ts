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
export function withDefaults<O extends object>(defaults: O, options: Partial<O>, owner?: string): O {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(defaults)) out[k] = cloneValue(v);
  for (const [k, v] of Object.entries(options)) {
    if (owner !== undefined && !(k in out))
      throw new TypeError(
        `${owner}: unknown option ${k}; the options are ${Object.keys(out).join(', ')}`,
      );
    if (v !== undefined) out[k] = cloneValue(v);
  }
  return out as O;
}
