import type { Tensor } from '@descent/autograd';
import { dropGrad, gradOf, noGrad } from '@descent/autograd';
import { Tensor as BaseTensor, scopeRoot } from '@descent/tensor';
import type { Device, DType } from '@descent/tensor';
import { Parameter } from './parameter';
import { formatModule } from './module-format';
import { typeName } from './type-name';
import { checkStateDict } from './state-dict';
import { ModuleSlots, checkName } from './module-slots';
import { collectNamed, uniqueEntries, walkModules, walkStateful } from './module-traversal';
import type { LoadStateDictResult, StateDict } from './state-dict';

/** Any module, whatever its forward signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- method parameters are bivariant, so this is only a bound
export type AnyModule = Module<any[], unknown>;

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Require the keys to match the module's exactly (default true). Shapes must always match. */
  strict?: boolean;
}

/**
 * Base class of every layer (torch.nn.Module). Parameters and submodules are registered by
 * assignment: any own enumerable property holding a {@link Parameter} (or `null`, for an optional
 * one such as a missing bias) or a `Module` belongs to the module, in the order the properties were
 * created; buffers (non-trained state) are registered with {@link Module.registerBuffer}. Names
 * join with dots as in PyTorch (`0.weight`, `encoder.fc.bias`).
 *
 * Once registered, a name is guarded as PyTorch's `__setattr__` guards it: a parameter's name
 * takes only a `Parameter` or `null` (`lin.weight = 5` throws "cannot assign 'number' as parameter
 * 'weight' (Parameter or null expected)"), a submodule's only a `Module` or `null`, a buffer's
 * only a tensor or `null`. A name is registered by `registerParameter`/`registerModule`/
 * `registerBuffer` (built-in layers use them), and a plain field holding a parameter or module is
 * registered by the first traversal (`parameters()`, `stateDict()`, `train()`, printing, …).
 * The guard is an accessor on the instance (reads cost what a field read costs; a Proxy
 * made every forward pass slower).
 *
 * JS objects cannot be called, so run a module with `model.forward(x)` or its alias `model.call(x)`.
 *
 * @example
 * class Net extends Module {
 *   fc = new Linear(4, 8);
 *   act = new Tanh();
 *   override forward(x: Tensor): Tensor { return this.act.forward(this.fc.forward(x)); }
 * }
 * new Net().namedParameters().map(([name]) => name); // ['fc.weight', 'fc.bias']
 */
