import { describe, expect, it } from 'vitest';
import { stridedCopy } from './strided-copy';
import { tensor } from '../index';

/** The reference: element (i0, …) of the view read through its strides, one index at a time. */
function reference(shape: number[], strides: number[], offset: number, src: Float32Array): number[] {
  const out: number[] = [];
  const n = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < n; flat++) {
    let rest = flat;
    let pos = offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      const size = shape[d] as number;
      pos += (rest % size) * (strides[d] as number);
      rest = Math.floor(rest / size);
    }
    out.push(src[pos] as number);
  }
  return out;
}

function source(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.fround(Math.sin(i) * 1000);
  return a;
}

describe('stridedCopy', () => {
  const cases: Array<[string, number[], number[], number]> = [
    ['transpose 70×45 (partial tiles)', [45, 70], [1, 45], 0],
    ['transpose 256×784', [784, 256], [1, 784], 0],
    ['row-major slice with offset', [3, 5], [9, 1], 4],
    ['3-D permute', [4, 33, 37], [1, 4 * 37, 4], 0],
    ['4-D with broadcast and negative stride', [2, 3, 5, 6], [0, 30, -6, 1], 24],
    ['1-D strided', [50], [3], 2],
    ['0-D', [], [], 7],
    ['empty', [3, 0, 4], [0, 4, 1], 0],
  ];
  for (const [name, shape, strides, offset] of cases) {
    it(name, () => {
      const src = source(256 * 784 + 200);
      const n = shape.reduce((a, b) => a * b, 1);
      const out = new Float32Array(n);
      stridedCopy(shape, strides, offset, src, out);
      expect(Array.from(out)).toEqual(reference(shape, strides, offset, src));
    });
  }

  it('clone() of a transposed tensor is its transpose, value for value', () => {
    const rows = 40;
    const cols = 33;
    const values = Array.from({ length: rows * cols }, (_, i) => i * 0.25 - 7);
    const t = tensor(values).reshape([rows, cols]);
    const c = t.t().clone();
    expect(c.isContiguous()).toBe(true);
    const got = c.toTypedArray();
    for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) expect(got[i * rows + j]).toBe(values[j * cols + i]);
  });
});
