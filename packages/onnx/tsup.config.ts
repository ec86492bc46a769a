import { defineConfig } from 'tsup';
import { baseOptions } from '../../tsup.config.base';

// `src/node.ts` is the Node-only entry (`@descent/onnx/node`: the ONNX file on disk and the PyTorch
// hand-off); the main entry stays browser-safe.
export default defineConfig({ ...baseOptions, entry: ['src/index.ts', 'src/node.ts'] });
