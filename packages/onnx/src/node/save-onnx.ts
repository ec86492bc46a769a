import type { Tensor } from '@descent/autograd';
import type { AnyModule } from '@descent/nn';
import { exportOnnx } from '../export-onnx';
import type { ExportOnnxOptions } from '../export-onnx';
import { writeFileAtomically } from './write-atomic';

/**
 * Exports a model with {@link exportOnnx} and writes the `.onnx` file to `path` atomically (a
 * temporary beside it, renamed over `path`). Nothing is written when the export fails.
 *
 * @example
 * saveOnnx(model, [randn([1, 1, 28, 28])], 'digits.onnx', { inputNames: ['image'], dynamicAxes: { image: { 0: 'batch' } } });
 */
export function saveOnnx(
  model: AnyModule,
  exampleInputs: Tensor | readonly Tensor[],
  path: string,
  options: ExportOnnxOptions = {},
): void {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(
      `saveOnnx: path must be a non-empty string, got ${path === '' ? 'an empty string' : typeof path}`,
    );
  const bytes = exportOnnx(model, exampleInputs, options);
  writeFileAtomically(bytes, path, 'saveOnnx');
}
