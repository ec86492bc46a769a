import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStorage } from '../src/creation';
import { cat, stack, tensor } from '../src/index';
import { coordsToIndex, indexToCoords, sizeOf } from './reference';

const shapeWithDim = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((shape) => fc.tuple(fc.constant(shape), fc.integer({ min: 0, max: shape.length - 1 })));

const valuesOf = (n: number): number[] => Array.from({ length: n }, (_, i) => i * 3 - 7);

describe('joining and indexing agree with index arithmetic', () => {
  it('cat of split pieces gives back the tensor; stack of selects does too', () => {
    fc.assert(
      fc.property(shapeWithDim, fc.integer({ min: 1, max: 3 }), ([shape, dim], size) => {
        const values = valuesOf(sizeOf(shape));
        const t = fromStorage(Float64Array.from(values), shape);
        const pieces = t.split(size, dim);
        // torch.zeros(0).split(1) is one empty piece, hence the max(1, …).
        const length = shape[dim] as number;
        expect(pieces.map((p) => p.shape[dim])).toEqual(
          Array.from({ length: Math.max(1, Math.ceil(length / size)) }, (_, i) => Math.min(size, length - i * size)),
        );
        if (pieces.length > 0) expect(Array.from(cat(pieces, dim).toTypedArray())).toEqual(values);
        const rows = Array.from({ length: shape[dim] as number }, (_, i) => t.select(dim, i));
        if (rows.length > 0) expect(Array.from(stack(rows, dim).toTypedArray())).toEqual(values);
      }),
      { numRuns: 150 },
    );
  });

  it('gather reads t[…, index[i…], …] along the dim', () => {
    fc.assert(
      fc.property(
        shapeWithDim
          .filter(([s, d]) => (s[d] as number) > 0)
          .chain(([s, d]) => fc.tuple(fc.constant(s), fc.constant(d), fc.array(fc.nat(s[d] as number), { minLength: sizeOf(s), maxLength: sizeOf(s) }))),
        ([shape, dim, raw]) => {
          const values = valuesOf(sizeOf(shape));
          const t = fromStorage(Float64Array.from(values), shape);
          const index = raw.map((v) => v % (shape[dim] as number));
          const got = t.gather(dim, tensor(index, { dtype: 'int32' }).reshape(shape));
          const want = index.map((k, i) => {
            const c = indexToCoords(i, shape);
            c[dim] = k;
            return values[coordsToIndex(c, shape)] as number;
          });
          expect(Array.from(got.toTypedArray())).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });
});
