import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';
import { maxPool2dBackward, maxPool2dForward } from './max-pool2d';
import type { MaxPool2dGeometry } from './max-pool2d';

/** A direct float64 re-computation from the definition: every window scanned with explicit bounds. */
function reference(x: number[][], geo: MaxPool2dGeometry): { values: number[]; picks: number[] } {
  const height = x.length;
  const width = (x[0] as number[]).length;
  const values: number[] = [];
  const picks: number[] = [];
  for (let oy = 0; oy < geo.outH; oy++) {
    for (let ox = 0; ox < geo.outW; ox++) {
      let best = NaN;
      let at = -1;
      for (let i = 0; i < geo.kernel[0]; i++) {
        for (let j = 0; j < geo.kernel[1]; j++) {
          const iy = oy * geo.stride[0] - geo.padding[0] + i * geo.dilation[0];
          const ix = ox * geo.stride[1] - geo.padding[1] + j * geo.dilation[1];
          if (iy < 0 || ix < 0 || iy >= height || ix >= width) continue;
          const v = (x[iy] as number[])[ix] as number;
          if (at === -1 || Number.isNaN(v) || (!Number.isNaN(best) && v > best)) {
            best = v;
            at = iy * width + ix;
          }
        }
      }
      values.push(best);
      picks.push(at);
    }
  }
  return { values, picks };
}

const image = [
  [1, 5, -2, 0, 3],
  [4, 4, 7, -1, 2],
  [-3, 8, 6, 6, 0],
  [2, -5, 1, 9, -4],
];

describe('maxPool2dForward / maxPool2dBackward', () => {
  it.each<[string, MaxPool2dGeometry]>([
    ['2×2 stride 2', { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 2, outW: 2 }],
    ['3×2 stride 1 (overlapping windows)', { kernel: [3, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1], outH: 2, outW: 4 }],
    ['padding and dilation', { kernel: [2, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 2], outH: 3, outW: 2 }],
  ])('matches a direct re-computation: %s', (_label, geo) => {
    const x = tensor([[image, image.map((r) => r.map((v) => -v))]], { dtype: 'float64' }); // [1, 2, 4, 5]
    const { values, indices } = maxPool2dForward(x, geo);
    expect(values.shape).toEqual([1, 2, geo.outH, geo.outW]);
    expect(indices.dtype).toBe('int32');
    const a = reference(image, geo);
    const b = reference(image.map((r) => r.map((v) => -v)), geo);
    expect(Array.from(values.storage.data)).toEqual([...a.values, ...b.values]);
    expect(Array.from(indices.storage.data)).toEqual([...a.picks, ...b.picks]);
  });

  it('takes the first maximum of a tie, and NaN wins', () => {
    const x = tensor([[[[2, 2], [1, NaN]]]], { dtype: 'float32' });
    const geo: MaxPool2dGeometry = { kernel: [1, 2], stride: [1, 2], padding: [0, 0], dilation: [1, 1], outH: 2, outW: 1 };
    const { values, indices } = maxPool2dForward(x, geo);
    expect(Array.from(values.storage.data)).toEqual([2, NaN]);
    expect(Array.from(indices.storage.data)).toEqual([0, 3]);
  });

  it('reads a transposed (non-contiguous) input in logical order', () => {
    const x = tensor([[[[1, 3], [2, 0]]]], { dtype: 'float32' }).transpose(2, 3); // [[1, 2], [3, 0]]
    const geo: MaxPool2dGeometry = { kernel: [1, 2], stride: [1, 2], padding: [0, 0], dilation: [1, 1], outH: 2, outW: 1 };
    const { values, indices } = maxPool2dForward(x, geo);
    expect(Array.from(values.storage.data)).toEqual([2, 3]);
    expect(Array.from(indices.storage.data)).toEqual([1, 2]);
  });

  it('backward adds each gradient at its maximum; overlapping windows accumulate', () => {
    const geo: MaxPool2dGeometry = { kernel: [3, 2], stride: [1, 1], padding: [0, 0], dilation: [1, 1], outH: 2, outW: 4 };
    const x = tensor([[image]], { dtype: 'float64' });
    const { indices } = maxPool2dForward(x, geo);
    const g = tensor([[[[1, 2, 3, 4], [10, 20, 30, 40]]]], { dtype: 'float64' });
    const gx = maxPool2dBackward(g, indices, 4, 5);
    const expected = new Array<number>(20).fill(0);
    const picks = reference(image, geo).picks;
    const gs = [1, 2, 3, 4, 10, 20, 30, 40];
    picks.forEach((p, i) => (expected[p] = (expected[p] as number) + (gs[i] as number)));
    expect(gx.shape).toEqual([1, 1, 4, 5]);
    expect(Array.from(gx.storage.data)).toEqual(expected);
    // The 8 at (2, 1) is the maximum of four windows (the first two columns of both rows).
    expect(gx.storage.data[11]).toBe(1 + 2 + 10 + 20);
  });

  it('rejects integer inputs and inputs that are not 4-D', () => {
    expect(() => maxPool2dForward(tensor([[[[1]]]], { dtype: 'int32' }), { kernel: [1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], outH: 1, outW: 1 })).toThrow('max_pool2d: expected a floating tensor, got int32');
    expect(() => maxPool2dForward(tensor([[1]], { dtype: 'float32' }), { kernel: [1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], outH: 1, outW: 1 })).toThrow('expected a 4-D input');
  });
});

// Above the wasm threshold the forward runs on assembly/max-pool2d.ts; against the same direct
// re-computation, plane by plane, with ties (first tap wins), NaN (wins) and padding and dilation.
describe('maxPool2dForward on the wasm kernel', () => {
  it.each<[string, MaxPool2dGeometry, 'float32' | 'float64', number]>([
    ['2×2 stride 2, float32 (SIMD path)', { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 12, outW: 12 }, 'float32', 24],
    ['2×2 stride 2, float32, 11 outputs a row (SIMD body and scalar tail)', { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 11, outW: 11 }, 'float32', 23],
    ['2×2 stride 2, float32, ceil mode (last window hangs over the edge)', { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 12, outW: 12 }, 'float32', 23],
    ['2×2 stride 2, float64', { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 12, outW: 12 }, 'float64', 24],
    ['3×3 stride 2 padding 1 dilation 2, float64', { kernel: [3, 3], stride: [2, 2], padding: [1, 1], dilation: [2, 2], outH: 11, outW: 11 }, 'float64', 24],
  ])('%s', (_label, geo, dtype, side) => {
    const planes = 8;
    const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
    const values3d = Array.from({ length: planes }, (_, p) =>
      Array.from({ length: side }, (_, y) =>
        Array.from({ length: side }, (_, x) => ((p * 31 + y * 7 + x) % 53 === 0 ? NaN : round(Math.round(Math.sin(p + y * 1.3 + x * 0.7) * 4) / 2))),
      ),
    );
    const x = tensor([values3d], { dtype }); // [1, 8, side, side]: above 2048 elements
    const { values, indices } = maxPool2dForward(x, geo);
    const got = Array.from(values.storage.data);
    const picks = Array.from(indices.storage.data);
    const area = geo.outH * geo.outW;
    for (let p = 0; p < planes; p++) {
      const expected = reference(values3d[p] as number[][], geo);
      expect(got.slice(p * area, (p + 1) * area)).toEqual(expected.values);
      expect(picks.slice(p * area, (p + 1) * area)).toEqual(expected.picks);
    }
  });
});
