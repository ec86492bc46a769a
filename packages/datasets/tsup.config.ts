import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.config.base';

// A second, Node-only entry (IDX, CSV, downloads); the main entry stays browser-safe.
export default defineConfig({
  ...baseOptions,
  entry: ['src/index.ts', 'src/node.ts'],
  external: [/^node:/],
});
