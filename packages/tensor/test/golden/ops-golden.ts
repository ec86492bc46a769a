/**
 * Reader of ops.json (written by packages/autograd/test/golden/gen_ops.py from PyTorch 1.13):
 * each case's inputs, outputs and, in autograd's copy, the cotangents and input gradients.
 * Non-finite values are stored as the strings 'nan', 'inf' and '-inf'.
 */
import { readFileSync } from 'node:fs';
import type { DType } from '../../src/index';

/** One stored tensor. */
export interface TensorDesc {
  dtype: DType;
  shape: number[];
  values: (number | string)[];
}

/** One case: the op's inputs by name, its outputs in order, and for backward cases the rest. */
export interface OpGoldenCase {
  name: string;
  inputs: Record<string, TensorDesc>;
  outputs: TensorDesc[];
  cotangents?: ((number | string)[] | null)[];
  grads?: Record<string, (number | string)[] | null>;
}

/** Numbers from the stored values (non-finite ones decoded). */
export function decode(values: readonly (number | string)[]): number[] {
  return values.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number)));
}

/** The cases of the ops.json at `path`. */
export function loadOpsGolden(path: URL): OpGoldenCase[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: OpGoldenCase[] }).cases;
}

/** Tolerances by dtype: float64 to a few ulps of the composed ops, float32 to its resolution, ints exact. */
export function tolerance(dtype: DType): { rtol: number; atol: number } {
  if (dtype === 'float64') return { rtol: 1e-12, atol: 1e-14 };
  if (dtype === 'float32') return { rtol: 2e-6, atol: 1e-6 };
  return { rtol: 0, atol: 0 };
}

/** Null when `got` matches `want` element-wise within tolerance (NaN matches NaN), else the first mismatch. */
export function mismatch(got: ArrayLike<number>, want: readonly number[], tol: { rtol: number; atol: number }): string | null {
  if (got.length !== want.length) return `length ${got.length} != ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as number;
    const w = want[i] as number;
    if (Number.isNaN(w) ? Number.isNaN(g) : g === w || Math.abs(g - w) <= tol.atol + tol.rtol * Math.abs(w)) continue;
    return `at ${i}: got ${g}, want ${w}`;
  }
  return null;
}
