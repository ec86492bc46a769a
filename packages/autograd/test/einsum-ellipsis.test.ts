/**
 * einsum with an ellipsis against PyTorch 1.13 (golden/einsum-ellipsis.json from
 * golden/gen_einsum_ellipsis.py): broadcast batch dims, ellipsis at the start, middle and end,
 * summed when left out of an explicit output, with diagonals; forward values, gradients of every
 * operand, PyTorch's error messages, and float64 gradcheck.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { einsum, gradcheck, rand, tensor, zeros } from '../src/index';
import type { Tensor } from '../src/index';

interface Data {
  shape: number[];
  values: number[];
}
interface Case {
  equation: string;
  operands: Data[];
  out: Data;
  cot: number[];
  grads: number[][];
}
interface ErrorCase {
  equation: string;
  shapes: number[][];
  message: string;
}
const golden = JSON.parse(readFileSync(new URL('./golden/einsum-ellipsis.json', import.meta.url), 'utf8')) as { cases: Case[]; errors: ErrorCase[] };

/** Null when `got` matches `want` to float64 rounding, else the first mismatch. */
function mismatch(got: Tensor, want: readonly number[]): string | null {
  const values = Array.from(got.toTypedArray());
  if (values.length !== want.length) return `length ${values.length} != ${want.length}`;
  const i = values.findIndex((g, j) => !(Math.abs(g - want[j]!) <= 1e-13 + 1e-12 * Math.abs(want[j]!)));
  return i < 0 ? null : `at ${i}: got ${values[i]}, want ${want[i]}`;
}

describe('einsum with an ellipsis (PyTorch 1.13)', () => {
  it.each(golden.cases.map((c) => [c.equation, c] as const))('%s', (equation, c) => {
    const ops = c.operands.map((d) => tensor(d.values, { dtype: 'float64' }).reshape(d.shape).requiresGrad_());
    const out = einsum(equation, ...ops);
    expect(out.shape).toEqual(c.out.shape);
    expect(mismatch(out, c.out.values)).toBeNull();
    out.mul(tensor(c.cot, { dtype: 'float64' }).reshape(out.shape)).sum().backward();
    ops.forEach((op, k) => expect(mismatch(op.grad!, c.grads[k]!), `grad of operand ${k}`).toBeNull());
  });

  it.each(golden.errors.map((e) => [e.equation, e] as const))('%s throws PyTorch\'s message', (equation, e) => {
    expect(() => einsum(equation, ...e.shapes.map((s) => zeros(s)))).toThrow(e.message);
  });

  it.each([
    ['...ij,...jk->...ik', [[2, 1, 2, 3], [3, 3, 2]]],
    ['i...j,j->...i', [[2, 2, 3], [3]]],
    ['...ii->...i', [[2, 3, 3]]],
  ] as const)('gradcheck in float64: %s', (equation, shapes) => {
    const generator = new Generator().manualSeed(5);
    const ops = shapes.map((s) => rand([...s], { dtype: 'float64', generator }).requiresGrad_());
    expect(gradcheck((...xs: Tensor[]) => einsum(equation, ...xs), ops)).toBe(true);
  });
});
