/** Test helper: export a model, run it in onnxruntime at several input sizes, compare with Descent. */
import { noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { AnyModule } from '@descent/nn';
import { expect } from 'vitest';
import { exportOnnx } from '../src/index';
import type { ExportOnnxOptions } from '../src/index';
import { checkModel, maxRelativeError, onnxCheckerMissing, runOnnx } from './runtime';

/** The tensors of a forward result, flattened in order (null entries left out, as the exporter does). */
export function flatten(value: unknown, out: Tensor[] = []): Tensor[] {
  if (value === null) return out;
  if (Array.isArray(value)) for (const v of value) flatten(v, out);
  else out.push(value as Tensor);
  return out;
}

/** One model to check: how to call it, and the input sizes to run the exported graph at. */
export interface ParityCase {
  name: string;
  model: () => AnyModule;
  /** The graph inputs for a batch size and a sequence length (the first call is the example). */
  inputs: (batch: number, seq: number) => Tensor[];
  /** The forward call on those inputs (default: `model.forward(...inputs)`). */
  call?: (model: AnyModule, inputs: Tensor[]) => unknown;
  options: ExportOnnxOptions & { inputNames: string[]; outputNames: string[] };
  /** [batch, seq] pairs; the first is the export's example (default [[3, 5], [1, 2], [4, 7]]). */
  sizes?: [number, number][];
}

/** The largest |a − b| over every output and size of every case checked so far, by case name. */
export const MAX_ABS: Record<string, number> = {};

/**
 * Exports `c.model()` on its first sizes, runs the file in onnxruntime-node at every size and
 * asserts each output's shape and values (relative error < 2e-5) against Descent's forward; runs
 * onnx.checker where Python's onnx is installed. Records the largest absolute difference.
 */
export async function checkParity(c: ParityCase): Promise<void> {
  const model = c.model();
  model.eval();
  const call =
    c.call ?? ((m: AnyModule, x: Tensor[]) => (m.forward as (...a: Tensor[]) => unknown)(...x));
  const sizes = c.sizes ?? [
    [3, 5],
    [1, 2],
    [4, 7],
  ];
  const [b0, s0] = sizes[0] as [number, number];
  const example = c.inputs(b0, s0);
  const bytes = exportOnnx(model, example, c.options);
  let worst = 0;
  for (const [batch, seq] of sizes) {
    const inputs = batch === b0 && seq === s0 ? example : c.inputs(batch, seq);
    const expected = flatten(noGrad(() => call(model, inputs)));
    expect(expected.length).toBe(c.options.outputNames.length);
    const feeds: Record<string, Tensor> = {};
    c.options.inputNames.forEach((n, i) => (feeds[n] = inputs[i] as Tensor));
    const results = await runOnnx(bytes, feeds);
    c.options.outputNames.forEach((name, i) => {
      const want = expected[i] as Tensor;
      const got = results[name];
      expect(got?.dims, `${name} at batch ${batch}, seq ${seq}`).toEqual(want.shape);
      const values = want.contiguous().toTypedArray() as Float32Array;
      expect(
        maxRelativeError(got!.data, values),
        `${name} at batch ${batch}, seq ${seq}`,
      ).toBeLessThan(2e-5);
      for (let k = 0; k < values.length; k++)
        worst = Math.max(worst, Math.abs((got!.data[k] as number) - (values[k] as number)));
    });
  }
  MAX_ABS[c.name] = worst;
  if (onnxCheckerMissing === null) expect(checkModel(bytes)).toBe('');
  else console.warn(`onnx.checker skipped: ${onnxCheckerMissing}`);
}
