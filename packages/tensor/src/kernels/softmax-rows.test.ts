import { describe, expect, it } from 'vitest';
import { softmaxRows, softmaxRowsBackward } from './softmax-rows';

describe('softmaxRows', () => {
  it('matches exp(x)/Σexp(x) per row in float64, and y·(g − Σg·y) backward', () => {
    const x = new Float64Array([1, 2, 3, -1, 0, 1000]);
    const y = new Float64Array(6);
    softmaxRows(x, 0, 2, 3, y);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0]! + e[1]! + e[2]!;
    e.forEach((v, j) => expect(y[j]).toBeCloseTo(v / s, 15));
    // Second row: 1000 dominates; exp(−1001) and exp(−1000) underflow to 0.
    expect([...y.subarray(3)]).toEqual([0, 0, 1]);
    const g = new Float64Array([0.5, -1, 2, 1, 1, 1]);
    const dx = new Float64Array(6);
    softmaxRowsBackward(y, g, 0, 2, 3, dx);
    const dot = 0.5 * y[0]! - y[1]! + 2 * y[2]!;
    [0.5, -1, 2].forEach((gj, j) => expect(dx[j]).toBeCloseTo(y[j]! * (gj - dot), 15));
    expect([...dx.subarray(3)]).toEqual([0, 0, 0]);
  });

  it('gives NaN for a row that is −∞ everywhere and reads from an offset (float32)', () => {
    const x = new Float32Array([9, -Infinity, -Infinity, 0, Math.log(3)]);
    const y = new Float32Array(4);
    softmaxRows(x, 1, 2, 2, y);
    expect(Number.isNaN(y[0]) && Number.isNaN(y[1])).toBe(true);
    expect(y[2]).toBeCloseTo(0.25, 6);
    expect(y[3]).toBeCloseTo(0.75, 6);
  });
});
