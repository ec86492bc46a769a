import { Module } from '../module';
import type { AnyModule } from '../module';

/**
 * Submodules by name, in insertion order (torch.nn.ModuleDict). It has no `forward`.
 *
 * @example
 * const heads = new ModuleDict({ cls: new Linear(8, 3), box: new Linear(8, 4) });
 * heads.get('cls').forward(features);
 */
export class ModuleDict extends Module<[never], unknown> {
  readonly #items = new Map<string, AnyModule>();

  constructor(modules: Readonly<Record<string, AnyModule>> | Iterable<readonly [string, AnyModule]> = {}) {
    super();
    this.update(modules);
  }

  protected override ownModules(): [string, AnyModule][] {
    return [...this.#items];
  }

  /** The submodule called `key`. */
  get(key: string): AnyModule {
    const m = this.#items.get(key);
    if (m === undefined) throw new Error(`ModuleDict: no module named '${key}'`);
    return m;
  }

  /** Adds or replaces the submodule called `key`. */
  set(key: string, module: AnyModule): void {
    if (typeof key !== 'string' || key === '' || key.includes('.')) throw new Error(`module name can't contain "." or be empty, got "${String(key)}"`);
    if (!(module instanceof Module)) throw new TypeError(`ModuleDict: '${key}' is not a Module subclass`);
    this.#items.set(key, module);
  }

  /** Whether a submodule is called `key`. */
  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** Removes and returns the submodule called `key`. */
  pop(key: string): AnyModule {
    const m = this.get(key);
    this.#items.delete(key);
    return m;
  }

  /** Adds every entry of `modules`. */
  update(modules: Readonly<Record<string, AnyModule>> | Iterable<readonly [string, AnyModule]>): void {
    const entries = Symbol.iterator in modules ? [...(modules)] : Object.entries(modules);
    for (const [key, m] of entries) this.set(key, m);
  }

  /** The names, in insertion order. */
  keys(): string[] {
    return [...this.#items.keys()];
  }

  /** The submodules, in insertion order. */
  values(): AnyModule[] {
    return [...this.#items.values()];
  }

  /** `[name, module]` pairs, in insertion order. */
  entries(): [string, AnyModule][] {
    return [...this.#items];
  }

  /** How many submodules there are. */
  get size(): number {
    return this.#items.size;
  }
}
