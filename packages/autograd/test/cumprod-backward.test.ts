/**
 * cumprod's gradient against PyTorch 1.13 (golden/cumprod.json from golden/gen_cumprod.py): inputs
 * with no zero, one, several, adjacent, leading and trailing zeros along several dims; the first
 * gradient both without a graph (the direct O(n) rule) and under createGraph (the differentiable
 * rule), and the second derivative through the latter. Float64 gradcheck on inputs with zeros too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grad, gradcheck, tensor } from '../src/index';
import type { Tensor } from '../src/index';

interface Case {
  name: string;
  dim: number;
  dtype: 'float32' | 'float64';
  shape: number[];
  x: number[];
  cot: number[];
  out: number[];
  grad: number[];
  v?: number[];
  gradgrad?: number[];
}
const golden = JSON.parse(readFileSync(new URL('./golden/cumprod.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Null when `got` matches `want` within the dtype's tolerance, else the first mismatch. */
function close(got: Tensor, want: readonly number[], dtype: Case['dtype']): string | null {
  const [rtol, atol] = dtype === 'float64' ? [1e-12, 1e-13] : [1e-5, 1e-6];
  const values = Array.from(got.toTypedArray());
  if (values.length !== want.length) return `length ${values.length} != ${want.length}`;
  const i = values.findIndex((g, j) => !(Math.abs(g - want[j]!) <= atol + rtol * Math.abs(want[j]!)));
  return i < 0 ? null : `at ${i}: got ${values[i]}, want ${want[i]}`;
}

const make = (values: readonly number[], c: Case): Tensor => tensor([...values], { dtype: c.dtype }).reshape(c.shape);

describe('cumprod backward (PyTorch 1.13 cumprod_backward)', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s: value and gradient without a graph', (_name, c) => {
    const x = make(c.x, c).detach().requiresGrad_();
    const out = x.cumprod(c.dim);
    expect(close(out, c.out, c.dtype)).toBeNull();
    out.mul(make(c.cot, c)).sum().backward();
    expect(close(x.grad!, c.grad, c.dtype)).toBeNull();
  });

  it.each(golden.cases.filter((c) => c.gradgrad !== undefined).map((c) => [c.name, c] as const))('%s: gradient under createGraph and the second derivative', (_name, c) => {
    const x = make(c.x, c).detach().requiresGrad_();
    const [g] = grad(x.cumprod(c.dim).mul(make(c.cot, c)).sum(), [x], { createGraph: true });
    expect(close(g!, c.grad, c.dtype)).toBeNull();
    const [gg] = grad(g!.mul(make(c.v!, c)).sum(), [x]);
    expect(close(gg!, c.gradgrad!, c.dtype)).toBeNull();
  });

  it.each([
    ['one zero', [4], [0.7, 0, 1.3, 0.9], 0],
    ['zeros at both ends', [5], [0, 1.1, 0.8, 1.4, 0], 0],
    ['several zeros, 2-d, dim 0', [4, 3], [1.2, 0, 0.9, 0, 1.1, 0.8, 0.7, 1.3, 0, 1.5, 0.6, 1.0], 0],
  ] as const)('gradcheck in float64 with %s', (_name, shape, values, dim) => {
    const x = tensor([...values], { dtype: 'float64' }).reshape([...shape]).requiresGrad_();
    expect(gradcheck((a: Tensor) => a.cumprod(dim), [x])).toBe(true);
  });
});
