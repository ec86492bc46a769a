import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStorage } from '../src/creation';
import type { Tensor } from '../src/tensor';
import type { Ref } from './reference';
import { coordsToIndex, indexToCoords, refPermute, refSum, sizeOf } from './reference';

// Small integer values make ties (for first-index checks) common and sums exact.
const shapeWithDim = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((shape) => fc.tuple(fc.constant(shape), fc.integer({ min: 0, max: shape.length - 1 })));

function refArb(shape: number[]): fc.Arbitrary<Ref> {
  return fc.array(fc.integer({ min: -3, max: 3 }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }).map((values) => ({ shape, values }));
}

const tensorOf = (ref: Ref): Tensor => fromStorage(Float64Array.from(ref.values), ref.shape);

/** The groups of values along `dim`, one per index of the other dims (row-major), in dim order. */
function groupsAlong(a: Ref, dim: number): number[][] {
  const outShape = a.shape.filter((_, d) => d !== dim);
  return Array.from({ length: sizeOf(outShape) }, (_, g) => {
    const c = indexToCoords(g, outShape);
    return Array.from({ length: a.shape[dim] as number }, (_, i) => {
      const full = [...c];
      full.splice(dim, 0, i);
      return a.values[coordsToIndex(full, a.shape)] as number;
    });
  });
}

