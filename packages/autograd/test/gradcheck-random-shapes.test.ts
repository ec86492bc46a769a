/**
 * gradcheck on random shapes (fast-check): broadcasting binary ops, reductions over random dims,
 * and matmul with random batch shapes, all in float64.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { gradcheck, randn } from '../src/index';
import type { Tensor } from '../src/index';

const dimSize = fc.integer({ min: 1, max: 3 });
const shapeArb = fc.array(dimSize, { minLength: 0, maxLength: 3 });

/** A shape and a second shape broadcastable against it (some dims set to 1, leading dims dropped). */
const broadcastPair = shapeArb.chain((shape) =>
  fc
    .tuple(
      fc.constant(shape),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      fc.integer({ min: 0, max: shape.length }),
    )
    .map(([s, ones, drop]) => [s, s.map((d, i) => (ones[i] ? 1 : d)).slice(drop)] as const),
);

function leaf(shape: readonly number[], seed: number, positive = false): Tensor {
  const values = randn([...shape], {
    dtype: 'float64',
    generator: new Generator().manualSeed(seed),
  });
  return (positive ? values.abs().add(0.5) : values).detach().requiresGrad_();
}

const BINARY: Array<[string, (a: Tensor, b: Tensor) => Tensor, boolean]> = [
  ['add', (a, b) => a.add(b), false],
  ['sub', (a, b) => a.sub(b), false],
  ['mul', (a, b) => a.mul(b), false],
  ['div', (a, b) => a.div(b), true],
  ['pow', (a, b) => a.pow(b), true],
  ['maximum', (a, b) => a.maximum(b), false],
  ['minimum', (a, b) => a.minimum(b), false],
];

const REDUCTIONS: Array<[string, (a: Tensor, dim: number, keepdim: boolean) => Tensor]> = [
  ['sum', (a, dim, keepdim) => a.sum(dim, keepdim)],
  ['mean', (a, dim, keepdim) => a.mean(dim, keepdim)],
  ['prod', (a, dim, keepdim) => a.prod(dim, keepdim)],
  ['amax', (a, dim, keepdim) => a.amax(dim, keepdim)],
  ['max(dim)', (a, dim, keepdim) => a.max(dim, keepdim).values],
  ['logsumexp', (a, dim, keepdim) => a.logsumexp(dim, keepdim)],
  ['softmax', (a, dim) => a.softmax(dim)],
  ['logSoftmax', (a, dim) => a.logSoftmax(dim)],
  ['cumsum', (a, dim) => a.cumsum(dim)],
  ['var', (a, dim, keepdim) => a.var(dim, { keepdim })],
];

describe('gradcheck on random shapes', () => {
  it.each(BINARY)('%s broadcasts and sums gradients back to each shape', (_name, op, positive) => {
    fc.assert(
      fc.property(
        broadcastPair,
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        ([shapeA, shapeB], swap, seed) => {
          const [sa, sb] = swap ? [shapeB, shapeA] : [shapeA, shapeB];
          expect(gradcheck(op, [leaf(sa, seed, positive), leaf(sb, seed + 1, positive)])).toBe(
            true,
          );
        },
      ),
      { numRuns: 15, seed: 42 },
    );
  });

  it.each(REDUCTIONS)('%s over a random dim', (name, op) => {
    const nonEmpty = fc.array(dimSize, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        nonEmpty,
        fc.nat(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (shape, d, keepdim, seed) => {
          const dim = (d % shape.length) - (d % 2 === 0 ? 0 : shape.length);
          if (name === 'var' && (shape[(dim + shape.length) % shape.length] as number) < 2) return;
          expect(gradcheck((a: Tensor) => op(a, dim, keepdim), [leaf(shape, seed)])).toBe(true);
        },
      ),
      { numRuns: 15, seed: 7 },
    );
  });

  it('matmul with random batch shapes (broadcast batches, 1-D operands)', () => {
    const batch = fc.array(dimSize, { minLength: 0, maxLength: 2 });
    fc.assert(
      fc.property(
        batch,
        batch,
        dimSize,
        dimSize,
        dimSize,
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (ba, bb, n, k, m, vecA, vecB, seed) => {
          const len = Math.max(ba.length, bb.length);
          const shared = Array.from({ length: len }, (_, i) => ba[i] ?? bb[i] ?? 1);
          const batchA = shared.slice(len - ba.length).map((s, i) => (i % 2 === 0 ? s : 1));
          const batchB = shared.slice(len - bb.length);
          const shapeA = vecA ? [k] : [...batchA, n, k];
          const shapeB = vecB ? [k] : [...batchB, k, m];
          expect(
            gradcheck(
              (a: Tensor, b: Tensor) => a.matmul(b),
              [leaf(shapeA, seed), leaf(shapeB, seed + 1)],
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 25, seed: 3 },
    );
  });
});
