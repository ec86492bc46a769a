import { describe, expect, it } from 'vitest';
import { OP_CASES } from '../../tensor/test/golden/ops-cases';
import type { OpsLib } from '../../tensor/test/golden/ops-cases';
import { decode, loadOpsGolden, mismatch, tolerance } from '../../tensor/test/golden/ops-golden';
import { cat, diag, einsum, slice, exp, linspace, matmul, max, maximum, meshgrid, pow, stdMean, sum, tensor, unbind } from '../src/index';
import type { Tensor } from '../src/index';

// Forward values and gradients of every ops.json case against PyTorch 1.13 (gen_ops.py beside):
// float64 inputs require grad, the loss is Σ_i sum(out_i · cot_i) with the stored cotangents.
const golden = loadOpsGolden(new URL('./golden/ops.json', import.meta.url));

describe('ops.json (PyTorch 1.13 forward values and gradients)', () => {
  it('has an expression for every case', () => {
    expect(Object.keys(OP_CASES).sort()).toEqual(golden.map((c) => c.name).sort());
  });

  it.each(golden.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputs: Record<string, Tensor> = {};
    for (const [k, d] of Object.entries(c.inputs)) {
      const t = tensor(decode(d.values), { dtype: d.dtype }).reshape(d.shape);
      inputs[k] = c.grads !== undefined && d.dtype === 'float64' ? t.detach().requiresGrad_() : t;
    }
    // autograd's free functions take autograd tensors (a subtype), so the shared table's lib type is cast.
    const lib = { cat, linspace, tensor, pow, exp, sum, matmul, maximum, max, unbind, meshgrid, diag, stdMean, einsum, slice } as unknown as OpsLib;
    const result = OP_CASES[c.name]!(inputs, lib);
    const outs = (Array.isArray(result) ? result : [result]) as Tensor[];
    expect(outs.length).toBe(c.outputs.length);
    c.outputs.forEach((want, i) => {
      const got = outs[i]!;
      expect([got.dtype, got.shape]).toEqual([want.dtype, want.shape]);
      expect(mismatch(got.toTypedArray(), decode(want.values), tolerance(want.dtype))).toBeNull();
    });
    if (c.grads === undefined || c.cotangents === undefined) return;
    let loss: Tensor | null = null;
    c.cotangents.forEach((cot, i) => {
      if (cot === null) return;
      const out = outs[i]!;
      const term = out.mul(tensor(decode(cot), { dtype: 'float64' }).reshape(out.shape)).sum();
      loss = loss === null ? term : loss.add(term);
    });
    (loss as Tensor | null)!.backward();
    for (const [k, want] of Object.entries(c.grads)) {
      const got = inputs[k]!.grad;
      if (want === null) {
        expect(got).toBeNull();
        continue;
      }
      expect(got, `grad of ${k}`).not.toBeNull();
      expect(got!.shape).toEqual(c.inputs[k]!.shape);
      expect(mismatch(got!.toTypedArray(), decode(want), tolerance('float64')), `grad of ${k}`).toBeNull();
    }
  });
});
