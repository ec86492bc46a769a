import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { oneHot } from './one-hot';

// F.one_hot in PyTorch 1.13: one_hot(tensor([0, 3, 1, 1]), 4) and one_hot(tensor([[0, 2], [1, 0]])).
describe('oneHot', () => {
  it('encodes indices with a given number of classes', () => {
    const got = oneHot(tensor([0, 3, 1, 1], { dtype: 'int32' }), 4);
    expect([got.dtype, got.tolist()]).toEqual(['int32', [[1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0], [0, 1, 0, 0]]]);
  });

  it('infers the number of classes as max + 1', () => {
    expect(oneHot(tensor([[0, 2], [1, 0]], { dtype: 'int32' })).tolist()).toEqual([[[1, 0, 0], [0, 0, 1]], [[0, 1, 0], [1, 0, 0]]]);
  });

  it.each<[string, () => unknown, Error]>([
    ['float input', () => oneHot(tensor([0, 1])), new TypeError('one_hot is only applicable to index tensor (int32), got float32')],
    ['a negative class', () => oneHot(tensor([-1, 1], { dtype: 'int32' })), new RangeError('Class values must be non-negative.')],
    ['too few classes', () => oneHot(tensor([0, 3], { dtype: 'int32' }), 3), new RangeError('Class values must be smaller than num_classes.')],
  ])('refuses %s with PyTorch message', (_label, call, error) => {
    expect(call).toThrow(error);
  });
});
