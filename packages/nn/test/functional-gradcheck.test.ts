/**
 * Finite-difference checks (float64) of the gradients of the convolution, pooling, normalization,
 * embedding, padding and unfold/fold ops, each with several option combinations.
 */
import { gradcheck, manualSeed, randn, tensor, zeros, ones } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { functional as F } from '../src/index';

const f64 = { dtype: 'float64' as const, requiresGrad: true };

function leaf(shape: number[]): Tensor {
  return randn(shape, f64);
}

type Case = [string, () => { fn: (...xs: Tensor[]) => Tensor; inputs: Tensor[] }];

const cases: Case[] = [
  ['conv2d plain', () => ({ fn: (x, w, b) => F.conv2d(x, w, b), inputs: [leaf([2, 3, 5, 5]), leaf([4, 3, 3, 3]), leaf([4])] })],
  ['conv2d stride, padding, dilation', () => ({ fn: (x, w) => F.conv2d(x, w, null, { stride: [2, 1], padding: [1, 2], dilation: [1, 2] }), inputs: [leaf([1, 2, 6, 5]), leaf([3, 2, 3, 2])] })],
  ['conv2d groups', () => ({ fn: (x, w, b) => F.conv2d(x, w, b, { groups: 2, padding: 1 }), inputs: [leaf([2, 4, 4, 4]), leaf([6, 2, 3, 3]), leaf([6])] })],
  ['conv2d depthwise', () => ({ fn: (x, w) => F.conv2d(x, w, undefined, { groups: 3 }), inputs: [leaf([1, 3, 4, 4]), leaf([3, 1, 2, 2])] })],
  ['conv2d same, even kernel', () => ({ fn: (x, w) => F.conv2d(x, w, null, { padding: 'same', dilation: [1, 1] }), inputs: [leaf([1, 2, 4, 5]), leaf([2, 2, 2, 4])] })],
  ['conv2d valid', () => ({ fn: (x, w) => F.conv2d(x, w, null, { padding: 'valid' }), inputs: [leaf([1, 1, 4, 4]), leaf([2, 1, 3, 3])] })],
  ...(['reflect', 'replicate', 'circular'] as const).map((mode): Case => [
    `conv2d paddingMode ${mode}`,
    () => ({ fn: (x, w) => F.conv2d(x, w, null, { padding: [1, 2], paddingMode: mode }), inputs: [leaf([1, 2, 4, 4]), leaf([2, 2, 3, 3])] }),
  ]),
  ['conv2d unbatched', () => ({ fn: (x, w) => F.conv2d(x, w), inputs: [leaf([2, 4, 4]), leaf([3, 2, 2, 2])] })],
  ['conv1d', () => ({ fn: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1, dilation: 2 }), inputs: [leaf([2, 3, 9]), leaf([4, 3, 3]), leaf([4])] })],
  ['conv1d groups, same, circular', () => ({ fn: (x, w) => F.conv1d(x, w, null, { groups: 2, padding: 'same', paddingMode: 'circular' }), inputs: [leaf([1, 4, 6]), leaf([2, 2, 3])] })],
  ['convTranspose2d', () => ({ fn: (x, w, b) => F.convTranspose2d(x, w, b), inputs: [leaf([2, 3, 3, 3]), leaf([3, 2, 2, 3]), leaf([2])] })],
  ['convTranspose2d stride, padding, outputPadding, dilation, groups', () => ({ fn: (x, w) => F.convTranspose2d(x, w, null, { stride: 2, padding: 1, outputPadding: 1, dilation: [1, 2], groups: 2 }), inputs: [leaf([1, 4, 3, 2]), leaf([4, 1, 3, 2])] })],
  ...(['constant', 'reflect', 'replicate', 'circular'] as const).map((mode): Case => [
    `pad ${mode}`,
    () => ({ fn: (x) => F.pad(x, [2, 1, 1, 2], { mode }), inputs: [leaf([1, 2, 3, 4])] }),
  ]),
  ['pad constant with value and cropping', () => ({ fn: (x) => F.pad(x, [-1, 2, 0, 1], { value: 0.5 }), inputs: [leaf([2, 3, 4])] })],
  ['maxPool2d', () => ({ fn: (x) => F.maxPool2d(x, 2), inputs: [leaf([2, 2, 4, 5])] })],
  ['maxPool2d stride, padding, dilation, ceilMode', () => ({ fn: (x) => F.maxPool2d(x, [3, 2], { stride: 2, padding: 1, dilation: [1, 2], ceilMode: true }), inputs: [leaf([1, 2, 6, 7])] })],
  ['maxPool1d', () => ({ fn: (x) => F.maxPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }), inputs: [leaf([2, 3, 8])] })],
  ['avgPool2d', () => ({ fn: (x) => F.avgPool2d(x, 2), inputs: [leaf([2, 2, 4, 5])] })],
  ['avgPool2d padding, ceilMode, countIncludePad false', () => ({ fn: (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }), inputs: [leaf([1, 2, 6, 6])] })],
  ['avgPool2d divisorOverride', () => ({ fn: (x) => F.avgPool2d(x, [2, 3], { stride: [1, 2], padding: [1, 1], divisorOverride: 4 }), inputs: [leaf([1, 1, 4, 5])] })],
  ['avgPool1d', () => ({ fn: (x) => F.avgPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }), inputs: [leaf([2, 2, 7])] })],
  ['adaptiveAvgPool2d', () => ({ fn: (x) => F.adaptiveAvgPool2d(x, [3, 2]), inputs: [leaf([2, 2, 5, 7])] })],
  ['adaptiveMaxPool2d', () => ({ fn: (x) => F.adaptiveMaxPool2d(x, [2, 3]), inputs: [leaf([2, 2, 5, 7])] })],
  ['batchNorm training', () => ({ fn: (x, w, b) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true }), inputs: [leaf([3, 2, 2, 2]), leaf([2]), leaf([2])] })],
  ['batchNorm eval', () => ({ fn: (x, w, b) => F.batchNorm(x, zeros([2], { dtype: 'float64' }).add(0.3), ones([2], { dtype: 'float64' }).mul(2), { weight: w, bias: b }), inputs: [leaf([3, 2, 3]), leaf([2]), leaf([2])] })],
  ['layerNorm', () => ({ fn: (x, w, b) => F.layerNorm(x, [2, 3], { weight: w, bias: b }), inputs: [leaf([2, 2, 3]), leaf([2, 3]), leaf([2, 3])] })],
  ['groupNorm', () => ({ fn: (x, w, b) => F.groupNorm(x, 2, { weight: w, bias: b }), inputs: [leaf([2, 4, 3]), leaf([4]), leaf([4])] })],
  // Without paddingIdx (its row deliberately gets no gradient, which finite differences would see).
  ['embedding', () => ({ fn: (w) => F.embedding(tensor([[0, 2, 1], [2, 2, 3]], { dtype: 'int32' }), w), inputs: [leaf([4, 3])] })],
  ['unfold', () => ({ fn: (x) => F.unfold(x, [2, 3], { stride: [1, 2], padding: 1, dilation: [2, 1] }), inputs: [leaf([2, 2, 4, 5])] })],
  ['fold', () => ({ fn: (x) => F.fold(x, [4, 5], 2, { stride: 1 }), inputs: [leaf([2, 8, 12])] })],
];

describe('gradients of the layer ops match finite differences (float64)', () => {
  it.each(cases)('%s', (_, make) => {
    manualSeed(7);
    const { fn, inputs } = make();
    expect(gradcheck(fn, inputs, { atol: 1e-6, rtol: 1e-4 })).toBe(true);
  });
});

describe('embedding', () => {
  it('sends no gradient to the paddingIdx row and accumulates repeated rows', () => {
    const w = randn([4, 2], f64);
    F.embedding(tensor([0, 2, 0, 3], { dtype: 'int32' }), w, { paddingIdx: 2 }).sum().backward();
    expect(w.grad?.tolist()).toEqual([[2, 2], [0, 0], [0, 0], [1, 1]]);
  });
});
