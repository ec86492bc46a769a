/**
 * Saving and loading an optimizer's state (PyTorch's `state_dict` / `load_state_dict`):
 * parameters replaced by their index across groups, values deep-copied both ways, and a loaded
 * dict checked in full before anything changes.
 */
import { Tensor, noGrad } from '@descent/autograd';
import { moveIntoWasm, zerosLikeParam } from './buffers';
import { checkKinds, checkNoNaN, cloneValue, copyOptions, describeValue } from './options';
import { isRecord } from './param-groups';
import type { ParamGroup } from './param-groups';
import { isEmpty, shapeText, stateProblem } from './param-state';
import type { ParamState, StateKind } from './param-state';

/** A serialisable snapshot: state by parameter index, groups with their params as indices. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: Record<string, unknown>[];
}

/** What loading needs from the optimizer: its defaults and its own checks (see Optimizer). */
export interface StateDictChecks<O> {
  defaults: Readonly<O>;
  validateGroup(group: ParamGroup<O>, loading: boolean): void;
  stateSpec(group: ParamGroup<O>): Readonly<Record<string, StateKind>> | null;
  validateState(sd: OptimizerStateDict, byIndex: ReadonlyMap<number, Tensor>): void;
}

/** The state dict of `groups` and `states` (see `Optimizer.stateDict`). */
export function saveStateDict<O>(
  groups: readonly ParamGroup<O>[],
  states: ReadonlyMap<Tensor, ParamState>,
): OptimizerStateDict {
  const index = new Map<Tensor, number>();
  let next = 0;
  const paramGroups = groups.map((g) => ({
    ...copyOptions(g),
    params: g.params.map((p) =>
      index.has(p) ? (index.get(p) as number) : (index.set(p, next), next++),
    ),
  }));
  const state: Record<number, ParamState> = {};
  for (const [p, s] of states) {
    const i = index.get(p);
    if (i === undefined) continue;
    state[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, cloneValue(v)]));
  }
  return { state, paramGroups };
}

/**
 * Loads `sd` into `groups` and `states` (see `Optimizer.loadStateDict`): everything is checked
 * first, then the copies are built and swapped in, so a refused dict changes nothing.
 */
