/**
 * The base of every optimizer: parameter groups with defaults filled in, per-parameter state,
 * zeroGrad, step hooks and state dicts (parameters by index, as PyTorch). Subclasses implement
 * `step` as bookkeeping around a pure update function. The pieces live beside it: groups in
 * param-groups.ts, state checks in param-state.ts, saving and loading in optimizer-state-dict.ts,
 * the per-step bookkeeping in step-driver.ts and the hooks in step-hooks.ts.
 */
import { dropGrad, enableGrad, gradOf, noGrad } from '@descent/autograd';
import { scopeRoot } from '@descent/tensor';
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { floats } from './buffers';
import { checkNoNaN } from './options';
import { fillGroup, groupsOf } from './param-groups';
import type { ParamGroup, ParamGroupInput, ParamsInput } from './param-groups';
import { checkStepState } from './param-state';
import type { ParamState, StateKind } from './param-state';
import { loadStateDictInto, saveStateDict } from './optimizer-state-dict';
import type { OptimizerStateDict } from './optimizer-state-dict';
import { StepDriver } from './step-driver';
import type { ParamEntry } from './step-driver';
import { StepHooks } from './step-hooks';
import type { HookHandle, StepPostHook, StepPreHook } from './step-hooks';

export type { ParamGroup, ParamGroupInput, ParamsInput } from './param-groups';
export type { ParamState, StateKind, StateValue } from './param-state';
export type { OptimizerStateDict } from './optimizer-state-dict';
export type { HookHandle, StepPostHook, StepPreHook } from './step-hooks';

/** What every optimizer offers, whatever its options type (for code that takes any of them). */
export interface OptimizerLike {
  readonly paramGroups: readonly { params: Tensor[]; lr?: unknown; [key: string]: unknown }[];
  readonly state: Map<Tensor, ParamState>;
  step(closure?: () => number | Tensor): number | undefined;
  zeroGrad(options?: { setToNone?: boolean }): void;
  stateDict(): OptimizerStateDict;
  loadStateDict(sd: OptimizerStateDict): void;
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
  private readonly hooks = new StepHooks<this>();
  private readonly driver = new StepDriver<ParamGroup<O>>();

  constructor(params: ParamsInput<O>, defaults: O) {
    this.defaults = { ...defaults };
    checkNoNaN(this.defaults, this.constructor.name);
    // Inside a memory scope, everything this optimizer holds is kept at the scope's end (scope.ts).
    scopeRoot(this);
    // Every group is validated before any is added, so a bad group leaves nothing half-built.
    for (const g of groupsOf(params)) this.addParamGroup(g);
  }

  /**
   * Adds a group; missing (or `undefined`) options come from the defaults, and the group's options
   * are checked as the constructor checks the defaults. Nothing changes when it throws.
   *
   * @example
   * opt.addParamGroup({ params: head.parameters(), lr: 1e-2 });
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    const filled = fillGroup(this.constructor.name, this.defaults, this.paramGroups, group, (g) =>
      this.validateGroup(g),
    );
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
    scopeRoot(this);
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        const grad = gradOf(p);
        if (grad === null) continue;
        if (setToNone) {
          // Inside a memory scope the engine's old gradient goes back to the pools at its end.
          dropGrad(p);
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
    // State made on a first step inside a memory scope is reached from here at the scope's end.
    scopeRoot(this);
    if (!this.runsOnWebGPU()) checkCPUParams(this.constructor.name, this.paramGroups);
    return this.hooks.around(this, step);
  }

  /**
   * Whether `step` updates parameters on 'webgpu' (fused GPU kernels or tensor ops). An optimizer
   * that does not (the default) throws an Error naming itself and webgpu when a parameter is there,
   * before touching anything, rather than reading GPU buffers on the CPU.
   */
  protected runsOnWebGPU(): boolean {
    return false;
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
      checkStepState(this.constructor.name, this.paramGroups, this.state, (g) => this.stateSpec(g));
      this.driver.run(this.state, body);
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
    return this.driver.paramsWithGrad(group, this.state, init);
  }

  /**
   * The usual step: for every group, each parameter with a gradient gets its state (made by `init`
   * on first use) and one call of the optimizer's pure update function on contiguous values.
   * A parameter on the GPU goes to `gpuUpdate` (the fused GPU kernel) instead; an optimizer
   * without one says that it is not implemented on webgpu.
   */
  protected stepEach(
    closure: (() => number | Tensor) | undefined,
    init: (param: Tensor, group: ParamGroup<O>) => ParamState,
    update: (param: FloatArray, grad: FloatArray, state: ParamState, group: ParamGroup<O>) => void,
    gpuUpdate?: (param: Tensor, grad: Tensor, state: ParamState, group: ParamGroup<O>) => void,
  ): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        for (const { param, grad, state } of this.paramsWithGrad(group, (p) => init(p, group))) {
          if (param.storage.device !== 'cpu') {
            if (gpuUpdate === undefined) throw new Error(`${this.constructor.name}.step() is not implemented on webgpu yet`);
            gpuUpdate(param, grad, state, group);
            continue;
          }
          update(floats(param), floats(grad), state, group);
        }
      }
    });
  }

  /** Registers a hook called before each step. */
  registerStepPreHook(hook: StepPreHook<this>): HookHandle {
    return this.hooks.addPre(hook);
  }

  /** Registers a hook called after each step. */
  registerStepPostHook(hook: StepPostHook<this>): HookHandle {
    return this.hooks.addPost(hook);
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
    return saveStateDict(this.paramGroups, this.state);
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
    scopeRoot(this);
    loadStateDictInto(this.constructor.name, this.paramGroups, this.state, sd, {
      defaults: this.defaults,
      validateGroup: (g, loading) => this.validateGroup(g, loading),
      stateSpec: (g) => this.stateSpec(g),
      validateState: (s, byIndex) => this.validateState(s, byIndex),
    });
  }

  /** Extra checks of a state dict before it is loaded (LBFGS checks its flat history). */
  protected validateState(_sd: OptimizerStateDict, _byIndex: ReadonlyMap<number, Tensor>): void {}
}

/** Throws when a parameter of an optimizer without a GPU step is on the GPU. */
function checkCPUParams(name: string, groups: ReadonlyArray<{ params: readonly Tensor[] }>): void {
  for (const group of groups) {
    for (const p of group.params) {
      if (p.storage.device !== 'cpu') {
        throw new Error(`${name}.step() is not implemented on webgpu yet: its parameters must be on the CPU (every built-in optimizer but LBFGS steps on webgpu)`);
      }
    }
  }
}
