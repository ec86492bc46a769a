import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStorage } from '../src/creation';
import type { Tensor } from '../src/tensor';
import type { Ref } from './reference';
import { coordsToIndex, indexToCoords, refPermute, sizeOf } from './reference';

// A chain of random view ops applied both to a tensor and to a naive reference (plain arrays,
// each op materialised by index arithmetic), on random shapes with 0-size dims and 0-d tensors.
// The base holds its own flat indices, so a view's values say which base elements it reads.

/** Python's slice bounds: negatives count from the end, then clamp to [0, size]. */
function bound(v: number, size: number): number {
  return Math.min(Math.max(v < 0 ? v + size : v, 0), size);
}

function refSlice(a: Ref, dim: number, start: number, end: number, step: number): Ref {
  const size = a.shape[dim] as number;
  const picks: number[] = [];
  for (let i = bound(start, size); i < bound(end, size); i += step) picks.push(i);
  const shape = a.shape.map((s, d) => (d === dim ? picks.length : s));
  const values = Array.from({ length: sizeOf(shape) }, (_, i) => {
    const c = indexToCoords(i, shape);
    c[dim] = picks[c[dim] as number] as number;
    return a.values[coordsToIndex(c, a.shape)] as number;
  });
  return { shape, values };
}

function refExpand(a: Ref, shape: number[]): Ref {
  const lead = shape.length - a.shape.length;
  const values = Array.from({ length: sizeOf(shape) }, (_, i) => {
    const c = indexToCoords(i, shape).slice(lead).map((x, d) => (a.shape[d] === 1 ? 0 : x));
    return a.values[coordsToIndex(c, a.shape)] as number;
  });
  return { shape, values };
}

const withShape = (a: Ref, shape: number[]): Ref => ({ shape, values: a.values });

/** One op, its arguments drawn from `r` (non-negative integers) to fit the current shape. */
type Step = { kind: number; r: [number, number, number] };

function apply(t: Tensor, a: Ref, { kind, r }: Step): [Tensor, Ref, string] {
  const nd = a.shape.length;
  const dim = nd === 0 ? 0 : r[0] % nd;
  const size = a.shape[dim] ?? 1;
  switch (kind % 8) {
    case 0: {
      if (nd === 0) break;
      const [start, end, step] = [(r[1] % (2 * size + 3)) - size - 1, (r[2] % (2 * size + 3)) - size - 1, 1 + (r[2] % 3)];
      return [t.slice(dim, start, end, step), refSlice(a, dim, start, end, step), `slice(${dim}, ${start}, ${end}, ${step})`];
    }
    case 1: {
      if (nd === 0) break;
      const start = r[1] % (size + 1);
      const length = r[2] % (size - start + 1);
      return [t.narrow(dim, start, length), refSlice(a, dim, start, start + length, 1), `narrow(${dim}, ${start}, ${length})`];
    }
    case 2: {
      if (nd === 0) break;
      const other = r[1] % nd;
      const order = a.shape.map((_, i) => (i === dim ? other : i === other ? dim : i));
      return [t.transpose(dim, other - nd), refPermute(a, order), `transpose(${dim}, ${other - nd})`];
    }
    case 3: {
      if (nd >= 4) break;
      const at = r[1] % (nd + 1);
      const shape = [...a.shape];
      shape.splice(at, 0, 1);
      return [t.unsqueeze(at), withShape(a, shape), `unsqueeze(${at})`];
    }
    case 4: {
      if (nd === 0) return [t.squeeze(0), a, 'squeeze(0)'];
      const shape = a.shape[dim] === 1 ? a.shape.filter((_, d) => d !== dim) : a.shape;
      return [t.squeeze(dim), withShape(a, shape), `squeeze(${dim})`];
    }
    case 5: {
      // Size-1 dims grow to 0-2, and one leading dim may be added.
      const shape = a.shape.map((s, d) => (s === 1 ? (r[1] + d) % 3 : s));
      const target = r[2] % 2 === 0 && nd < 4 ? [r[2] % 3, ...shape] : shape;
      return [t.expand(target), refExpand(a, target), `expand([${target.join(', ')}])`];
    }
    case 6: {
      if (nd === 0 || size === 0) break;
      const index = r[1] % size;
      const picked = refSlice(a, dim, index, index + 1, 1);
      return [t.select(dim, index - (r[2] % 2) * size), withShape(picked, a.shape.filter((_, d) => d !== dim)), `select(${dim}, ${index})`];
    }
    case 7: {
      const inner = nd === 0 ? [] : a.shape.slice(dim);
      const shape = nd === 0 ? [1] : [...a.shape.slice(0, dim), sizeOf(inner)];
      return [t.flatten(nd === 0 ? 0 : dim), withShape(a, shape), `flatten(${dim})`];
    }
  }
  return [t, a, 'none'];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.nat({ max: 7 }),
  r: fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 60 }), fc.nat({ max: 60 })),
});
const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 });

describe('views agree with a naive reference', () => {
  it('chains of slice, narrow, transpose, unsqueeze, squeeze, expand, select and flatten', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(stepArb, { minLength: 1, maxLength: 5 }), (shape, steps) => {
        const n = sizeOf(shape);
        const base = fromStorage(Float64Array.from({ length: n }, (_, i) => i), shape);
        let t: Tensor = base;
        let ref: Ref = { shape, values: Array.from({ length: n }, (_, i) => i) };
        // The op names, so a failure's counterexample can be read back as a chain of calls.
        const done: string[] = [];
        for (const step of steps) {
          let label: string;
          [t, ref, label] = apply(t, ref, step);
          done.push(label);
          expect([...t.shape]).toEqual(ref.shape);
        }
        expect(Array.from(t.toTypedArray())).toEqual(ref.values);
        // reshape to 1-D reads the view in row-major order (a view when the strides allow it).
        expect(Array.from(t.reshape([-1]).toTypedArray())).toEqual(ref.values);
        // Every op above is a view (flatten of a non-contiguous view may copy, as torch.flatten).
        if (!done.some((d) => d.startsWith('flatten'))) {
          expect(t.storage).toBe(base.storage);
          // Writing through the view reaches exactly the base elements it reads.
          t.fill_(-1);
          const hit = new Set(ref.values);
          expect(Array.from(base.toTypedArray())).toEqual(Array.from({ length: n }, (_, i) => (hit.has(i) ? -1 : i)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('contiguous() of any view is a row-major copy and view() of it never fails', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(stepArb, { minLength: 1, maxLength: 4 }), (shape, steps) => {
        const n = sizeOf(shape);
        let t: Tensor = fromStorage(Float64Array.from({ length: n }, (_, i) => i * 2 - 5), shape);
        let ref: Ref = { shape, values: Array.from({ length: n }, (_, i) => i * 2 - 5) };
        for (const step of steps) [t, ref] = apply(t, ref, step);
        const c = t.contiguous();
        expect(c.isContiguous()).toBe(true);
        expect(Array.from(c.view([-1]).toTypedArray())).toEqual(ref.values);
        expect([...c.view(ref.shape.length === 0 ? [] : [...ref.shape]).shape]).toEqual(ref.shape);
      }),
      { numRuns: 200 },
    );
  });
});
