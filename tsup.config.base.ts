import type { Options } from 'tsup';

/**
 * Shared build options for every published @descent package.
 *
 * ESM only: @descent/tensor holds global state (the default random generator and grad mode), and a
 * dual CJS/ESM package could load two copies of it. `target: es2022` matches tsconfig.base.json and
 * every runtime we support (Node 20, current browsers).
 */
export const baseOptions: Options = {
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: false,
  treeshake: true,
  // Keep `node:fs`, `node:crypto`, … as written in the Node-only entries (tsup strips the prefix by
  // default): the prefix tells bundlers, Deno and Bun that these are built-ins.
  removeNodeProtocol: false,
  external: [/^node:/],
};
