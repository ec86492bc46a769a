/**
 * Per-parameter optimizer state: what an entry may hold, and the checks run on it before a step
 * and when a state dict is loaded.
 */
import { Tensor, gradOf } from '@descent/autograd';
import { describeValue } from './options';

/** A value in an optimizer's per-parameter state. */
export type StateValue = Tensor | number | null;

/** The state of one parameter (keys are the camelCase of PyTorch's). */
export type ParamState = Record<string, StateValue>;

/**
 * What a state entry must hold (see {@link Optimizer.stateSpec}): a tensor shaped like its parameter
 * (`tensor`), such a tensor or null / absent (`tensor?`), a whole number ≥ 0 (`count`, e.g. `step`),
 * or a finite number (`number`).
 */
export type StateKind = 'tensor' | 'tensor?' | 'count' | 'number';

/** True when a state record has no keys (PyTorch's empty defaultdict entry). */
export function isEmpty(state: ParamState): boolean {
  for (const _ in state) return false;
  return true;
}

/** Whether `value` is of `kind` for parameter `p` (the fast check run before every step). */
export function stateOk(value: unknown, kind: StateKind, p: Tensor): boolean {
  if (kind === 'count') return typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (value instanceof Tensor) {
    const a = value.shape;
    const b = p.shape;
    if (a.length !== b.length || value.dtype === 'bool') return false;
    for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return false;
    return true;
  }
  return kind === 'tensor?' && (value === null || value === undefined);
}

/** Why `value` is not of `kind` for parameter `p`, or null when it is. */
export function stateProblem(value: unknown, kind: StateKind, p: Tensor): string | null {
  switch (kind) {
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : 'a whole number ≥ 0';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a finite number';
    default: {
      if (kind === 'tensor?' && (value === null || value === undefined)) return null;
      const want = `a tensor of shape ${shapeText(p)}${kind === 'tensor?' ? ' or null' : ''}`;
      if (!(value instanceof Tensor)) return want;
      if (value.dtype !== 'float32' && value.dtype !== 'float64' && value.dtype !== 'int32') return `${want} (a number dtype)`;
      return value.ndim === p.ndim && value.shape.every((d, i) => d === p.shape[i]) ? null : want;
    }
  }
}

/** The shape of a tensor as PyTorch prints it in messages: `[2, 3]`. */
export function shapeText(t: { shape: readonly number[] }): string {
  return `[${t.shape.join(', ')}]`;
}

/**
 * Checks the state every parameter with a gradient will be stepped with, before the step writes
 * anything: a state changed by hand or made for other options (amsgrad switched on later) throws a
 * clear Error instead of failing halfway through the parameters. `specOf` gives a group's
 * expected entries (null: unchecked).
 */
export function checkStepState<G extends { params: Tensor[] }>(
  owner: string,
  groups: readonly G[],
  states: ReadonlyMap<Tensor, ParamState>,
  specOf: (group: G) => Readonly<Record<string, StateKind>> | null,
): void {
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as G;
    const spec = specOf(group);
    if (spec === null) continue;
    const entries = Object.entries(spec);
    const params = group.params;
    for (let i = 0; i < params.length; i++) {
      const p = params[i] as Tensor;
      if (gradOf(p) === null) continue;
      const state = states.get(p);
      if (state === undefined) continue;
      for (let k = 0; k < entries.length; k++) {
        const [key, kind] = entries[k] as [string, StateKind];
        if (stateOk(state[key], kind, p)) continue;
        if (isEmpty(state)) break; // a fresh state: created by the step
        throw new Error(
          `${owner}.step: the state of parameter ${i} of group ${g} needs ${key} to be ${stateProblem(state[key], kind, p) ?? kind}, got ${describeValue(state[key])} (the state was changed by hand or made for other options); nothing was updated`,
        );
      }
    }
  }
}
