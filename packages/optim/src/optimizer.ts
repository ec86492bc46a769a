/**
 * The base of every optimizer: parameter groups with defaults filled in, per-parameter state,
 * zeroGrad, step hooks and state dicts (parameters by index, as PyTorch). Subclasses implement
 * `step` as bookkeeping around a pure update function.
 */
import { Tensor, enableGrad, noGrad } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { floats, moveIntoWasm, zerosLikeParam } from './buffers';
import { dropLayout, gather, layOut, scatter, stillLaidOut, type FlatLayout } from './flat';
import { checkKinds, checkNoNaN, cloneValue, copyOptions, describeValue, withDefaults } from './options';

/** A parameter group as the caller gives it: its params and any per-group options. */
export type ParamGroupInput<O> = { params: Iterable<Tensor> } & Partial<O>;

/** What an optimizer accepts: parameters, or groups of parameters with their own options. */
export type ParamsInput<O> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/** A parameter group after construction: every option filled in. */
export type ParamGroup<O> = O & { params: Tensor[]; [key: string]: unknown };

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

/** A serialisable snapshot: state by parameter index, groups with their params as indices. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: Record<string, unknown>[];
}

/** What every optimizer offers, whatever its options type (for code that takes any of them). */
export interface OptimizerLike {
  readonly paramGroups: readonly { params: Tensor[]; lr?: unknown; [key: string]: unknown }[];
  readonly state: Map<Tensor, ParamState>;
  step(closure?: () => number | Tensor): number | undefined;
  zeroGrad(options?: { setToNone?: boolean }): void;
  stateDict(): OptimizerStateDict;
  loadStateDict(sd: OptimizerStateDict): void;
}

/** A removable hook registration. */
export interface HookHandle {
  remove(): void;
}

/** Called before every `step`. */
export type StepPreHook<T> = (optimizer: T) => void;
/** Called after every `step`. */
export type StepPostHook<T> = (optimizer: T) => void;

function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** A parameter with a gradient, as the update loops see it. */
interface ParamEntry {
  param: Tensor;
  grad: Tensor;
  state: ParamState;
}

/** Layouts a group may get (see paramsWithGrad) before it stays on the per-parameter path. */
const MAX_LAYOUTS = 4;

/** True when a state record has no keys (PyTorch's empty defaultdict entry). */
function isEmpty(state: ParamState): boolean {
  for (const _ in state) return false;
  return true;
}


/** True for a non-null object that is not an array or a tensor (an options record or a group). */
function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor);
}

