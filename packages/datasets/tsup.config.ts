import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.config.base';

// A second, Node-only entry (IDX, CSV, downloads); the main entry stays browser-safe.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/node.ts'],
  external: [/^node:/],
  // Keep `node:fs/promises` etc. as written (tsup strips the prefix by default): the node entry
  // needs Node ≥ 20 anyway, and the prefix tells bundlers and Deno/Bun these are built-ins.
  removeNodeProtocol: false,
});
