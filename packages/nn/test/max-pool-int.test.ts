/**
 * Max pooling of integer inputs (int32, bool): the window scan is @descent/tensor's kernel
 * (maxPool2dIndices), the maxima are gathered at its positions. Checked against a direct
 * re-computation from the definition (first maximum of a tie wins, padding never does), in 2-D and
 * 1-D, with padding, dilation, ceilMode and an unbatched input.
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { functional as F } from '../src/index';

interface Window {
  k: [number, number];
  s: [number, number];
  p: [number, number];
  d: [number, number];
  ceil: boolean;
}

function outSize(size: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  let out = Math.floor((size + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

/** Every window of one H×W plane scanned with explicit bounds: maxima and their flat positions. */
function reference(plane: number[][], w: Window): { values: number[]; picks: number[] } {
  const height = plane.length;
  const width = (plane[0] as number[]).length;
  const values: number[] = [];
  const picks: number[] = [];
  for (let oy = 0; oy < outSize(height, w.k[0], w.s[0], w.p[0], w.d[0], w.ceil); oy++) {
    for (let ox = 0; ox < outSize(width, w.k[1], w.s[1], w.p[1], w.d[1], w.ceil); ox++) {
      let best = -Infinity;
      let at = -1;
      for (let i = 0; i < w.k[0]; i++) {
        for (let j = 0; j < w.k[1]; j++) {
          const iy = oy * w.s[0] - w.p[0] + i * w.d[0];
          const ix = ox * w.s[1] - w.p[1] + j * w.d[1];
          if (iy < 0 || ix < 0 || iy >= height || ix >= width) continue;
          const v = (plane[iy] as number[])[ix] as number;
          if (at === -1 || v > best) [best, at] = [v, iy * width + ix];
        }
      }
      values.push(best);
      picks.push(at);
    }
  }
  return { values, picks };
}

/** Small integers with many ties. */
function planes(count: number, height: number, width: number, seed: number): number[][][] {
  let s = seed;
  return Array.from({ length: count }, () =>
    Array.from({ length: height }, () =>
      Array.from({ length: width }, () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return (s % 7) - 3;
      }),
    ),
  );
}

const flat = (t: Tensor): number[] => Array.from(t.contiguous().storage.data);

describe('max pooling of integer inputs', () => {
  it.each<[string, Window]>([
    ['2×2', { k: [2, 2], s: [2, 2], p: [0, 0], d: [1, 1], ceil: false }],
    ['3×3 stride 1, padding 1 (overlapping windows, ties)', { k: [3, 3], s: [1, 1], p: [1, 1], d: [1, 1], ceil: false }],
    ['3×2 stride 2, dilation 2 wide, ceilMode', { k: [3, 2], s: [2, 2], p: [1, 0], d: [1, 2], ceil: true }],
  ])('maxPool2d of int32 [2, 3, 7, 9], %s: values and indices of the definition', (_label, w) => {
    const data = planes(6, 7, 9, 11);
    const x = tensor([data.slice(0, 3), data.slice(3)], { dtype: 'int32' });
    const [values, indices] = F.maxPool2d(x, w.k, { stride: w.s, padding: w.p, dilation: w.d, ceilMode: w.ceil, returnIndices: true });
    const want = data.map((plane) => reference(plane, w));
    expect(values.dtype).toBe('int32');
    expect(flat(values)).toEqual(want.flatMap((r) => r.values));
    expect(flat(indices)).toEqual(want.flatMap((r) => r.picks));
    expect(flat(F.maxPool2d(x, w.k, { stride: w.s, padding: w.p, dilation: w.d, ceilMode: w.ceil }))).toEqual(flat(values));
  });

  it('maxPool1d of an unbatched int32 [3, 10] input, padding 1, stride 2', () => {
    const rows = planes(1, 3, 10, 5)[0] as number[][];
    const [values, indices] = F.maxPool1d(tensor(rows, { dtype: 'int32' }), 3, { stride: 2, padding: 1, returnIndices: true });
    const w: Window = { k: [1, 3], s: [1, 2], p: [0, 1], d: [1, 1], ceil: false };
    const want = rows.map((row) => reference([row], w));
    expect(values.shape).toEqual([3, 5]);
    expect(flat(values)).toEqual(want.flatMap((r) => r.values));
    expect(flat(indices)).toEqual(want.flatMap((r) => r.picks));
  });

  it('maxPool2d of a bool input: true wins over false, the first true of the window', () => {
    const x = tensor([[[false, true, false, false], [true, true, false, false]]], { dtype: 'bool' });
    const [values, indices] = F.maxPool2d(x, 2, { returnIndices: true });
    expect(values.dtype).toBe('bool');
    expect(flat(values)).toEqual([1, 0]);
    expect(flat(indices)).toEqual([1, 2]);
  });
});
