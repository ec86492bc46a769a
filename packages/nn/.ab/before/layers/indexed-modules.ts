import { Module } from '../module';
import type { AnyModule } from '../module';
import { typeName } from '../type-name';

/**
 * Shared storage of {@link Sequential} and {@link ModuleList}: submodules named `0`, `1`, … in order.
 * Kept in a private list (not in properties), so indexing, appending and inserting renumber them
 * as PyTorch does.
 */
export class IndexedModules<In extends unknown[] = [never], Out = unknown> extends Module<In, Out> {
  readonly #items: AnyModule[] = [];

  constructor(modules: Iterable<AnyModule> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  protected override ownModules(): [string, AnyModule][] {
    return this.#items.map((m, i) => [String(i), m]);
  }

  /** How many submodules there are. */
  get length(): number {
    return this.#items.length;
  }

  #index(index: number): number {
    const n = this.#items.length;
    if (!Number.isInteger(index) || index < -n || index >= n) throw new RangeError(`index ${index} is out of range`);
    return index < 0 ? index + n : index;
  }

  /** The submodule at `index` (negative counts from the end), as PyTorch's `container[i]`. */
  at(index: number): AnyModule {
    return this.#items[this.#index(index)]!;
  }

  /** Replaces the submodule at `index`. */
  set(index: number, module: AnyModule): void {
    this.#items[this.#index(index)] = checkModule(module);
  }

  /** Adds `module` at the end; returns `this`. */
  append(module: AnyModule): this {
    this.#items.push(checkModule(module));
    return this;
  }

  /** Adds every module of `modules` at the end; returns `this`. */
  extend(modules: Iterable<AnyModule>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** Inserts `module` before position `index`. */
  insert(index: number, module: AnyModule): void {
    const n = this.#items.length;
    const at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
    this.#items.splice(at, 0, checkModule(module));
  }

  /** Removes and returns the submodule at `index` (default the last). */
  pop(index = -1): AnyModule {
    return this.#items.splice(this.#index(index), 1)[0]!;
  }

  /** Iterates the submodules in order. */
  [Symbol.iterator](): Iterator<AnyModule> {
    return this.#items[Symbol.iterator]();
  }
}

function checkModule(module: unknown): AnyModule {
  if (!(module instanceof Module)) throw new TypeError(`${typeName(module)} is not a Module subclass`);
  return module as AnyModule;
}