describe('reductions along a dim agree with a naive reference', () => {
  it('max and min give the value and the index of its first occurrence', () => {
    fc.assert(
      fc.property(
        shapeWithDim.filter(([s, d]) => (s[d] as number) > 0).chain(([s, d]) => fc.tuple(refArb(s), fc.constant(d))),
        ([a, dim]) => {
          const t = tensorOf(a);
          const groups = groupsAlong(a, dim);
          const max = t.max(dim);
          const min = t.min(dim);
          expect(Array.from(max.values.toTypedArray())).toEqual(groups.map((g) => Math.max(...g)));
          expect(Array.from(max.indices.toTypedArray())).toEqual(groups.map((g) => g.indexOf(Math.max(...g))));
          expect(Array.from(min.values.toTypedArray())).toEqual(groups.map((g) => Math.min(...g)));
          expect(Array.from(min.indices.toTypedArray())).toEqual(groups.map((g) => g.indexOf(Math.min(...g))));
          expect(Array.from(t.argmax(dim).toTypedArray())).toEqual(groups.map((g) => g.indexOf(Math.max(...g))));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('var with correction 0 and 1 matches the two-pass formula', () => {
    fc.assert(
      fc.property(
        shapeWithDim.chain(([s, d]) => fc.tuple(refArb(s), fc.constant(d), fc.constantFrom(0, 1))),
        ([a, dim, correction]) => {
          const got = Array.from(tensorOf(a).var(dim, { correction }).toTypedArray());
          const want = groupsAlong(a, dim).map((g) => {
            const mean = g.reduce((x, y) => x + y, 0) / g.length;
            return g.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(0, g.length - correction);
          });
          expect(got.length).toBe(want.length);
          got.forEach((v, i) => {
            const w = want[i] as number;
            if (Number.isNaN(w)) expect(v).toBeNaN();
            else if (!Number.isFinite(w)) expect(v).toBe(w);
            else expect(v).toBeCloseTo(w, 10);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cumsum is the running sum along the dim', () => {
    fc.assert(
      fc.property(
        shapeWithDim.chain(([s, d]) => fc.tuple(refArb(s), fc.constant(d))),
        ([a, dim]) => {
          const out = tensorOf(a).cumsum(dim);
          const got = groupsAlong({ shape: [...out.shape], values: Array.from(out.toTypedArray()) }, dim).flat();
          const want = groupsAlong(a, dim).flatMap((g) => g.map((_, i) => g.slice(0, i + 1).reduce((x, y) => x + y, 0)));
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sums over permuted (non-contiguous) views as over the permuted reference', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 })
          .chain((s) =>
            fc.tuple(
              refArb(s),
              fc.shuffledSubarray(s.map((_, i) => i), { minLength: s.length, maxLength: s.length }),
              fc.subarray(s.map((_, i) => i), { minLength: 1 }),
              fc.boolean(),
            ),
          ),
        ([a, order, dims, keepdim]) => {
          const got = tensorOf(a).permute(order).sum(dims, keepdim);
          const want = refSum(refPermute(a, order), dims, keepdim);
          expect([...got.shape]).toEqual(want.shape);
          expect(Array.from(got.toTypedArray())).toEqual(want.values);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** The values of each kept index (row-major over the kept dims) when reducing `dims`. */
function groupsOver(a: Ref, dims: readonly number[]): number[][] {
  const keptShape = a.shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const groups = Array.from({ length: sizeOf(keptShape) }, () => [] as number[]);
  a.values.forEach((v, i) => {
    const c = indexToCoords(i, a.shape).map((x, d) => (dims.includes(d) ? 0 : x));
    groups[coordsToIndex(c, keptShape)]?.push(v);
  });
  return groups;
}

const closeTo = (got: number[], want: number[]): void => {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => {
    const w = want[i] as number;
    if (Number.isNaN(w)) expect(v).toBeNaN();
    else if (!Number.isFinite(w)) expect(v).toBe(w);
    else expect(v).toBeCloseTo(w, 10);
  });
};

// Shapes of rank 0 to 3 with 0-size dims, and a random list of dims (empty: every dim).
const shapeWithDims = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 })
  .chain((s) => fc.tuple(refArb(s), fc.subarray(s.map((_, i) => i)), fc.boolean(), fc.boolean()));

describe('reductions over lists of dims, 0-d tensors and empty dims agree with a naive reference', () => {
  it('mean, prod, amax, amin, logsumexp and var', () => {
    fc.assert(
      fc.property(shapeWithDims, ([a, dims, keepdim, negative]) => {
        const all = dims.length === 0 ? a.shape.map((_, i) => i) : dims;
        // Negative dims name the same dims (and a 0-d tensor reduces over dim 0 or −1).
        const arg = negative ? dims.map((d) => d - a.shape.length) : dims;
        const t = tensorOf(a);
        const groups = groupsOver(a, all);
        const shape = keepdim ? a.shape.map((s, d) => (all.includes(d) ? 1 : s)) : a.shape.filter((_, d) => !all.includes(d));
        const sum = (g: number[]): number => g.reduce((x, y) => x + y, 0);
        const check = (got: Tensor, want: number[]): void => {
          expect([...got.shape]).toEqual(shape);
          closeTo(Array.from(got.toTypedArray()), want);
        };
        check(t.mean(arg, keepdim), groups.map((g) => sum(g) / g.length));
        // prod takes one dim (or none: every element).
        if (arg.length === 1) check(t.prod(arg[0], keepdim), groups.map((g) => g.reduce((x, y) => x * y, 1)));
        else expect(t.prod().item()).toBe(a.values.reduce((x, y) => x * y, 1));
        check(t.logsumexp(arg, keepdim), groups.map((g) => Math.log(sum(g.map(Math.exp)))));
        check(t.var(arg, { keepdim, correction: 0 }), groups.map((g) => sum(g.map((x) => (x - sum(g) / g.length) ** 2)) / g.length));
        // As torch, amax/amin refuse to reduce a dim of size 0 (even when there are no groups).
        if (!all.some((d) => a.shape[d] === 0)) {
          check(t.amax(arg, keepdim), groups.map((g) => Math.max(...g)));
          check(t.amin(arg, keepdim), groups.map((g) => Math.min(...g)));
        } else {
          expect(() => t.amax(arg, keepdim)).toThrow(RangeError);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('softmax and logSoftmax along one dim are exp(x − logsumexp) and x − logsumexp', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 }).chain((s) => fc.tuple(refArb(s), fc.integer({ min: 0, max: Math.max(0, s.length - 1) }))),
        ([a, dim]) => {
          const t = tensorOf(a);
          const d = a.shape.length === 0 ? [] : [dim];
          const lse = groupsOver(a, d).map((g) => Math.log(g.reduce((x, y) => x + Math.exp(y), 0)));
          const keptShape = a.shape.map((s, k) => (k === dim ? 1 : s));
          const lseAt = (i: number): number => lse[coordsToIndex(indexToCoords(i, a.shape).map((x, k) => (k === dim ? 0 : x)), keptShape)] as number;
          expect([...t.softmax(dim).shape]).toEqual(a.shape);
          closeTo(Array.from(t.softmax(dim).toTypedArray()), a.values.map((v, i) => Math.exp(v - lseAt(i))));
          closeTo(Array.from(t.logSoftmax(dim).toTypedArray()), a.values.map((v, i) => v - lseAt(i)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
