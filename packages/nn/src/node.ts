/**
 * Node-only entry point: safetensors checkpoints on disk. Import it as `@descent/nn/node`; the main
 * entry stays browser-safe (`serialize` / `deserialize` work on bytes everywhere).
 */
export { saveFile, loadFile, removeStaleTemporaries } from './safetensors/file';
export type { SaveFileOptions } from './safetensors/file';
export { saveCheckpoint, loadCheckpoint } from './checkpoint/checkpoint';
export type { LoadCheckpointResult, SaveCheckpointOptions, Stateful } from './checkpoint/checkpoint';
