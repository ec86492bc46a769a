/**
 * scatterReduce's gradients for 'prod', 'amax' and 'amin' against PyTorch 1.13 (golden/
 * scatter-reduce.json from golden/gen_scatter_reduce.py): zeros in self and src for 'prod', ties
 * for 'amax'/'amin', includeSelf true and false; float64 gradcheck away from ties and zeros.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { gradcheck, rand, tensor } from '../src/index';
import type { ScatterReduce, Tensor } from '../src/index';

interface Data {
  shape: number[];
  values: number[];
}
interface Case {
  name: string;
  dim: number;
  reduce: ScatterReduce;
  includeSelf: boolean;
  x: Data;
  src: Data;
  index: Data;
  cot: number[];
  out: number[];
  gradX: number[];
  gradSrc: number[];
}
const golden = JSON.parse(readFileSync(new URL('./golden/scatter-reduce.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Null when `got` matches `want` to float64 rounding, else the first mismatch. */
function mismatch(got: Tensor, want: readonly number[]): string | null {
  const values = Array.from(got.toTypedArray());
  if (values.length !== want.length) return `length ${values.length} != ${want.length}`;
  const i = values.findIndex((g, j) => !(Math.abs(g - want[j]!) <= 1e-13 + 1e-12 * Math.abs(want[j]!)));
  return i < 0 ? null : `at ${i}: got ${values[i]}, want ${want[i]}`;
}

const f64 = (d: Data): Tensor => tensor(d.values, { dtype: 'float64' }).reshape(d.shape);

describe('scatterReduce backward (PyTorch 1.13 scatter_reduce_backward)', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const x = f64(c.x).requiresGrad_();
    const src = f64(c.src).requiresGrad_();
    const index = tensor(c.index.values, { dtype: 'int32' }).reshape(c.index.shape);
    const out = x.scatterReduce(c.dim, index, src, c.reduce, { includeSelf: c.includeSelf });
    expect(mismatch(out, c.out)).toBeNull();
    out.mul(tensor(c.cot, { dtype: 'float64' }).reshape(out.shape)).sum().backward();
    expect(mismatch(x.grad!, c.gradX), 'grad of self').toBeNull();
    expect(mismatch(src.grad!, c.gradSrc), 'grad of src').toBeNull();
  });

  const index = tensor([[0, 1, 2, 0], [2, 0, 0, 1]], { dtype: 'int32' });
  it.each([
    ['prod', true],
    ['prod', false],
    ['amax', true],
    ['amax', false],
    ['amin', true],
    ['amin', false],
  ] as const)('gradcheck in float64: %s, includeSelf %s', (reduce, includeSelf) => {
    const generator = new Generator().manualSeed(7);
    const x = rand([3, 4], { dtype: 'float64', generator }).add(0.5).requiresGrad_();
    const src = rand([2, 4], { dtype: 'float64', generator }).add(0.5).requiresGrad_();
    expect(gradcheck((a: Tensor, s: Tensor) => a.scatterReduce(0, index, s, reduce, { includeSelf }), [x, src])).toBe(true);
  });

  it('gradcheck in float64 of prod with a zero in self and one in src', () => {
    const x = tensor([[0, 1.5, 0.7, 0.9], [1.2, 1.1, 0, 1.1], [0.8, 1.3, 0.4, 0.6]], { dtype: 'float64' }).requiresGrad_();
    const src = tensor([[1.3, 0, 0.9, 1.4], [0.7, 1.1, 1.2, 0]], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((a: Tensor, s: Tensor) => a.scatterReduce(0, index, s, 'prod'), [x, src])).toBe(true);
  });
});
