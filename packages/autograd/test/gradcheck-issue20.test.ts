/**
 * The backward rules of issue 20's ops against central finite differences in float64 (gradcheck),
 * on seeded random inputs inside each op's domain and away from its kinks.
 */
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { einsum, gradcheck, meshgrid, rand, slice, tensor } from '../src/index';
import type { Tensor } from '../src/index';

type Case = [name: string, shapes: number[][], fn: (...xs: Tensor[]) => Tensor | Tensor[], lo?: number, hi?: number];

const GROUP2: Case[] = [
  ['tan', [[2, 3]], (a) => a.tan(), -1.2, 1.2],
  ['asin', [[5]], (a) => a.asin(), -0.9, 0.9],
  ['acos', [[5]], (a) => a.acos(), -0.9, 0.9],
  ['atan', [[5]], (a) => a.atan(), -3, 3],
  ['sinh', [[5]], (a) => a.sinh()],
  ['cosh', [[5]], (a) => a.cosh()],
  ['asinh', [[5]], (a) => a.asinh(), -4, 4],
  ['acosh', [[5]], (a) => a.acosh(), 1.2, 5],
  ['atanh', [[5]], (a) => a.atanh(), -0.9, 0.9],
  ['erf', [[6]], (a) => a.erf(), -3, 3],
  ['exp2', [[5]], (a) => a.exp2()],
  ['log2', [[5]], (a) => a.log2(), 0.2, 5],
  ['log10', [[5]], (a) => a.log10(), 0.2, 5],
  // away from the jumps of remainder/fmod: a in (0.1, 0.9)·b intervals
  ['remainder (broadcast)', [[2, 3], [3]], (a, b) => a.mul(0.3).remainder(b.add(2)), 0.1, 0.9],
  ['fmod', [[4], [4]], (a, b) => a.fmod(b.add(2)), 0.1, 0.9],
  ['copysign', [[4], [4]], (a, b) => a.add(0.5).copysign(b.sub(0.5)), 0.1, 0.9],
  ['logaddexp (broadcast)', [[2, 3], [3]], (a, b) => a.logaddexp(b)],
  ['lerp scalar weight', [[2, 3], [3]], (a, b) => a.lerp(b, 0.3)],
  ['lerp tensor weight', [[2, 3], [2, 3], [3]], (a, b, w) => a.lerp(b, w)],
  ['clip', [[6]], (a) => a.clip(-0.5, 0.5)],
  ['unbind', [[2, 3]], (a) => a.unbind(1)],
  ['repeat', [[2, 3]], (a) => a.repeat(2, 1, 2)],
  ['roll', [[3, 4]], (a) => a.roll([1, -1], [0, 1])],
  ['unfold', [[2, 7]], (a) => a.unfold(1, 3, 2)],
  ['repeatInterleave', [[2, 3]], (a) => a.repeatInterleave(2, 0)],
  ['tril, triu', [[3, 4]], (a) => a.tril(1).add(a.triu(-1))],
  ['diagonal', [[3, 2, 4]], (a) => a.diagonal(1, 2, 0)],
  ['diag of a vector', [[3]], (a) => a.diag(-1)],
  ['cummax', [[3, 5]], (a) => a.cummax(1).values],
  ['cummin', [[4, 2]], (a) => a.cummin(0).values],
  ['cumprod', [[2, 5]], (a) => a.cumprod(1), 0.5, 1.5],
  ['logcumsumexp', [[3, 4]], (a) => a.logcumsumexp(1)],
  ['stdMean', [[3, 4]], (a) => a.stdMean(1)],
  ['sort', [[3, 5]], (a) => a.sort(1, true).values],
  ['topk', [[3, 5]], (a) => a.topk(2).values],
  ['scatter (self and src)', [[3, 4], [2, 4]], (a, s) => a.scatter(0, tensor([[0, 1, 2, 0], [2, 0, 0, 1]], { dtype: 'int32' }), s)],
  ['scatterReduce sum', [[3, 4], [2, 4]], (a, s) => a.scatterReduce(0, tensor([[0, 1, 2, 0], [2, 0, 0, 1]], { dtype: 'int32' }), s, 'sum')],
  ['scatterReduce mean without self', [[3, 4], [2, 4]], (a, s) => a.scatterReduce(0, tensor([[0, 1, 2, 0], [0, 1, 0, 0]], { dtype: 'int32' }), s, 'mean', { includeSelf: false })],
  ['maskedSelect', [[2, 3]], (a) => a.maskedSelect(tensor([true, false, true]))],
  ['einsum bij,bjk->bik', [[2, 2, 3], [2, 3, 2]], (a, b) => einsum('bij,bjk->bik', a, b)],
  ['einsum ii->i', [[3, 3]], (a) => einsum('ii->i', a)],
  ['meshgrid xy', [[3], [2]], (a, b) => meshgrid(a, b, { indexing: 'xy' })],
  ['index: ints, slices, null, ellipsis', [[3, 4, 5]], (a) => a.at(-1, slice(1, null, 2), null, '...')],
  ['index: non-adjacent index tensors with repeats', [[3, 4, 5]], (a) => a.at(tensor([0, 2, 0], { dtype: 'int32' }), slice(), tensor([1, 4, 1], { dtype: 'int32' }))],
  ['index: bool mask', [[3, 4]], (a) => a.at(tensor([true, false, true]))],
  ['indexPut (self and values)', [[3, 4], [2]], (a, v) => a.indexPut([tensor([0, 2], { dtype: 'int32' }), tensor([1, 3], { dtype: 'int32' })], v)],
  ['indexPut accumulate with repeats', [[3, 4], [3, 4]], (a, v) => a.indexPut([tensor([0, 0, 2], { dtype: 'int32' })], v, true)],
  ['indexPut_ on a non-leaf', [[3, 4], [4]], (a, v) => a.mul(1).indexPut_([tensor([1], { dtype: 'int32' })], v)],
];

describe('gradcheck of issue 20 ops (float64 finite differences)', () => {
  it.each(GROUP2)('%s', (_name, shapes, fn, lo = -2, hi = 2) => {
    const generator = new Generator().manualSeed(20);
    const inputs = shapes.map((shape) => rand(shape, { dtype: 'float64', generator }).mul(hi - lo).add(lo).detach().requiresGrad_());
    expect(gradcheck(fn, inputs)).toBe(true);
  });

  it('iterates over the first dimension and each row carries the gradient', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64', requiresGrad: true });
    const rows = [...x];
    expect(rows.map((r) => r.tolist())).toEqual([[1, 2], [3, 4], [5, 6]]);
    let total = rows[0]!.mul(0);
    for (const [i, row] of rows.entries()) total = total.add(row.mul(i + 1));
    total.sum().backward();
    expect(x.grad!.tolist()).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('refuses to iterate over a 0-d tensor, as PyTorch', () => {
    expect(() => [...tensor(3)]).toThrow(TypeError);
    expect(() => [...tensor(3)]).toThrow(/is not iterable/);
  });
});
