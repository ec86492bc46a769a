/**
 * In-place ops through views against the same computation written out of place (cat of the
 * pieces): values and gradients must agree, for random sizes and windows (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Generator } from '@descent/tensor';
import { cat, grad, randn } from '../src/index';
import type { Tensor } from '../src/index';

function leaf(shape: number[], seed: number): Tensor {
  return randn(shape, { dtype: 'float64', generator: new Generator().manualSeed(seed) })
    .detach()
    .requiresGrad_();
}

const windowArb = fc
  .integer({ min: 2, max: 6 })
  .chain((n) =>
    fc
      .tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))
      .chain(([size, start]) =>
        fc.tuple(fc.constant(size), fc.constant(start), fc.integer({ min: 1, max: size - start })),
      ),
  );

describe('in-place ops through views equal their out-of-place form', () => {
  it('narrow(...).mul_(w) then add_ on the base', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: 0, max: 1e6 }), ([n, start, length], seed) => {
        const x = leaf([n], seed);
        const w = leaf([length], seed + 1);
        const inPlace = (): Tensor => {
          const h = x.mul(x);
          h.narrow(0, start, length).mul_(w);
          h.add_(x);
          return h.exp().sum();
        };
        const outOfPlace = (): Tensor => {
          const h = x.mul(x);
          const middle = h.narrow(0, start, length).mul(w);
          const pieces = [
            h.narrow(0, 0, start),
            middle,
            h.narrow(0, start + length, n - start - length),
          ];
          return cat(pieces.filter((p) => p.shape[0]! > 0))
            .add(x)
            .exp()
            .sum();
        };
        const a = inPlace();
        const b = outOfPlace();
        expect(Math.abs(a.item() - b.item())).toBeLessThanOrEqual(1e-12 * Math.abs(b.item()));
        const [gxA, gwA] = grad(a, [x, w]);
        const [gxB, gwB] = grad(b, [x, w]);
        const close = (p: Tensor, q: Tensor): boolean =>
          Array.from(p.toTypedArray()).every(
            (v, i) => Math.abs(v - (q.toTypedArray()[i] as number)) <= 1e-10 * (1 + Math.abs(v)),
          );
        expect(close(gxA!, gxB!)).toBe(true);
        expect(close(gwA!, gwB!)).toBe(true);
      }),
      { numRuns: 30, seed: 11 },
    );
  });
});