export class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** True in training mode (the default), false after `eval()`. */
  training = true;
  /** Buffers and guarded slots (module-slots.ts). */
  readonly #slots = new ModuleSlots((value) => value instanceof Module);

  constructor() {
    // Made inside a memory scope: what it holds is kept at the scope's end (scope.ts in tensor).
    scopeRoot(this);
  }

  /** The computation; subclasses override it (PyTorch's `forward`). */
  forward(...args: In): Out {
    void args;
    throw new Error(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /** Runs `forward` (stands in for PyTorch's `module(x)`). */
  call(...args: In): Out {
    // Inside a memory scope, tensors a forward stores on the module (caches) are kept.
    scopeRoot(this);
    return this.forward(...args);
  }

  /**
   * @internal What a memory scope's walk (scope.ts in @descent/tensor) must reach besides this
   * module's fields: its submodules and buffers, wherever a container keeps them.
   */
  _scopeTrace(visit: (value: unknown) => void): boolean {
    for (const [, m] of this.ownModules()) visit(m);
    for (const b of this.#slots.buffers.values()) visit(b);
    return false;
  }

  // ---------------------------------------------------------------- registration

  /** Own parameter slots in registration order (`null` for an absent optional parameter). */
  protected ownParameters(): [string, Parameter | null][] {
    const out: [string, Parameter | null][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Parameter) {
        out.push([key, value]);
        this.#slots.guardOnce(this, key, value);
      }
    }
    return out;
  }

  /** Own submodules in registration order; containers override this. */
  protected ownModules(): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module) {
        out.push([key, value as AnyModule]);
        this.#slots.guardOnce(this, key, value);
      }
    }
    return out;
  }

  /**
   * Registers a buffer: state saved in `stateDict()` and converted by `to()`, but not trained
   * (PyTorch's `register_buffer`). The buffer becomes the property `name`. Options: `persistent`
   * (default true; false keeps it out of the state dict).
   *
   * @example
   * this.registerBuffer('runningMean', zeros([4]));
   */
  registerBuffer(name: string, value: Tensor | null, options: { persistent?: boolean } = {}): void {
    this.#slots.registerBuffer(this, name, value, options);
  }

  /**
   * Registers a parameter under `name` (same as assigning it to that property). Throws PyTorch's
   * errors for a value that is not a `Parameter` or `null`, and for a name another attribute (a
   * buffer, a submodule, a plain field) already holds.
   */
  registerParameter(name: string, value: Parameter | null): void {
    checkName(name, 'parameter');
    if (value !== null && !(value instanceof Parameter)) {
      throw new TypeError(`cannot assign '${typeName(value)}' object to parameter '${name}' (Parameter or null required)`);
    }
    this.#slots.register(this, name, value, (current) => current instanceof Parameter);
  }

  /**
   * Registers a submodule under `name` (same as assigning it to that property). Throws PyTorch's
   * errors for a value that is not a `Module` or `null`, and for a name another attribute holds.
   */
  registerModule(name: string, module: AnyModule | null): void {
    checkName(name, 'module');
    if (module !== null && !(module instanceof Module)) throw new TypeError(`${typeName(module)} is not a Module subclass`);
    this.#slots.register(this, name, module, (current) => current instanceof Module);
  }

  // ---------------------------------------------------------------- traversal

  /**
   * Immediate submodules with their names, each module once (PyTorch's `named_children`: a module
   * held under two names is listed under the first).
   */
  namedChildren(): [string, AnyModule][] {
    return uniqueEntries(this.ownModules());
  }

  /** Immediate submodules. */
  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every submodule, depth first, each once, with dotted names (`''` for this one). */
  namedModules(prefix = ''): [string, AnyModule][] {
    return walkModules(this as AnyModule, prefix, (module) => module.namedChildren());
  }

  /** This module and every submodule. */
  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter with its dotted name, each tensor once (PyTorch's order). Options: `recurse` (default true). */
  namedParameters(options: { recurse?: boolean } = {}): [string, Parameter][] {
    const modules = options.recurse === false ? [['', this as AnyModule] as [string, AnyModule]] : this.namedModules();
    return collectNamed(modules, (module) => module.ownParameters());
  }

  /** Every parameter, each once, in `namedParameters()` order (what optimizers take). */
  parameters(options: { recurse?: boolean } = {}): Parameter[] {
    return this.namedParameters(options).map(([, p]) => p);
  }

  /** Every buffer with its dotted name, each once. */
  namedBuffers(): [string, Tensor][] {
    return collectNamed(this.namedModules(), (module) => module.#slots.buffers);
  }

  /** Every buffer. */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, b]) => b);
  }

  // ---------------------------------------------------------------- modes and bulk operations

  /** Sets training mode on this module and every submodule; returns `this`. */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TypeError(`training mode is expected to be boolean, got ${typeof mode}`);
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Sets evaluation mode (`train(false)`): dropout becomes the identity. */
  eval(): this {
    return this.train(false);
  }

  /**
   * Clears every parameter's gradient. Options: `setToNone` (default true, PyTorch 2.0's default;
   * false zeroes the gradient tensors in place instead).
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    for (const p of this.parameters()) {
      const grad = gradOf(p);
      if (grad === null) continue;
      if (options.setToNone === false) noGrad(() => grad.zero_());
      else dropGrad(p);
    }
  }

  /** Calls `fn` on every submodule (children first) and then on this module; returns `this`. */
  apply(fn: (module: AnyModule) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this as AnyModule);
    return this;
  }

  /** Sets `requiresGrad` on every parameter (freeze with `false`); returns `this`. */
  requiresGrad_(flag = true): this {
    for (const p of this.parameters()) p.requiresGrad = flag;
    return this;
  }

  /** `to('float32')`. */
  float(): this {
    return this.to('float32');
  }

  /** `to('float64')`. */
  double(): this {
    return this.to('float64');
  }

  /**
   * The submodule at a dotted path (PyTorch's `get_submodule`; `''` is this module).
   *
   * @example
   * model.getSubmodule('encoder.fc');
   */
  getSubmodule(target: string): AnyModule {
    let module = this as AnyModule;
    if (target === '') return module;
    for (const part of target.split('.')) {
      const next = module.ownModules().find(([name]) => name === part);
      if (next === undefined) throw new Error(`${module.constructor.name} has no attribute \`${part}\``);
      module = next[1];
    }
    return module;
  }

  /**
   * Converts every floating parameter, its gradient and every floating buffer to `dtype`, in place;
   * or, given a device (`'cpu'` / `'webgpu'`), moves every parameter, gradient and buffer there
   * (parameters stay the same objects, so optimizers built before keep working). Returns `this`.
   *
   * @example
   * model.to('webgpu'); // after await initWebGPU()
   */
  to(dtype: DType | Device): this {
    if (dtype === 'cpu' || dtype === 'webgpu') return this.#toDevice(dtype);
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new TypeError(`nn.Module.to only accepts floating point dtypes, but got desired dtype=${String(dtype)}`);
    }
    for (const module of this.modules()) {
      for (const [, p] of module.ownParameters()) {
        if (p === null || (p.dtype !== 'float32' && p.dtype !== 'float64')) continue;
        const grad = p.grad;
        p.data = p.data.to(dtype);
        if (grad !== null) p.grad = grad.to(dtype);
      }
      const buffers = module.#slots.buffers;
      for (const [name, b] of buffers) {
        if (b !== null && (b.dtype === 'float32' || b.dtype === 'float64')) buffers.set(name, b.to(dtype));
      }
    }
    return this;
  }

  #toDevice(device: Device): this {
    for (const module of this.modules()) {
      for (const [, p] of module.ownParameters()) {
        if (p === null) continue;
        const grad = p.grad;
        p.data = p.data.to(device);
        if (grad !== null) p.grad = grad.to(device);
      }
      const buffers = module.#slots.buffers;
      for (const [name, b] of buffers) if (b !== null) buffers.set(name, b.to(device));
    }
    return this;
  }

  // ---------------------------------------------------------------- state dict

  /** Own state entries: parameters then persistent buffers (absent optional ones skipped). */
  #ownState(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, p] of this.ownParameters()) if (p !== null) out.push([name, p]);
    out.push(...this.#slots.persistentBuffers());
    return out;
  }

  /**
   * Every parameter and persistent buffer by dotted name, as detached tensors sharing storage with
   * the module (PyTorch's `state_dict()`; a parameter shared by two modules appears under both names).
   */
  stateDict(): StateDict {
    const entries: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedStatefulModules()) {
      for (const [name, t] of module.#ownState()) entries.push([prefix + name, t.detach()]);
    }
    return Object.fromEntries(entries);
  }

  /**
   * Copies `stateDict`'s tensors into the module's parameters and buffers (PyTorch's
   * `load_state_dict`). Every problem (missing keys, unexpected keys, shape mismatches) is reported
   * at once in one `Error`, and on failure nothing is changed. Options: `strict` (default true;
   * false tolerates missing and unexpected keys and returns them).
   *
   * @example
   * model.loadStateDict(loadFile('model.safetensors')); // onto the module's device (a CPU file loads into a GPU module)
   */
  loadStateDict(stateDict: Readonly<Record<string, unknown>>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const own = new Map<string, Tensor>();
    for (const [prefix, module] of this.namedStatefulModules()) {
      for (const [name, t] of module.#ownState()) own.set(prefix + name, t);
    }
    const result = checkStateDict(this.constructor.name, own, stateDict, options.strict ?? true);
    // A CPU value loads onto a GPU module by an upload (PyTorch's copy_ across devices); a GPU value
    // cannot be read into a CPU module synchronously. Checked before any copy, so a refused load
    // changes nothing.
    for (const [key, target] of own) {
      const source = stateDict[key];
      if (source instanceof BaseTensor && source.device !== 'cpu' && target.device === 'cpu') {
        throw new Error(
          `Error(s) in loading state_dict for ${this.constructor.name}: '${key}' is on ${source.device} and the module on cpu; ` +
            "read it back first with await t.toAsync('cpu'), or move the module with module.to('webgpu')",
        );
      }
    }
    noGrad(() => {
      for (const [key, target] of own) {
        const source = stateDict[key];
        if (source instanceof BaseTensor) target.copy_(source.device === target.device ? source : source.to(target.device));
      }
    });
    return result;
  }

  /** Modules with the state-dict prefix of each (`'0.'`), visiting shared modules under every name. */
  private namedStatefulModules(): [string, AnyModule][] {
    return walkStateful(this as AnyModule, (module) => module.ownModules());
  }

  // ---------------------------------------------------------------- printing

  /** The part of the print between the parentheses (PyTorch's `extra_repr`); subclasses override it. */
  extraRepr(): string {
    return '';
  }

  /** PyTorch's module print, e.g. `Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n)`. */
  toString(): string {
    return formatModule(this.constructor.name, this.extraRepr(), this.ownModules().map(([name, m]) => [name, m.toString()]));
  }
}
