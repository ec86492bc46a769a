import { describe, expect, it } from 'vitest';
import { cat, diag, einsum, slice, exp, linspace, matmul, max, maximum, meshgrid, pow, stdMean, sum, tensor, unbind } from '../src/index';
import type { Tensor } from '../src/index';
import { OP_CASES } from './golden/ops-cases';
import { decode, loadOpsGolden, mismatch, tolerance } from './golden/ops-golden';

// Forward values of every ops.json case against PyTorch 1.13 (gen_ops.py in autograd's test/golden).
const golden = loadOpsGolden(new URL('./golden/ops.json', import.meta.url));

describe('ops.json (PyTorch 1.13 forward values)', () => {
  it('has an expression for every case and a case for every expression', () => {
    expect(Object.keys(OP_CASES).sort()).toEqual(golden.map((c) => c.name).sort());
  });

  it.each(golden.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputs: Record<string, Tensor> = {};
    for (const [k, d] of Object.entries(c.inputs)) inputs[k] = tensor(decode(d.values), { dtype: d.dtype }).reshape(d.shape);
    const op = OP_CASES[c.name];
    expect(op).toBeDefined();
    const result = op!(inputs, { cat, linspace, tensor, pow, exp, sum, matmul, maximum, max, unbind, meshgrid, diag, stdMean, einsum, slice });
    const outs = Array.isArray(result) ? (result as Tensor[]) : [result as Tensor];
    expect(outs.length).toBe(c.outputs.length);
    c.outputs.forEach((want, i) => {
      const got = outs[i]!;
      expect([got.dtype, got.shape]).toEqual([want.dtype, want.shape]);
      expect(mismatch(got.toTypedArray(), decode(want.values), tolerance(want.dtype))).toBeNull();
    });
  });
});
