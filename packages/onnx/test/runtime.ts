/** Test helpers: run an exported model in onnxruntime-node and check it with Python's onnx.checker. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import type { Tensor } from '@descent/autograd';

const ORT_TYPE: Record<string, 'float32' | 'float64' | 'int32' | 'bool'> = {
  bool: 'bool',
  float32: 'float32',
  float64: 'float64',
  int32: 'int32',
};

/** Runs `bytes` on the given inputs (by name); returns each output's data and dims. */
export async function runOnnx(
  bytes: Uint8Array,
  feeds: Record<string, Tensor>,
): Promise<Record<string, { data: Float32Array | Float64Array | Int32Array; dims: number[] }>> {
  const session = await ort.InferenceSession.create(bytes);
  const inputs: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feeds))
    inputs[name] = new ort.Tensor(
      ORT_TYPE[t.dtype] as 'float32',
      t.contiguous().toTypedArray() as Float32Array,
      [...t.shape],
    );
  const results = await session.run(inputs);
  await session.release();
  const out: Record<string, { data: Float32Array | Float64Array | Int32Array; dims: number[] }> =
    {};
  for (const [name, value] of Object.entries(results))
    out[name] = { data: value.data as Float32Array, dims: [...value.dims] };
  return out;
}

/** Python with the onnx package, or the reason the checker cannot run here. */
const PYTHON = '/usr/bin/python3';
export const onnxCheckerMissing: string | null = (() => {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const probe = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  return probe.status === 0
    ? null
    : `python onnx is not installed (${probe.stderr.trim().split('\n').pop() ?? ''})`;
})();
// CI installs python3-onnx (.ci/run): there a missing checker is a failure, not a skip.
if (onnxCheckerMissing !== null && process.env.CI === 'true') throw new Error(`CI=true but ${onnxCheckerMissing}`);

/** Runs onnx.checker.check_model (full_check: shape inference too); returns '' or the checker's error. */
export function checkModel(bytes: Uint8Array): string {
  const script =
    'import sys, onnx\nm = onnx.load_from_string(sys.stdin.buffer.read())\nonnx.checker.check_model(m, full_check=True)\nprint("ok")';
  const result = spawnSync(PYTHON, ['-c', script], { input: bytes, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === 'ok' ? '' : result.stderr;
}

/** The largest |a - b| relative to max(1, |b|). */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(
      worst,
      Math.abs((a[i] as number) - (b[i] as number)) / Math.max(1, Math.abs(b[i] as number)),
    );
  return worst;
}
