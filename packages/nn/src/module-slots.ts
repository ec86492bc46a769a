/**
 * What a module registers by name: buffers (with their persistence) and the guarded property
 * slots of parameters and submodules, which refuse what PyTorch's `__setattr__` refuses.
 */
import type { Tensor } from '@descent/autograd';
import { Tensor as BaseTensor, markPersistent } from '@descent/tensor';
import { Parameter } from './parameter';
import { typeName } from './type-name';

/** The registered names of one module; `isModule` tells a submodule from any other value. */
export class ModuleSlots {
  /** Buffers by name, in registration order (`null` for an absent one). */
  readonly buffers = new Map<string, Tensor | null>();
  /** Buffers left out of the state dict. */
  readonly nonPersistent = new Set<string>();
  /** Names turned into guarded accessors (see the Module class comment). */
  private readonly guarded = new Set<string>();

  constructor(private readonly isModule: (value: unknown) => boolean) {}

  /** Guards `name` on `owner` unless it already is (the first traversal registers plain fields). */
  guardOnce(owner: object, name: string, value: unknown): void {
    if (!this.guarded.has(name)) this.guard(owner, name, value);
  }

  /**
   * Makes `name` an accessor that refuses what PyTorch's `__setattr__` refuses: once a parameter
   * (or a module) is there, only a `Parameter`, a `Module` or `null` may replace it. Reads cost
   * what a field read costs (a Proxy made every forward pass slower).
   */
  private guard(owner: object, name: string, value: unknown): void {
    let current: unknown = value;
    let kind = this.isModule(value) ? 'module' : 'parameter';
    this.guarded.add(name);
    Object.defineProperty(owner, name, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (next: unknown) => {
        if (next instanceof Parameter) kind = 'parameter';
        else if (this.isModule(next)) kind = 'module';
        else if (next !== null) {
          const expected = kind === 'module' ? `child module '${name}' (Module or null expected)` : `parameter '${name}' (Parameter or null expected)`;
          throw new TypeError(`cannot assign '${typeName(next)}' as ${expected}`);
        }
        current = next;
      },
    });
  }

  /** Registers a buffer on `owner` as the property `name` (see `Module.registerBuffer`). */
  registerBuffer(owner: object, name: string, value: Tensor | null, options: { persistent?: boolean }): void {
    checkName(name, 'buffer');
    if (value !== null && !(value instanceof BaseTensor)) {
      throw new TypeError(`cannot assign '${typeName(value)}' object to buffer '${name}' (Tensor or null required)`);
    }
    if (typeof options !== 'object' || options === null) throw new TypeError(`registerBuffer: options must be an object, got ${options === null ? 'null' : typeof options}`);
    if (!this.buffers.has(name) && Object.hasOwn(owner, name)) throw new Error(`attribute '${name}' already exists`);
    this.buffers.set(name, value);
    markPersistent(value);
    if (options.persistent === false) this.nonPersistent.add(name);
    else this.nonPersistent.delete(name);
    Object.defineProperty(owner, name, {
      configurable: true,
      enumerable: false,
      get: () => this.buffers.get(name) ?? null,
      set: (next: Tensor | null) => {
        if (next !== null && !(next instanceof BaseTensor)) {
          throw new TypeError(`cannot assign '${typeName(next)}' as buffer '${name}' (Tensor or null expected)`);
        }
        this.buffers.set(name, next);
        markPersistent(next);
      },
    });
  }

  /**
   * Stores `value` under `name` on `owner` as a guarded slot (`registerParameter`,
   * `registerModule`): throws unless `name` is unused, `null`, or holds what `same` accepts.
   */
  register(owner: object, name: string, value: unknown, same: (current: unknown) => boolean): void {
    if (Object.hasOwn(owner, name) || name in owner) {
      const current = (owner as Record<string, unknown>)[name];
      if (this.buffers.has(name) || (current !== null && current !== undefined && !same(current))) {
        throw new Error(`attribute '${name}' already exists`);
      }
    }
    (owner as Record<string, unknown>)[name] = value;
    this.guardOnce(owner, name, value);
  }

  /** Persistent buffers that are present, by name (the buffer part of the state dict). */
  persistentBuffers(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, b] of this.buffers) if (b !== null && !this.nonPersistent.has(name)) out.push([name, b]);
    return out;
  }
}

/** Throws PyTorch's errors for a registration name that is not a string, has a dot or is empty. */
export function checkName(name: string, kind: string): void {
  if (typeof name !== 'string') throw new TypeError(`${kind} name should be a string. Got ${typeof name}`);
  if (name.includes('.')) throw new Error(`${kind} name can't contain ".", got "${name}"`);
  if (name === '') throw new Error(`${kind} name can't be empty string ""`);
}
