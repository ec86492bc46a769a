/**
 * The ONNX exporter for the page, built as its own script (`assets/descent-onnx.js`) that the
 * page loads only when "Download .onnx" is pressed, so the exporter, protobufjs and ONNX's
 * definitions stay out of the page's initial JavaScript. It holds its own copy of the Descent
 * packages: the trained weights cross over as plain arrays and load into a fresh digits MLP here.
 */
import { noGrad, tensor } from '@descent/autograd';
import { exportOnnx } from '@descent/onnx';
import { digitsModel } from '../../chapters/digits-model';
import type { OnnxExporter, PlainState } from './exporter';

const exporter: OnnxExporter = {
  exportDigits(state: PlainState): Uint8Array {
    const model = digitsModel();
    noGrad(() =>
      model.loadStateDict(
        Object.fromEntries(
          Object.entries(state).map(([name, t]) => [
            name,
            tensor(Array.from(t.data)).reshape(t.shape),
          ]),
        ),
      ),
    );
    model.eval();
    return exportOnnx(model, [tensor(Array.from({ length: 64 }, () => 0)).reshape([1, 64])], {
      inputNames: ['pixels'],
      outputNames: ['logits'],
      dynamicAxes: { pixels: { 0: 'batch' }, logits: { 0: 'batch' } },
    });
  },
};

(globalThis as { descentOnnx?: OnnxExporter }).descentOnnx = exporter;
