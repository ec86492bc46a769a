import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.config.base';

// `src/webgpu-node.ts` is the Node-only entry (`@descent/tensor/webgpu-node`: WebGPU through Dawn,
// the optional `webgpu` peer dependency); the main entry stays browser-safe.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/webgpu-node.ts'], external: [/^node:/, 'webgpu', '@descent/tensor'] });
