import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.config.base';

// `src/node.ts` is the Node-only entry (`@descent/nn/node`: saveFile / loadFile on disk); the main
// entry stays browser-safe.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/node.ts'] });
