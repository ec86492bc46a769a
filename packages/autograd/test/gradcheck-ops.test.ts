/**
 * Every backward rule against central finite differences in float64 (gradcheck), on seeded random
 * inputs; and, for a subset, the rules' own gradients (createGraph) against finite differences of
 * the first derivative (PyTorch's gradgradcheck).
 */
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { cat, chunk, grad, gradcheck, randn, split, stack, tensor, where } from '../src/index';
import type { Tensor } from '../src/index';

type Case = [
  name: string,
  shapes: number[][],
  fn: (...xs: Tensor[]) => Tensor | Tensor[],
  positive?: boolean,
];

const idx = (values: number[], shape: number[] = [values.length]): Tensor =>
  tensor(values, { dtype: 'int32' }).reshape(shape);
const mask = (values: number[], shape: number[]): Tensor =>
  tensor(
    values.map((v) => v === 1),
    {},
  ).reshape(shape);

const CASES: Case[] = [
  ['add (broadcast [2,3] + [3])', [[2, 3], [3]], (a, b) => a.add(b)],
  ['add scalar', [[3]], (a) => a.add(2)],
  [
    'sub (broadcast [2,1] − [1,4])',
    [
      [2, 1],
      [1, 4],
    ],
    (a, b) => a.sub(b),
  ],
  ['mul (broadcast [4] · [2,1,4] )', [[4], [2, 1, 4]], (a, b) => a.mul(b)],
  ['mul scalar', [[2, 2]], (a) => a.mul(-3)],
  [
    'div (broadcast)',
    [
      [2, 3],
      [1, 3],
    ],
    (a, b) => a.div(b),
    true,
  ],
  ['div scalar', [[3]], (a) => a.div(4)],
  ['pow scalar exponent', [[4]], (a) => a.pow(2.5), true],
  ['pow integer exponent on signed values', [[4]], (a) => a.pow(3)],
  ['pow tensor exponent', [[3], [3]], (a, b) => a.pow(b), true],
  ['maximum', [[5], [5]], (a, b) => a.maximum(b)],
  ['minimum (broadcast)', [[2, 3], [3]], (a, b) => a.minimum(b)],
  ['neg', [[3]], (a) => a.neg()],
  ['abs', [[5]], (a) => a.abs()],
  ['sign', [[4]], (a) => a.sign()],
  ['floor, ceil, round', [[4]], (a) => a.mul(0.3).floor().add(a.ceil()).add(a.round())],
  ['exp', [[2, 3]], (a) => a.exp()],
  ['expm1', [[3]], (a) => a.expm1()],
  ['log', [[4]], (a) => a.log(), true],
  ['log1p', [[4]], (a) => a.log1p(), true],
  ['sqrt', [[4]], (a) => a.sqrt(), true],
  ['rsqrt', [[4]], (a) => a.rsqrt(), true],
  ['reciprocal', [[4]], (a) => a.reciprocal(), true],
  ['sin', [[4]], (a) => a.sin()],
  ['cos', [[4]], (a) => a.cos()],
  ['tanh', [[4]], (a) => a.tanh()],
  ['sigmoid', [[4]], (a) => a.sigmoid()],
  ['relu', [[6]], (a) => a.relu()],
  ['clamp(min, max)', [[6]], (a) => a.clamp(-0.5, 0.5)],
  ['clamp(min)', [[6]], (a) => a.clamp(0.1)],
  ['clamp(undefined, max)', [[6]], (a) => a.clamp(undefined, 0.1)],
  ['square', [[3]], (a) => a.square()],
  ['sum', [[2, 3]], (a) => a.sum()],
  ['sum(dim)', [[2, 3, 4]], (a) => a.sum(1)],
  ['sum(dims, keepdim)', [[2, 3, 4]], (a) => a.sum([0, -1], true)],
  ['mean', [[2, 3]], (a) => a.mean()],
  ['mean(dim, keepdim)', [[2, 3]], (a) => a.mean(-1, true)],
  ['prod', [[5]], (a) => a.prod()],
  ['prod(dim)', [[3, 4]], (a) => a.prod(1)],
  ['max()', [[3, 4]], (a) => a.max()],
  ['min()', [[3, 4]], (a) => a.min()],
  ['max(dim)', [[3, 4]], (a) => a.max(1).values],
  ['min(dim, keepdim)', [[3, 4]], (a) => a.min(0, true).values],
  ['amax(dims)', [[3, 4]], (a) => a.amax([0, 1])],
  ['amin(dim)', [[3, 4]], (a) => a.amin(1)],
  ['var (correction 1)', [[3, 4]], (a) => a.var(1)],
  ['var (correction 0, keepdim)', [[3, 4]], (a) => a.var(0, { correction: 0, keepdim: true })],
  ['std', [[6]], (a) => a.std()],
  ['norm (2)', [[3, 2]], (a) => a.norm()],
  ['norm (1, dim)', [[3, 2]], (a) => a.norm(1, 1)],
  ['norm (inf)', [[5]], (a) => a.norm(Infinity)],
  ['norm (3)', [[4]], (a) => a.norm(3), true],
  ['norm (3) of signed values', [[4]], (a) => a.norm(3)],
  ['norm (1.5, dim, keepdim)', [[3, 2]], (a) => a.norm(1.5, 0, true)],
  ['norm (0.5)', [[4]], (a) => a.norm(0.5), true],
  ['norm (−inf, dim)', [[2, 3]], (a) => a.norm(-Infinity, 1)],
  ['std (dim, correction 0)', [[3, 4]], (a) => a.std(1, { correction: 0 })],
  ['logsumexp', [[3, 4]], (a) => a.logsumexp(1)],
  ['logsumexp(keepdim)', [[3, 4]], (a) => a.logsumexp([0, 1], true)],
  ['softmax', [[3, 4]], (a) => a.softmax(1)],
  ['softmax dim 0', [[3, 4]], (a) => a.softmax(0)],
  ['logSoftmax', [[3, 4]], (a) => a.logSoftmax(-1)],
  ['cumsum', [[3, 4]], (a) => a.cumsum(1)],
  ['matmul 1-D · 1-D', [[4], [4]], (a, b) => a.matmul(b)],
  ['matmul 1-D · 2-D', [[3], [3, 2]], (a, b) => a.matmul(b)],
  ['matmul 2-D · 1-D', [[2, 3], [3]], (a, b) => a.matmul(b)],
  [
    'matmul 2-D · 2-D',
    [
      [2, 3],
      [3, 4],
    ],
    (a, b) => a.matmul(b),
  ],
  [
    'matmul 3-D · 2-D',
    [
      [2, 3, 4],
      [4, 2],
    ],
    (a, b) => a.matmul(b),
  ],
  [
    'matmul 2-D · 3-D',
    [
      [3, 4],
      [2, 4, 2],
    ],
    (a, b) => a.matmul(b),
  ],
  ['matmul 1-D · 3-D', [[4], [2, 4, 3]], (a, b) => a.matmul(b)],
  [
    'matmul batched broadcast',
    [
      [2, 1, 3, 4],
      [3, 4, 2],
    ],
    (a, b) => a.matmul(b),
  ],
  [
    'mm',
    [
      [2, 3],
      [3, 2],
    ],
    (a, b) => a.mm(b),
  ],
  [
    'bmm',
    [
      [2, 2, 3],
      [2, 3, 2],
    ],
    (a, b) => a.bmm(b),
  ],
  ['dot', [[5], [5]], (a, b) => a.dot(b)],
  ['outer', [[3], [2]], (a, b) => a.outer(b)],
  [
    'reshape',
    [[2, 3]],
    (a) =>
      a.reshape([3, 2]).mul(
        tensor(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          { dtype: 'float64' },
        ),
      ),
  ],
  [
    'reshape of a non-contiguous view',
    [[2, 3]],
    (a) =>
      a
        .t()
        .reshape([6])
        .mul(tensor([1, 2, 3, 4, 5, 6], { dtype: 'float64' })),
  ],
  ['view', [[2, 3]], (a) => a.view([6]).cumsum(0)],
  ['permute', [[2, 3, 4]], (a) => a.permute([2, 0, 1]).cumsum(0)],
  ['transpose', [[2, 3]], (a) => a.transpose(0, 1).cumsum(1)],
  ['t', [[2, 3]], (a) => a.t().cumsum(1)],
  ['T and mT', [[2, 3]], (a) => a.T.cumsum(1).add(a.mT.cumsum(0))],
  ['expand', [[3, 1]], (a) => a.expand([2, 3, 4]).cumsum(2)],
  [
    'expandAs',
    [
      [1, 4],
      [3, 4],
    ],
    (a, b) => a.expandAs(b).mul(b),
  ],
  ['squeeze / unsqueeze', [[3, 1, 2]], (a) => a.squeeze().unsqueeze(0).squeeze(1).cumsum(0)],
  ['narrow', [[5, 2]], (a) => a.narrow(0, 1, 3).cumsum(0)],
  ['slice with a step', [[7]], (a) => a.slice(0, 1, 6, 2).cumsum(0)],
  ['select', [[3, 4]], (a) => a.select(1, -1).cumsum(0)],
  ['flatten', [[2, 3, 2]], (a) => a.flatten(1).cumsum(1)],
  ['contiguous of a transposed view', [[2, 3]], (a) => a.t().contiguous().cumsum(1)],
  ['flip', [[2, 3]], (a) => a.flip([1]).cumsum(1)],
  ['clone', [[3]], (a) => a.clone().cumsum(0)],
  ['gather', [[3, 4]], (a) => a.gather(1, idx([0, 3, 3, 1, 2, 2], [3, 2]))],
  ['indexSelect with repeats', [[4, 2]], (a) => a.indexSelect(0, idx([3, 0, 3])).cumsum(0)],
  ['maskedFill', [[2, 3]], (a) => a.maskedFill(mask([1, 0, 0, 0, 1, 0], [2, 3]), 7).cumsum(1)],
  ['where (method)', [[2, 3], [3]], (a, b) => a.where(mask([1, 0, 1, 0, 0, 1], [2, 3]), b)],
  ['where (function, broadcast)', [[3], [2, 3]], (a, b) => where(mask([0, 1, 1], [3]), a, b)],
  [
    'cat',
    [
      [2, 3],
      [1, 3],
    ],
    (a, b) => cat([a, b], 0).cumsum(0),
  ],
  [
    'cat dim 1',
    [
      [2, 1],
      [2, 3],
    ],
    (a, b) => cat([a, b], -1).cumsum(1),
  ],
  [
    'stack',
    [
      [2, 3],
      [2, 3],
    ],
    (a, b) => stack([a, b], 1).cumsum(1),
  ],
  ['split', [[5, 2]], (a) => split(a, [2, 3]).map((p, i) => p.mul(i + 1))],
  ['chunk', [[5]], (a) => chunk(a, 2).map((p) => p.cumsum(0))],
];

