/**
 * Backward rules that had no finite-difference test of their own: the scatter-add and index-add
 * that carry gather's and indexSelect's gradients (their own rules run in double backward), checked
 * by float64 gradcheck of the first gradient as a function of the incoming gradient.
 */
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { grad, gradcheck, rand, tensor } from '../src/index';
import type { Tensor } from '../src/index';

describe('gradcheck of the gradient rules of gather and indexSelect (float64)', () => {
  const generator = new Generator().manualSeed(4);
  const x = rand([3, 4], { dtype: 'float64', generator }).requiresGrad_();

  it('gather: its gradient (a scatter-add, repeats accumulating) is differentiable in g', () => {
    const index = tensor([[0, 3, 3], [1, 1, 2], [2, 0, 0]], { dtype: 'int32' });
    const v = rand([3, 3], { dtype: 'float64', generator }).requiresGrad_();
    const fn = (g: Tensor): Tensor => grad(x.gather(1, index), [x], { gradOutputs: g, createGraph: true })[0]!;
    // Independent value: each v[r][c] added at [r][index[r][c]].
    const want = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
    const idx = index.tolist() as number[][];
    (v.tolist() as number[][]).forEach((row, r) => row.forEach((value, c) => (want[r]![idx[r]![c]!]! += value)));
    expect(fn(v).tolist()).toEqual(want);
    expect(gradcheck(fn, [v])).toBe(true);
  });

  it('indexSelect: its gradient (an index-add, repeats accumulating) is differentiable in g', () => {
    const index = tensor([2, 0, 2, 1], { dtype: 'int32' });
    const v = rand([4, 4], { dtype: 'float64', generator }).requiresGrad_();
    const fn = (g: Tensor): Tensor => grad(x.indexSelect(0, index), [x], { gradOutputs: g, createGraph: true })[0]!;
    expect(gradcheck(fn, [v])).toBe(true);
  });
});