export function loadStateDictInto<O>(
  owner: string,
  groups: readonly ParamGroup<O>[],
  states: Map<Tensor, ParamState>,
  sd: OptimizerStateDict,
  checks: StateDictChecks<O>,
): void {
  const name = `${owner}.loadStateDict`;
  if (!isRecord(sd))
    throw new TypeError(`${name}: expected a state dict { state, paramGroups } from stateDict(), got ${describeValue(sd)}`);
  const loaded = sd.paramGroups as unknown;
  if (!Array.isArray(loaded))
    throw new TypeError(`${name}: paramGroups must be an array of parameter groups, got ${describeValue(loaded)}`);
  if (!isRecord(sd.state))
    throw new TypeError(`${name}: state must be an object of parameter states by index, got ${describeValue(sd.state)}`);
  if (loaded.length !== groups.length) {
    throw new RangeError('loaded state dict has a different number of parameter groups');
  }
  const seen = new Set<number>();
  (loaded as unknown[]).forEach((g, i) => {
    if (!isRecord(g)) throw new TypeError(`${name}: paramGroups[${i}] must be a parameter group, got ${describeValue(g)}`);
    const own = groups[i] as ParamGroup<O>;
    const ids = g.params;
    if (!Array.isArray(ids) || ids.length !== own.params.length) {
      throw new RangeError(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      );
    }
    for (const id of ids as unknown[]) {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || seen.has(id))
        throw new TypeError(`${name}: paramGroups[${i}].params must hold distinct parameter indices (whole numbers ≥ 0), got ${describeValue(id)}`);
      seen.add(id);
    }
    // The loaded options must pass the constructor's checks, with the same messages.
    const options = copyOptions(g);
    checkKinds(checks.defaults, options, `${name}: paramGroups[${i}]`);
    const merged = { ...copyOptions(own), ...options, params: own.params } as ParamGroup<O>;
    for (const key of Object.keys(checks.defaults)) {
      if (merged[key] === undefined)
        throw new TypeError(`${name}: paramGroups[${i}].${key} must be given, got undefined`);
    }
    checks.validateGroup(merged, true);
    checkNoNaN(merged, `${name}: paramGroups[${i}]`);
  });
  const byIndex = new Map<number, Tensor>();
  const groupOf = new Map<number, ParamGroup<O>>();
  (loaded as { params: number[] }[]).forEach((g, i) =>
    g.params.forEach((id, j) => {
      const own = groups[i] as ParamGroup<O>;
      byIndex.set(id, own.params[j] as Tensor);
      // The options the state will be stepped with: the loaded group's over the current ones.
      groupOf.set(id, { ...own, ...copyOptions(g) });
    }),
  );
  for (const [key, s] of Object.entries(sd.state)) {
    const p = byIndex.get(Number(key));
    if (p === undefined)
      throw new RangeError(
        `loaded state dict has state for parameter ${key}, which is in no group`,
      );
    if (!isRecord(s))
      throw new TypeError(`${name}: state[${key}] must be an object of state entries, got ${describeValue(s)}`);
    for (const [k, v] of Object.entries(s)) {
      if (v instanceof Tensor && (v.ndim !== p.ndim || v.shape.some((d, i) => d !== p.shape[i])))
        throw new RangeError(
          `loaded state dict has ${k} of shape ${shapeText(v)} for parameter ${key} of shape ${shapeText(p)}`,
        );
      // A tensor that went through JSON comes back as a plain object: refuse it, don't store it.
      if (typeof v === 'object' && v !== null && !(v instanceof Tensor) && !ArrayBuffer.isView(v) && !Array.isArray(v))
        throw new TypeError(
          `loaded state dict has ${k} of parameter ${key} that is neither a tensor nor a number, got ${Object.prototype.toString.call(v)} (rebuild tensors after a JSON round trip)`,
        );
      if (typeof v !== 'number' && typeof v !== 'object' && v !== undefined)
        throw new TypeError(`${name}: state[${key}].${k} must be a tensor or a number, got ${describeValue(v)}`);
      if (typeof v === 'number' && Number.isNaN(v))
        throw new RangeError(`${name}: state[${key}].${k} must be a number, got NaN`);
    }
    const spec = checks.stateSpec(groupOf.get(Number(key)) as ParamGroup<O>);
    if (spec !== null && !isEmpty(s)) {
      for (const k in spec) {
        const problem = stateProblem(s[k], spec[k] as StateKind, p);
        if (problem !== null)
          throw new TypeError(`${name}: state[${key}].${k} must be ${problem}, got ${describeValue(s[k])}`);
      }
    }
  }
  checks.validateState(sd, byIndex);
  // Checked: now build the copies, then swap them in.
  const newState = new Map<Tensor, ParamState>();
  for (const [key, s] of Object.entries(sd.state)) {
    const p = byIndex.get(Number(key)) as Tensor;
    newState.set(
      p,
      Object.fromEntries(
        Object.entries(s).map(([k, v]) => [
          k,
          // Into a fresh state buffer (WebAssembly memory for large float32 params, as on a first step),
          // on the parameter's device (a CPU checkpoint loads into an optimizer of GPU parameters).
          v instanceof Tensor ? noGrad(() => zerosLikeParam(p).copy_(onDeviceOf(v.to(p.dtype), p))) : cloneValue(v),
        ]),
      ),
    );
  }
  for (const p of newState.keys()) moveIntoWasm(p);
  states.clear();
  for (const [p, s] of newState) states.set(p, s);
  (loaded as Record<string, unknown>[]).forEach((g, i) => Object.assign(groups[i] as ParamGroup<O>, copyOptions(g)));
}

/** `t` on `p`'s device (uploaded when a CPU state tensor is loaded for a GPU parameter). */
function onDeviceOf(t: Tensor, p: Tensor): Tensor {
  return t.storage.device === p.storage.device ? t : (t.to(p.storage.device));
}
