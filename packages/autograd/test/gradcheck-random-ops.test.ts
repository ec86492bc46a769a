/**
 * gradcheck (float64) of every differentiable op on random shapes and random arguments
 * (fast-check): element-wise ops, reductions over random dims, views, indexing and joins.
 * Broadcasting binary ops and matmul have their own properties in gradcheck-random-shapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { cat, chunk, gradcheck, randn, split, stack, tensor, where } from '../src/index';
import type { Tensor } from '../src/index';

const RUNS = { numRuns: 12, seed: 2024 };
const dimSize = fc.integer({ min: 1, max: 3 });
const anyShape = fc.array(dimSize, { minLength: 0, maxLength: 3 });
const nonScalar = fc.array(dimSize, { minLength: 1, maxLength: 3 });
const seedArb = fc.integer({ min: 0, max: 1e6 });

function leaf(shape: readonly number[], seed: number, positive = false): Tensor {
  const values = randn([...shape], {
    dtype: 'float64',
    generator: new Generator().manualSeed(seed),
  });
  return (positive ? values.abs().add(0.5) : values).detach().requiresGrad_();
}

/** Deterministic pseudo-random integers in [0, n) from a seed (for indices, masks, permutations). */
function ints(count: number, n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  });
}

const check = (fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]): void => {
  expect(gradcheck(fn, inputs)).toBe(true);
};

const UNARY: Array<[string, (a: Tensor) => Tensor, boolean]> = [
  ['neg', (a) => a.neg(), false],
  ['abs', (a) => a.abs(), false],
  [
    'sign, floor, ceil, round (zero gradient)',
    (a) => a.sign().add(a.floor()).add(a.ceil()).add(a.round()).add(a),
    false,
  ],
  ['exp', (a) => a.exp(), false],
  ['expm1', (a) => a.expm1(), false],
  ['log', (a) => a.log(), true],
  ['log1p', (a) => a.log1p(), true],
  ['sqrt', (a) => a.sqrt(), true],
  ['rsqrt', (a) => a.rsqrt(), true],
  ['reciprocal', (a) => a.reciprocal(), true],
  ['sin', (a) => a.sin(), false],
  ['cos', (a) => a.cos(), false],
  ['tanh', (a) => a.tanh(), false],
  ['sigmoid', (a) => a.sigmoid(), false],
  ['relu', (a) => a.relu(), false],
  ['clamp', (a) => a.clamp(-0.4, 0.6), false],
  ['square', (a) => a.square(), false],
  ['pow(number)', (a) => a.pow(1.7), true],
  ['add, sub, mul, div by numbers', (a) => a.add(2).sub(0.5).mul(-3).div(1.5), false],
  [
    'maximum / minimum of two functions',
    (a) => a.maximum(a.sin()).add(a.minimum(a.mul(0.5))),
    false,
  ],
  ['clone, contiguous', (a) => a.clone().mul(2).contiguous(), false],
];

describe('gradcheck of every element-wise op on random shapes', () => {
  it('to(float32) and back: the gradient is converted back (checked with a step float32 resolves)', () => {
    fc.assert(
      fc.property(anyShape, seedArb, (shape, seed) => {
        const op = (a: Tensor): Tensor => a.to('float32').mul(3).to('float64');
        expect(gradcheck(op, [leaf(shape, seed)], { eps: 1e-3, atol: 1e-3 })).toBe(true);
      }),
      RUNS,
    );
  });

  it.each(UNARY)('%s', (_name, op, positive) => {
    fc.assert(
      fc.property(anyShape, seedArb, (shape, seed) => check(op, [leaf(shape, seed, positive)])),
      RUNS,
    );
  });
});

type Reduction = (a: Tensor, dim: number, keepdim: boolean) => Tensor;
const REDUCTIONS: Array<[string, Reduction, { positive?: boolean; minSize?: number }]> = [
  ['min(dim)', (a, d, k) => a.min(d, k).values, {}],
  ['amin(dim)', (a, d, k) => a.amin(d, k), {}],
  ['mean(dims)', (a, d, k) => a.mean([d], k), {}],
  ['std(dim)', (a, d, k) => a.std(d, { keepdim: k }), { minSize: 2 }],
  ['var(dim, correction 0)', (a, d, k) => a.var(d, { correction: 0, keepdim: k }), {}],
  ['norm(2, dim)', (a, d, k) => a.norm(2, d, k), {}],
  ['norm(1, dim)', (a, d, k) => a.norm(1, d, k), {}],
  ['norm(3, dim)', (a, d, k) => a.norm(3, d, k), {}],
  ['norm(∞, dim)', (a, d, k) => a.norm(Infinity, d, k), {}],
  ['prod(dim) of positive values', (a, d, k) => a.prod(d, k), { positive: true }],
];