const SECOND_ORDER: Case[] = [
  [
    'var, std',
    [[2, 3]],
    (a) =>
      a
        .var(1)
        .mul(a.std(0, { correction: 0 }).sum())
        .sum(),
  ],
  ['prod', [[4]], (a) => a.prod().mul(a.sum())],
  ['norm (2, 3, 1.5)', [[2, 3]], (a) => a.norm().mul(a.norm(3, 1).sum()).add(a.norm(1.5))],
  ['sin, cos, reciprocal', [[3]], (a) => a.sin().mul(a.cos()).add(a.reciprocal()).sum(), true],
  [
    'log1p, expm1, square',
    [[3]],
    (a) => a.log1p().mul(a.expm1()).add(a.square().exp()).sum(),
    true,
  ],
  [
    'abs, clamp, relu, maximum, minimum (piecewise)',
    [[4], [4]],
    (a, b) =>
      a
        .abs()
        .pow(3)
        .add(a.clamp(-0.5, 0.5).pow(2))
        .mul(a.relu())
        .add(a.maximum(b).mul(a.minimum(b)))
        .sum(),
  ],
  [
    'views: expand, permute, transpose, flip, cumsum',
    [[2, 3]],
    (a) =>
      a
        .unsqueeze(0)
        .expand([2, 2, 3])
        .permute([2, 0, 1])
        .transpose(0, 2)
        .flip([1])
        .cumsum(1)
        .pow(2)
        .sum(),
  ],
  [
    'where, maskedFill',
    [[2, 3], [3]],
    (a, b) =>
      where(mask([1, 0, 1, 0, 0, 1], [2, 3]), a, b)
        .pow(2)
        .mul(a.maskedFill(mask([0, 1, 1], [3]), 0))
        .sum(),
  ],
  [
    'max(dim), amax, max()',
    [[3, 4]],
    (a) => a.max(1).values.pow(2).sum().mul(a.amax(0).sum()).add(a.max().pow(3)),
  ],
  ['std (dim)', [[2, 4]], (a) => a.std(1).pow(3).sum()],
  ['prod(dim)', [[2, 3]], (a) => a.prod(1).pow(2).sum()],
  ['mul', [[3], [3]], (a, b) => a.mul(b).mul(a).sum()],
  ['div', [[3], [3]], (a, b) => a.div(b).sum(), true],
  ['pow', [[3]], (a) => a.pow(3).sum()],
  ['pow tensor exponent', [[3], [3]], (a, b) => a.pow(b).sum(), true],
  ['exp, log', [[3]], (a) => a.exp().add(1).log().sum()],
  ['sqrt, rsqrt', [[3]], (a) => a.sqrt().add(a.rsqrt()).sum(), true],
  ['tanh, sigmoid', [[3]], (a) => a.tanh().mul(a.sigmoid()).sum()],
  ['softmax', [[2, 3]], (a) => a.softmax(1).pow(2).sum()],
  ['logSoftmax', [[2, 3]], (a) => a.logSoftmax(1).mul(a).sum()],
  ['logsumexp', [[2, 3]], (a) => a.logsumexp(1).pow(2).sum()],
  [
    'matmul',
    [
      [2, 3],
      [3, 2],
    ],
    (a, b) => a.matmul(b).pow(2).sum(),
  ],
  ['broadcast mean', [[2, 3], [3]], (a, b) => a.mul(b).pow(2).mean()],
  [
    'gather, indexSelect',
    [[3, 4]],
    (a) =>
      a
        .gather(1, idx([0, 3, 3, 1, 2, 2], [3, 2]))
        .pow(2)
        .sum()
        .add(
          a
            .indexSelect(0, idx([2, 2]))
            .pow(3)
            .sum(),
        ),
  ],
  [
    'slices',
    [[5]],
    (a) =>
      a
        .slice(0, 0, 5, 2)
        .pow(2)
        .sum()
        .mul(a.narrow(0, 1, 2).sum()),
  ],
  [
    'cat, stack',
    [[2], [2]],
    (a, b) =>
      cat([a, b])
        .pow(2)
        .sum()
        .mul(stack([a, b]).sum()),
  ],
];