/** Whether `value` is of `kind` for parameter `p` (the fast check run before every step). */
function stateOk(value: unknown, kind: StateKind, p: Tensor): boolean {
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
function stateProblem(value: unknown, kind: StateKind, p: Tensor): string | null {
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
function shapeText(t: { shape: readonly number[] }): string {
  return `[${t.shape.join(', ')}]`;
}

/**
 * Base class of the optimizers (torch.optim.Optimizer).
 *
 * @example
 * class Plain extends Optimizer<{ lr: number }> {
 *   step() { … }
 * }
 */
export abstract class Optimizer<O extends object> {
  /** The options every group starts from. */
  readonly defaults: Readonly<O>;
  /** The parameter groups, options filled in. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, created on first use. */
  readonly state = new Map<Tensor, ParamState>();
  private readonly preHooks = new Map<number, StepPreHook<this>>();
  private readonly postHooks = new Map<number, StepPostHook<this>>();
  private hookId = 0;
  /** (parameter, contiguous working copy) pairs of the current step, written back after it. */
  private readonly writeBacks: [Tensor, Tensor][] = [];
  /** Reused by paramsWithGrad, so a step allocates no bookkeeping objects after the first. */
  private readonly entries: ParamEntry[] = [];
  /** The parameters the current step writes (their storage versions are bumped after it). */
  private readonly stepped: Tensor[] = [];
  /** Groups laid out for one flat pass (see flat.ts), and those stepped flat in this step. */
  private readonly layouts = new Map<ParamGroup<O>, FlatLayout>();
  private readonly steppedFlat: FlatLayout[] = [];
  /** How often each group was laid out: one that keeps leaving its layout stops being laid out. */
  private readonly layoutCounts = new Map<ParamGroup<O>, number>();
  /** Groups that could not be laid out flat and whose large params were moved into wasm memory. */
  private readonly residentGroups = new WeakSet<ParamGroup<O>>();

  constructor(params: ParamsInput<O>, defaults: O) {
    this.defaults = { ...defaults };
    checkNoNaN(this.defaults, this.constructor.name);
    const iterable = typeof params === 'object' && params !== null && typeof (params as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
    if (!iterable) {
      throw new TypeError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${describeValue(params)}`,
      );
    }
    if (params instanceof Set) {
      throw new TypeError(
        'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Set (its order is not stable)',
      );
    }
    if (isTensor(params)) {
      throw new TypeError(
        'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor',
      );
    }
    const list = [...(params as Iterable<Tensor | ParamGroupInput<O>>)];
    if (list.length === 0) throw new RangeError('optimizer got an empty parameter list');
    // As PyTorch: a list whose first item is not a group (a dict) is a list of parameters.
    const groups: ParamGroupInput<O>[] = !isRecord(list[0])
      ? [{ params: list as Tensor[] } as unknown as ParamGroupInput<O>]
      : (list as ParamGroupInput<O>[]);
    // Validate every group before adding any, so a bad group leaves nothing half-built.
    const seen = new Set<Tensor>();
    for (const g of groups) {
      const params = this.checkGroup(g);
      if (params.some((p) => seen.has(p)))
        throw new Error('some parameters appear in more than one parameter group');
      for (const p of params) seen.add(p);
    }
    for (const g of groups) this.addParamGroup(g);
  }

  private checkGroup(group: ParamGroupInput<O>): Tensor[] {
    if (!isRecord(group))
      throw new TypeError(`param group must be an object { params, ...options }, got ${describeValue(group)}`);
    const given = group.params as unknown;
    const iterable = typeof given === 'object' && given !== null && typeof (given as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
    if (!isTensor(given) && !iterable)
      throw new TypeError(`param group's params must be a Tensor or an iterable of Tensors, got ${describeValue(given)}`);
    if (group.params instanceof Set) {
      throw new TypeError(
        'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
      );
    }
    const params = isTensor(group.params) ? [group.params] : [...group.params];
    for (const p of params) {
      if (!isTensor(p))
        throw new TypeError(
          `optimizer can only optimize Tensors, but one of the params is ${p === null ? 'null' : typeof p}`,
        );
      if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
    }
    // PyTorch 1.13 only warns ("in future, this will cause an error"): the parameter would be
    // stepped twice per step. We make it the error.
    if (new Set(params).size !== params.length)
      throw new Error('optimizer contains a parameter group with duplicate parameters');
    return params;
  }

  /**
   * Adds a group; missing (or `undefined`) options come from the defaults, and the group's options
   * are checked as the constructor checks the defaults. Nothing changes when it throws.
   *
   * @example
   * opt.addParamGroup({ params: head.parameters(), lr: 1e-2 });
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    const params = this.checkGroup(group);
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (params.includes(p))
          throw new Error('some parameters appear in more than one parameter group');
      }
    }
    const options = copyOptions(group);
    checkKinds(this.defaults, options, `${this.constructor.name}: parameter group`);
    const filled = {
      ...withDefaults(this.defaults as O, options as Partial<O>),
      params,
    } as ParamGroup<O>;
    // A default left undefined is PyTorch's `required` (SGD's lr): the group must give it.
    for (const [key, value] of Object.entries(filled)) {
      if (value === undefined)
        throw new Error(
          `parameter group didn't specify a value of required optimization parameter ${key}`,
        );
    }
    this.validateGroup(filled);
    checkNoNaN(filled, `${this.constructor.name}: parameter group`);
    this.paramGroups.push(filled);
    this.initGroup(filled);
  }

  /**
   * Checks one group's options (throws before anything is stored). Override per optimizer.
   * `loading`: the group comes from `loadStateDict` and replaces an existing one.
   */
  protected validateGroup(_group: ParamGroup<O>, _loading = false): void {}

  /**
   * What each state entry of a parameter in `group` must hold, checked by `loadStateDict` and before
   * every step; null (the default) checks only that entries are tensors shaped like their parameter
   * or numbers. Override per optimizer.
   */
  protected stateSpec(_group: ParamGroup<O>): Readonly<Record<string, StateKind>> | null {
    return null;
  }

  /**
   * Checks the state every parameter with a gradient will be stepped with, before the step writes
   * anything: a state changed by hand or made for other options (amsgrad switched on later) throws a
   * clear Error instead of failing halfway through the parameters.
   */
  private checkStepState(): void {
    for (let g = 0; g < this.paramGroups.length; g++) {
      const group = this.paramGroups[g] as ParamGroup<O>;
      const spec = this.stateSpec(group);
      if (spec === null) continue;
      const entries = Object.entries(spec);
      const params = group.params;
      for (let i = 0; i < params.length; i++) {
        const p = params[i] as Tensor;
        if (p.grad === null) continue;
        const state = this.state.get(p);
        if (state === undefined) continue;
        for (let k = 0; k < entries.length; k++) {
          const [key, kind] = entries[k] as [string, StateKind];
          if (stateOk(state[key], kind, p)) continue;
          if (isEmpty(state)) break; // a fresh state: created by the step
          throw new Error(
            `${this.constructor.name}.step: the state of parameter ${i} of group ${g} needs ${key} to be ${stateProblem(state[key], kind, p) ?? kind}, got ${describeValue(state[key])} (the state was changed by hand or made for other options); nothing was updated`,
          );
        }
      }
    }
  }

  /** Creates state eagerly for a new group (Adagrad does). Override per optimizer. */
  protected initGroup(_group: ParamGroup<O>): void {}

  /**
   * Resets gradients: to null (the default, PyTorch 2.0's) or to zero in place, cut from any graph
   * (a gradient built with `createGraph` is detached first, as PyTorch does).
   *
   * @example
   * opt.zeroGrad(); // grads become null
   * opt.zeroGrad({ setToNone: false }); // grads become zeros
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const { setToNone = true } = options;
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        const grad = p.grad;
        if (grad === null) continue;
        if (setToNone) {
          p.grad = null;
          continue;
        }
        if (grad.gradFn !== null) grad.detach_();
        else grad.requiresGrad_(false);
        noGrad(() => grad.zero_());
      }
    }
  }

  /** Performs one update; `closure` re-evaluates the loss and is returned's value source. */
  abstract step(closure?: () => number | Tensor): number | undefined;

  /** Runs a whole step between the pre- and post-hooks (every `step`, LBFGS's included). */
  protected withHooks(step: () => number | undefined): number | undefined {
    for (const hook of this.preHooks.values()) hook(this);
    const loss = step();
    for (const hook of this.postHooks.values()) hook(this);
    return loss;
  }

  /** Runs the hooks around the update body; evaluates the closure with grad enabled first. */
  protected runStep(
    closure: (() => number | Tensor) | undefined,
    body: () => void,
  ): number | undefined {
    return this.withHooks(() => {
      let loss: number | undefined;
      if (closure) {
        const value = enableGrad(closure);
        loss = typeof value === 'number' ? value : value.item();
      }
      this.checkStepState();
      try {
        noGrad(() => {
          body();
          // Groups stepped in one flat pass: their numbers (step, …) go back to every parameter.
          for (const layout of this.steppedFlat) {
            if (!scatter(layout, (p) => this.state.get(p) as ParamState)) {
              for (const [group, l] of this.layouts) if (l === layout) this.layouts.delete(group);
            }
          }
          // Non-contiguous parameters were updated in contiguous copies: write them back.
          for (const [param, work] of this.writeBacks) param.data.copy_(work);
        });
      } finally {
        // An update is an in-place op: autograd must see it (a graph that saved a parameter before
        // the step refuses to backpropagate through it afterwards, as PyTorch does).
        for (const p of this.stepped) p.storage.version++;
        this.stepped.length = 0;
        this.writeBacks.length = 0;
        this.steppedFlat.length = 0;
      }
      return loss;
    });
  }

  /**
   * The parameters that have a gradient, with their state (created by `init` on first use). The
   * returned list and its entries are reused by the next call: consume it before calling again.
   */
  protected paramsWithGrad(
    group: ParamGroup<O>,
    init: (p: Tensor) => ParamState,
  ): readonly ParamEntry[] {
    const out = this.entries;
    let n = 0;
    let created = false;
    for (const param of group.params) {
      const grad = param.grad;
      if (grad === null) continue;
      this.stepped.push(param);
      let state = this.state.get(param);
      if (state === undefined || isEmpty(state)) {
        // A larger group is laid out flat from its second step (in wasm memory too): moving its
        // params now would copy them twice. It moves below if it cannot be laid out.
        if (group.params.length === 1) moveIntoWasm(param);
        state = init(param);
        this.state.set(param, state);
        created = true;
      }
      // The update loops run over contiguous memory; a strided parameter (a view) is updated in a
      // contiguous copy that runStep writes back, and a strided gradient is read from a copy.
      let work = param;
      if (!param.isContiguous()) {
        work = param.detach().contiguous();
        this.writeBacks.push([param, work]);
      }
      const entry = out[n] ?? (out[n] = { param, grad, state });
      entry.param = work;
      entry.grad = grad.isContiguous() ? grad : grad.contiguous();
      entry.state = state;
      n++;
    }
    out.length = n;
    // Once every parameter of the group has stepped alongside the others, one flat pass updates
    // them all (flat.ts); a group that no longer fits its layout goes back to one call each.
    let layout = this.layouts.get(group);
    if (layout !== undefined && !stillLaidOut(layout, out)) {
      this.layouts.delete(group);
      dropLayout(layout);
      layout = undefined;
    }
    // A group laid out again and again (two optimizers over the same tensors, a state dict loaded
    // every step) would allocate new arrays each time: after a few, it stays on the per-parameter path.
    const count = this.layoutCounts.get(group) ?? 0;
    if (layout === undefined && !created && count < MAX_LAYOUTS) {
      layout = layOut(out, group.params.length) ?? undefined;
      if (layout !== undefined) {
        this.layouts.set(group, layout);
        this.layoutCounts.set(group, count + 1);
      }
    }
    if (layout === undefined) {
      if (!created && !this.residentGroups.has(group)) {
        for (const entry of out) moveIntoWasm(entry.param);
        this.residentGroups.add(group);
      }
      return out;
    }
    this.steppedFlat.push(layout);
    return gather(layout, out);
  }

  /**
   * The usual step: for every group, each parameter with a gradient gets its state (made by `init`
   * on first use) and one call of the optimizer's pure update function on contiguous values.
   */
  protected stepEach(
    closure: (() => number | Tensor) | undefined,
    init: (param: Tensor, group: ParamGroup<O>) => ParamState,
    update: (param: FloatArray, grad: FloatArray, state: ParamState, group: ParamGroup<O>) => void,
  ): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        for (const { param, grad, state } of this.paramsWithGrad(group, (p) => init(p, group))) {
          update(floats(param), floats(grad), state, group);
        }
      }
    });
  }

  /** Registers a hook called before each step. */
  registerStepPreHook(hook: StepPreHook<this>): HookHandle {
    const id = this.hookId++;
    this.preHooks.set(id, hook);
    return { remove: () => this.preHooks.delete(id) };
  }

  /** Registers a hook called after each step. */
  registerStepPostHook(hook: StepPostHook<this>): HookHandle {
    const id = this.hookId++;
    this.postHooks.set(id, hook);
    return { remove: () => this.postHooks.delete(id) };
  }

  /**
   * A copy of the state and groups, parameters replaced by their index (numbered across groups in
   * order, as PyTorch's `state_dict`). Tensors, arrays and option pairs are copied: stepping on
   * does not change a saved dict, and changing the dict does not change the optimizer.
   *
   * @example
   * const saved = opt.stateDict(); // … later, on a fresh optimizer over the same parameters:
   * fresh.loadStateDict(saved);
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let next = 0;
    const paramGroups = this.paramGroups.map((g) => ({
      ...copyOptions(g),
      params: g.params.map((p) =>
        index.has(p) ? (index.get(p) as number) : (index.set(p, next), next++),
      ),
    }));
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      state[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, cloneValue(v)]));
    }
    return { state, paramGroups };
  }

  /**
   * Restores a state dict from {@link stateDict}: groups are matched by position and parameters by
   * index, state tensors are copied (cast to the parameter's dtype, as PyTorch does). Everything is
   * checked first — the number of groups, each group's size, and that every state tensor has its
   * parameter's shape — so a dict of another layout throws and changes nothing.
   *
   * @example
   * opt.loadStateDict(saved);
   */
  loadStateDict(sd: OptimizerStateDict): void {
    const name = `${this.constructor.name}.loadStateDict`;
    if (!isRecord(sd))
      throw new TypeError(`${name}: expected a state dict { state, paramGroups } from stateDict(), got ${describeValue(sd)}`);
    const groups = sd.paramGroups as unknown;
    if (!Array.isArray(groups))
      throw new TypeError(`${name}: paramGroups must be an array of parameter groups, got ${describeValue(groups)}`);
    if (!isRecord(sd.state))
      throw new TypeError(`${name}: state must be an object of parameter states by index, got ${describeValue(sd.state)}`);
    if (groups.length !== this.paramGroups.length) {
      throw new RangeError('loaded state dict has a different number of parameter groups');
    }
    const seen = new Set<number>();
    (groups as unknown[]).forEach((g, i) => {
      if (!isRecord(g)) throw new TypeError(`${name}: paramGroups[${i}] must be a parameter group, got ${describeValue(g)}`);
      const own = this.paramGroups[i] as ParamGroup<O>;
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
      checkKinds(this.defaults, options, `${name}: paramGroups[${i}]`);
      const merged = { ...copyOptions(own), ...options, params: own.params } as ParamGroup<O>;
      for (const key of Object.keys(this.defaults)) {
        if (merged[key] === undefined)
          throw new TypeError(`${name}: paramGroups[${i}].${key} must be given, got undefined`);
      }
      this.validateGroup(merged, true);
      checkNoNaN(merged, `${name}: paramGroups[${i}]`);
    });
    const byIndex = new Map<number, Tensor>();
    const groupOf = new Map<number, ParamGroup<O>>();
    (groups as { params: number[] }[]).forEach((g, i) =>
      g.params.forEach((id, j) => {
        const own = this.paramGroups[i] as ParamGroup<O>;
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
      const spec = this.stateSpec(groupOf.get(Number(key)) as ParamGroup<O>);
      if (spec !== null && !isEmpty(s)) {
        for (const k in spec) {
          const problem = stateProblem(s[k], spec[k] as StateKind, p);
          if (problem !== null)
            throw new TypeError(`${name}: state[${key}].${k} must be ${problem}, got ${describeValue(s[k])}`);
        }
      }
    }
    this.validateState(sd, byIndex);
    // Checked: now build the copies, then swap them in.
    const newState = new Map<Tensor, ParamState>();
    for (const [key, s] of Object.entries(sd.state)) {
      const p = byIndex.get(Number(key)) as Tensor;
      newState.set(
        p,
        Object.fromEntries(
          Object.entries(s).map(([k, v]) => [
            k,
            // Into a fresh state buffer (WebAssembly memory for large float32 params, as on a first step).
            v instanceof Tensor ? noGrad(() => zerosLikeParam(p).copy_(v.to(p.dtype))) : cloneValue(v),
          ]),
        ),
      );
    }
    for (const p of newState.keys()) moveIntoWasm(p);
    this.state.clear();
    for (const [p, s] of newState) this.state.set(p, s);
    (groups as Record<string, unknown>[]).forEach((g, i) => Object.assign(this.paramGroups[i] as ParamGroup<O>, copyOptions(g)));
  }

  /** Extra checks of a state dict before it is loaded (LBFGS checks its flat history). */
  protected validateState(_sd: OptimizerStateDict, _byIndex: ReadonlyMap<number, Tensor>): void {}
}