describe('gradcheck of reductions over a random dim and of full reductions', () => {
  it.each(REDUCTIONS)('%s', (_name, op, { positive = false, minSize = 1 }) => {
    fc.assert(
      fc.property(nonScalar, fc.nat(), fc.boolean(), seedArb, (shape, d, keepdim, seed) => {
        const dim = (d % shape.length) - (d % 2 === 0 ? 0 : shape.length);
        if ((shape.at(dim) as number) < minSize) return;
        check((a) => op(a, dim, keepdim), [leaf(shape, seed, positive)]);
      }),
      RUNS,
    );
  });

  it.each<[string, (a: Tensor) => Tensor, boolean]>([
    ['sum()', (a) => a.sum(), false],
    ['mean()', (a) => a.mean(), false],
    ['max()', (a) => a.max(), false],
    ['min()', (a) => a.min(), false],
    ['prod()', (a) => a.prod(), true],
    ['norm()', (a) => a.norm(), false],
    ['logsumexp(all dims)', (a) => a.logsumexp(a.shape.map((_, i) => i)), false],
  ])('%s', (_name, op, positive) => {
    fc.assert(
      fc.property(nonScalar, seedArb, (shape, seed) => check(op, [leaf(shape, seed, positive)])),
      RUNS,
    );
  });
});

describe('gradcheck of views on random shapes and arguments', () => {
  it('permute by a random permutation, then transpose of a random pair', () => {
    fc.assert(
      fc.property(nonScalar, seedArb, (shape, seed) => {
        const order = shape
          .map((_, i) => i)
          .sort(
            (i, j) => (ints(1, 97, seed + i)[0] as number) - (ints(1, 97, seed + j)[0] as number),
          );
        const [d0, d1] = ints(2, shape.length, seed);
        check(
          (a) =>
            a
              .permute(order)
              .transpose(d0 as number, -1 - (d1 as number))
              .cumsum(0),
          [leaf(shape, seed)],
        );
      }),
      RUNS,
    );
  });

  it('reshape / view / flatten to another factorisation', () => {
    fc.assert(
      fc.property(nonScalar, seedArb, (shape, seed) => {
        const n = shape.reduce((x, y) => x * y, 1);
        check(
          (a) => a.reshape([n]).cumsum(0).view([1, n]).reshape(shape).flatten(0).cumsum(0),
          [leaf(shape, seed)],
        );
      }),
      RUNS,
    );
  });

  it('unsqueeze at a random dim, expand and squeeze', () => {
    fc.assert(
      fc.property(anyShape, fc.nat(), dimSize, seedArb, (shape, d, copies, seed) => {
        const at = d % (shape.length + 1);
        const expanded = [...shape];
        expanded.splice(at, 0, copies + 1);
        check(
          (a) => a.unsqueeze(at).expand(expanded).mul(leafConst(expanded, seed)).squeeze(),
          [leaf(shape, seed)],
        );
      }),
      RUNS,
    );
  });

  it('narrow, slice with a step and select at random positions', () => {
    fc.assert(
      fc.property(nonScalar, seedArb, (shape, seed) => {
        const dim = ints(1, shape.length, seed)[0] as number;
        const size = shape[dim] as number;
        const [start, length, step, index] = [
          ...ints(1, size, seed + 1),
          ...ints(1, size, seed + 2),
          ...ints(1, 3, seed + 3),
          ...ints(1, size, seed + 4),
        ] as number[];
        const len = Math.min(length! + 1, size - start!);
        check(
          (a) => [
            a.narrow(dim, start!, len).cumsum(dim),
            a.slice(dim, start, undefined, step! + 1).exp(),
            a.select(dim, -1 - index!).sin(),
          ],
          [leaf(shape, seed)],
        );
      }),
      RUNS,
    );
  });

  it('flip of random dims, T and mT', () => {
    fc.assert(
      fc.property(fc.array(dimSize, { minLength: 2, maxLength: 3 }), seedArb, (shape, seed) => {
        const dims = shape
          .map((_, i) => i)
          .filter((i) => (ints(1, 2, seed + i)[0] as number) === 1);
        check((a) => a.flip(dims).cumsum(0).mT.add(a.mT.mul(2)).cumsum(-1), [leaf(shape, seed)]);
      }),
      RUNS,
    );
  });
});

