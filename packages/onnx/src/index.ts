export { exportOnnx } from './export-onnx';
export type { DynamicAxes, ExportOnnxOptions } from './export-onnx';
