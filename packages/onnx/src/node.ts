/**
 * Node-only entry point: the ONNX file on disk and the PyTorch hand-off. Import it as
 * `@descent/onnx/node`; the main entry (`exportOnnx`, bytes in memory) stays browser-safe.
 */
export { saveOnnx } from './node/save-onnx';
export { toPyTorch } from './node/to-pytorch';
export type { ToPyTorchOptions, ToPyTorchResult } from './node/to-pytorch';
export { fromPyTorch } from './node/from-pytorch';