function inputsFor(shapes: number[][], positive: boolean | undefined, seed: number): Tensor[] {
  const generator = new Generator().manualSeed(seed);
  return shapes.map((shape) => {
    const values = randn(shape, { dtype: 'float64', generator });
    const shifted = positive === true ? values.abs().add(0.5) : values;
    return shifted.detach().requiresGrad_();
  });
}

describe('gradcheck: every backward rule matches finite differences (float64)', () => {
  it.each(CASES.map((c, i) => [c[0], c, i] as const))(
    '%s',
    (_name, [, shapes, fn, positive], i) => {
      for (const seed of [i, 1000 + i]) {
        expect(gradcheck(fn, inputsFor(shapes, positive, seed))).toBe(true);
      }
    },
  );
});

describe('gradgradcheck: backward rules are themselves differentiable (createGraph)', () => {
  it.each(SECOND_ORDER.map((c, i) => [c[0], c, i] as const))(
    '%s',
    (_name, [, shapes, fn, positive], i) => {
      const inputs = inputsFor(shapes, positive, 500 + i);
      const firstDerivatives = (...xs: Tensor[]): Tensor[] =>
        grad(fn(...xs) as Tensor, xs, { createGraph: true }).map((g) => g as Tensor);
      expect(gradcheck(firstDerivatives, inputs, { atol: 1e-4 })).toBe(true);
    },
  );
});