/** A float64 tensor without grad, for weighting outputs so that every position matters. */
function leafConst(shape: readonly number[], seed: number): Tensor {
  return randn([...shape], { dtype: 'float64', generator: new Generator().manualSeed(seed + 7) });
}

describe('gradcheck of indexing on random shapes and indices', () => {
  it('gather along a random dim with a random index', () => {
    fc.assert(
      fc.property(nonScalar, seedArb, (shape, seed) => {
        const dim = ints(1, shape.length, seed)[0] as number;
        const ishape = shape.map((s, i) =>
          i === dim
            ? 1 + (ints(1, 4, seed + 1)[0] as number)
            : 1 + (ints(1, s, seed + 2 + i)[0] as number),
        );
        const count = ishape.reduce((x, y) => x * y, 1);
        const index = tensor(ints(count, shape[dim] as number, seed + 9), {
          dtype: 'int32',
        }).reshape(ishape);
        check((a) => a.gather(dim, index), [leaf(shape, seed)]);
      }),
      RUNS,
    );
  });

  it('indexSelect with random (repeating) indices', () => {
    fc.assert(
      fc.property(nonScalar, dimSize, seedArb, (shape, k, seed) => {
        const dim = ints(1, shape.length, seed)[0] as number;
        const index = tensor(ints(k + 1, shape[dim] as number, seed + 3), { dtype: 'int32' });
        check((a) => a.indexSelect(dim, index).mul(2).cumsum(dim), [leaf(shape, seed)]);
      }),
      RUNS,
    );
  });

  it('maskedFill and where with random (broadcast) masks', () => {
    fc.assert(
      fc.property(nonScalar, seedArb, (shape, seed) => {
        const maskShape = shape.slice(1);
        const n = maskShape.reduce((x, y) => x * y, 1);
        const mask = tensor(ints(n, 2, seed + 5).map((v) => v === 1)).reshape(maskShape);
        check(
          (a, b) => [
            a.maskedFill(mask, 0.5).exp(),
            where(mask, a, b),
            a.where(mask.logicalNot(), 2),
          ],
          [leaf(shape, seed), leaf(maskShape, seed + 1)],
        );
      }),
      RUNS,
    );
  });
});

describe('gradcheck of joins on random shapes', () => {
  it('cat of 1–3 tensors along a random dim, and stack', () => {
    fc.assert(
      fc.property(
        nonScalar,
        fc.array(dimSize, { minLength: 1, maxLength: 3 }),
        seedArb,
        (shape, sizes, seed) => {
          const dim = ints(1, shape.length, seed)[0] as number;
          const inputs = sizes.map((s, i) =>
            leaf(
              shape.map((v, j) => (j === dim ? s : v)),
              seed + i,
            ),
          );
          check((...xs) => cat(xs, dim - shape.length).cumsum(dim), inputs);
          const same = sizes.map((_, i) => leaf(shape, seed + 10 + i));
          check((...xs) => stack(xs, dim).cumsum(dim), same);
        },
      ),
      RUNS,
    );
  });

  it('split into random sizes and chunk', () => {
    fc.assert(
      fc.property(nonScalar, fc.integer({ min: 1, max: 3 }), seedArb, (shape, pieces, seed) => {
        const dim = ints(1, shape.length, seed)[0] as number;
        const size = shape[dim] as number;
        const first = ints(1, size + 1, seed + 1)[0] as number;
        check(
          (a) => split(a, [first, size - first], dim).map((p, i) => p.mul(i + 2)),
          [leaf(shape, seed)],
        );
        check((a) => chunk(a, pieces, dim).map((p) => p.exp()), [leaf(shape, seed)]);
      }),
      RUNS,
    );
  });
});
