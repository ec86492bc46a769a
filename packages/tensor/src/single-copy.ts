/**
 * One copy of each core package per program. `@descent/tensor` and `@descent/autograd` hold global
 * state (the default generator behind `manualSeed`, grad mode, the `Tensor` classes that
 * `instanceof` checks rely on); two copies of different versions in one program would split that
 * state and give silently wrong results. Each core package claims its name in a registry on
 * `globalThis` (a `Symbol.for` key, shared by every copy and every realm-local bundle) when it is
 * imported, and a second claim with another version throws.
 *
 * The same version claimed twice is accepted: that is one release evaluated twice (a test runner
 * that resets its module registry, a dev server's hot reload, the monorepo's sources next to their
 * build), not a dependency tree that resolved two releases.
 */

/** The registry's key on `globalThis`: one `Symbol.for` key that every copy of every package sees. */
const REGISTRY = Symbol.for('@descent/loaded-packages');

type Registry = Map<string, string>;

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[REGISTRY] ??= new Map<string, string>());
}

/**
 * Records that version `version` of package `name` is loaded, and throws when another version of
 * it already is. Called once at import by `@descent/tensor` and `@descent/autograd`.
 *
 * @param name - the package's name, e.g. `'@descent/tensor'`.
 * @param version - the version in the package's `package.json`.
 * @throws Error naming both versions and how to keep one copy.
 * @example
 * ```ts no-run
 * claimSingleCopy('@descent/autograd', '0.1.0');
 * ```
 */
export function claimSingleCopy(name: string, version: string): void {
  const loaded = registry();
  const first = loaded.get(name);
  if (first === undefined) {
    loaded.set(name, version);
    return;
  }
  if (first === version) return;
  throw new Error(
    `${name}: two copies are loaded into one program (${first} first, then ${version}). ` +
      `Tensors, grad mode and the random generator of one copy are invisible to the other, so results would be wrong. ` +
      `Keep one copy: every @descent package lists ${name} as a peer dependency, so install the version they all accept ` +
      `as a direct dependency and run \`npm dedupe\` (or \`pnpm dedupe\`, \`yarn dedupe\`), or pin it with ` +
      `"overrides" (npm), "pnpm.overrides" (pnpm) or "resolutions" (yarn); \`npm ls ${name}\` shows where each copy comes from.`,
  );
}
