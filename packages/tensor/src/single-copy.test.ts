import { describe, expect, it } from 'vitest';
import { claimSingleCopy } from './single-copy';

// A name no real package uses, so the test never touches the entries of @descent/tensor itself.
const NAME = '@descent/single-copy-test';

describe('claimSingleCopy', () => {
  it('records the first version in the registry shared through Symbol.for on globalThis', () => {
    claimSingleCopy(NAME, '0.1.0');
    const registry = (globalThis as unknown as Record<symbol, Map<string, string>>)[Symbol.for('@descent/loaded-packages')];
    expect(registry?.get(NAME)).toBe('0.1.0');
  });

  it('accepts the same version again (one release evaluated twice)', () => {
    expect(() => claimSingleCopy(NAME, '0.1.0')).not.toThrow();
  });

  it('throws for another version, naming both and how to dedupe, and keeps the first', () => {
    expect(() => claimSingleCopy(NAME, '0.2.0')).toThrow(
      new Error(
        `${NAME}: two copies are loaded into one program (0.1.0 first, then 0.2.0). ` +
          'Tensors, grad mode and the random generator of one copy are invisible to the other, so results would be wrong. ' +
          `Keep one copy: every @descent package lists ${NAME} as a peer dependency, so install the version they all accept ` +
          'as a direct dependency and run `npm dedupe` (or `pnpm dedupe`, `yarn dedupe`), or pin it with ' +
          `"overrides" (npm), "pnpm.overrides" (pnpm) or "resolutions" (yarn); \`npm ls ${NAME}\` shows where each copy comes from.`,
      ),
    );
    const registry = (globalThis as unknown as Record<symbol, Map<string, string>>)[Symbol.for('@descent/loaded-packages')];
    expect(registry?.get(NAME)).toBe('0.1.0');
  });

  it('has registered this package itself at import', async () => {
    await import('./index');
    const registry = (globalThis as unknown as Record<symbol, Map<string, string>>)[Symbol.for('@descent/loaded-packages')];
    const { version } = (await import('../package.json')) as { version: string };
    expect(registry?.get('@descent/tensor')).toBe(version);
  });
});
