import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStorage } from '../src/creation';
import type { Tensor } from '../src/tensor';
import type { Ref } from './reference';
import { refBroadcast, refMatmul, refPermute, refSum, sizeOf } from './reference';

const small = fc.integer({ min: 0, max: 3 });
const shapeArb = fc.array(small, { minLength: 0, maxLength: 4 });

function tensorOf(ref: Ref): Tensor {
  return fromStorage(Float64Array.from(ref.values), ref.shape);
}

function refArb(shape: number[]): fc.Arbitrary<Ref> {
  return fc.array(fc.integer({ min: -9, max: 9 }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }).map((values) => ({ shape, values }));
}

/** Two shapes that broadcast: b's dims are a's or 1, right-aligned, possibly fewer. */
const broadcastPair = shapeArb.chain((a) =>
  fc.tuple(fc.constant(a), fc.array(fc.boolean(), { minLength: a.length, maxLength: a.length }), fc.integer({ min: 0, max: a.length })).map(
    ([sa, ones, drop]) => [sa, sa.map((d, i) => (ones[i] ? 1 : d)).slice(drop)] as [number[], number[]],
  ),
);

const expectRef = (t: Tensor, ref: Ref): void => {
  expect([...t.shape]).toEqual(ref.shape);
  expect(Array.from(t.toTypedArray())).toEqual(ref.values);
};

describe('broadcasting element-wise ops', () => {
  it('agree with a naive reference on random shapes, including 0-size and 0-d', () => {
    fc.assert(
      fc.property(
        broadcastPair.chain(([sa, sb]) => fc.tuple(refArb(sa), refArb(sb), fc.boolean())),
        ([a, b, swap]) => {
          const [x, y] = swap ? [b, a] : [a, b];
          expectRef(tensorOf(x).add(tensorOf(y)), refBroadcast(x, y, (p, q) => p + q));
          expectRef(tensorOf(x).mul(tensorOf(y)), refBroadcast(x, y, (p, q) => p * q));
          expectRef(tensorOf(x).maximum(tensorOf(y)), refBroadcast(x, y, Math.max));
          expectRef(tensorOf(x).gt(tensorOf(y)).to('float64'), refBroadcast(x, y, (p, q) => (p > q ? 1 : 0)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('views', () => {
  it('permute, transpose-then-contiguous and reshape agree with the reference', () => {
    fc.assert(
      fc.property(
        shapeArb.filter((s) => s.length > 0).chain((s) => fc.tuple(refArb(s), fc.shuffledSubarray(s.map((_, i) => i), { minLength: s.length, maxLength: s.length }))),
        ([a, dims]) => {
          const t = tensorOf(a);
          const p = t.permute(dims);
          expectRef(p, refPermute(a, dims));
          // A non-contiguous view reshaped to 1-D reads in the view's order.
          expect(Array.from(p.reshape([-1]).toTypedArray())).toEqual(refPermute(a, dims).values);
          expect(p.storage).toBe(t.storage);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('slices with steps read the right elements', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 3 }), (n, start, end, step) => {
        const values = Array.from({ length: n }, (_, i) => i);
        const want: number[] = [];
        const norm = (v: number): number => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
        for (let i = norm(start); i < norm(end); i += step) want.push(i);
        expect(Array.from(tensorOf({ shape: [n], values }).slice(0, start, end, step).toTypedArray())).toEqual(want);
      }),
    );
  });
});

describe('reductions', () => {
  it('sum over random dims with and without keepdim agrees with the reference', () => {
    fc.assert(
      fc.property(
        shapeArb.chain((s) => fc.tuple(refArb(s), fc.subarray(s.map((_, i) => i)), fc.boolean())),
        ([a, dims, keepdim]) => {
          const got = tensorOf(a).sum(dims.length ? dims : undefined, keepdim);
          const all = dims.length ? dims : a.shape.map((_, i) => i);
          expectRef(got, refSum(a, all, keepdim || (dims.length === 0 && false)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('matmul', () => {
  it('agrees with the triple loop, also through transposed views', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).chain(([m, k, n]) => fc.tuple(refArb([m, k]), refArb([k, n]))),
        ([a, b]) => {
          expectRef(tensorOf(a).matmul(tensorOf(b)), refMatmul(a, b));
          const bt = tensorOf(refPermute(b, [1, 0])).T;
          expectRef(tensorOf(a).matmul(bt), refMatmul(a, b));
        },
      ),
    );
  });
});
