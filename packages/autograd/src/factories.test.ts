import { describe, expect, it } from 'vitest';
import { manualSeed, randn as baseRandn } from '@descent/tensor';
import {
  arange,
  cat,
  eye,
  full,
  linspace,
  ones,
  rand,
  randint,
  randn,
  randperm,
  stack,
  tensor,
  zeros,
  zerosLike,
} from './index';
import { Tensor } from './tensor';

describe('factories', () => {
  it.each([
    ['tensor', () => tensor([1, 2], { requiresGrad: true })],
    ['zeros', () => zeros([2], { requiresGrad: true })],
    ['ones', () => ones([2], { requiresGrad: true })],
    ['full', () => full([2], 3, { requiresGrad: true })],
    ['zerosLike', () => zerosLike(tensor([1, 2]), { requiresGrad: true })],
    ['arange', () => arange(0, 2, 1, { dtype: 'float32', requiresGrad: true })],
    ['linspace', () => linspace(0, 1, 2, { requiresGrad: true })],
    ['eye', () => eye(2, 2, { requiresGrad: true })],
    ['rand', () => rand([2], { requiresGrad: true })],
    ['randn', () => randn([2], { requiresGrad: true })],
  ])('%s returns an autograd leaf that requires grad', (_name, make) => {
    const t = make();
    expect(t).toBeInstanceOf(Tensor);
    expect(t.requiresGrad).toBe(true);
    expect(t.isLeaf).toBe(true);
  });

  it('draws the same numbers as @descent/tensor after the same seed', () => {
    manualSeed(7);
    const ours = randn([5]).toTypedArray();
    manualSeed(7);
    expect(ours).toEqual(baseRandn([5]).toTypedArray());
  });

  it('refuses requiresGrad for integer factories before drawing', () => {
    const message = new Error('only Tensors of floating point dtype can require gradients');
    expect(() => randint(0, 5, [3], { requiresGrad: true })).toThrow(message);
    expect(() => randperm(4, { requiresGrad: true })).toThrow(message);
    expect(randperm(4)).toBeInstanceOf(Tensor);
  });

  it('cat and stack record their nodes and return autograd tensors', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3]);
    expect(cat([a, b]).gradFn!.name).toBe('CatBackward0');
    expect(stack([a, a]).gradFn!.name).toBe('StackBackward0');
    expect(cat([tensor([1]), tensor([2])])).toBeInstanceOf(Tensor);
  });
});

describe('cat of mixed float dtypes', () => {
  it('gives each input a gradient of its own dtype', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3], { dtype: 'float64', requiresGrad: true });
    const y = cat([a, b]);
    expect(y.dtype).toBe('float64');
    y.mul(tensor([1, 2, 3], { dtype: 'float64' }))
      .sum()
      .backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(Array.from(a.grad!.toTypedArray())).toEqual([1, 2]);
    expect(b.grad!.dtype).toBe('float64');
    expect(Array.from(b.grad!.toTypedArray())).toEqual([3]);
  });
});
