/**
 * Walking a module tree (PyTorch's `named_modules`, `named_parameters`, `state_dict` order):
 * depth first, children in registration order, names joined with dots.
 */

/** `entries` without repeated values, each under its first name (PyTorch's `named_children`). */
export function uniqueEntries<T>(entries: Iterable<[string, T]>): [string, T][] {
  const seen = new Set<T>();
  const out: [string, T][] = [];
  for (const [name, value] of entries) {
    if (seen.has(value)) continue;
    seen.add(value);
    out.push([name, value]);
  }
  return out;
}

/** `root` and every module below it, each once, with dotted names (`prefix` for `root`). */
export function walkModules<M>(root: M, prefix: string, children: (module: M) => [string, M][]): [string, M][] {
  const seen = new Set<M>();
  const out: [string, M][] = [];
  const visit = (module: M, name: string): void => {
    if (seen.has(module)) return;
    seen.add(module);
    out.push([name, module]);
    for (const [key, child] of children(module)) visit(child, name === '' ? key : `${name}.${key}`);
  };
  visit(root, prefix);
  return out;
}

/**
 * `root` and every module below it with its state-dict prefix (`''`, `'0.'`, `'0.fc.'`), a module
 * held under two names visited under each (as PyTorch's `state_dict` does).
 */
export function walkStateful<M>(root: M, children: (module: M) => [string, M][]): [string, M][] {
  const out: [string, M][] = [];
  const visit = (module: M, prefix: string): void => {
    out.push([prefix, module]);
    for (const [name, child] of children(module)) visit(child, `${prefix}${name}.`);
  };
  visit(root, '');
  return out;
}

/**
 * The items of every module with their dotted names, each item once and absent (`null`) ones
 * skipped (PyTorch's `named_parameters` and `named_buffers`).
 */
export function collectNamed<M, T extends object>(
  modules: readonly [string, M][],
  items: (module: M) => Iterable<[string, T | null]>,
): [string, T][] {
  const seen = new Set<T>();
  const out: [string, T][] = [];
  for (const [prefix, module] of modules) {
    for (const [name, item] of items(module)) {
      if (item === null || seen.has(item)) continue;
      seen.add(item);
      out.push([prefix === '' ? name : `${prefix}.${name}`, item]);
    }
  }
  return out;
}
