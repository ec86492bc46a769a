import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TypedArray } from '../dtype';
import { sumRun } from './arithmetic';
import { setWasmDispatch } from './wasm-dispatch';

// The TypeScript sum kernel on its own (wasm routing off): every storage type, runs shorter and
// longer than its 64-element in-place limit and its 4096-element scratch block, and offsets.
describe('sumRun (TypeScript kernel)', () => {
  beforeEach(() => setWasmDispatch(false));
  afterEach(() => setWasmDispatch(true));

  /** Integers below 2^53 in total: the exact sum is the arithmetic series, any order. */
  const series = (start: number, n: number): number => n * start + (n * (n - 1)) / 2 + 0;
  const lengths = [0, 1, 7, 8, 63, 64, 65, 4095, 4096, 4097, 10_000];

  it.each<[string, (n: number) => TypedArray]>([
    ['float32', (n) => new Float32Array(n)],
    ['float64', (n) => new Float64Array(n)],
    ['int32', (n) => new Int32Array(n)],
  ])('sums %s runs exactly at every length and offset', (_label, make) => {
    for (const n of lengths) {
      for (const offset of [0, 3]) {
        const data = make(n + offset + 2);
        for (let i = 0; i < data.length; i++) data[i] = i - 5;
        // Σ_{i=offset}^{offset+n-1} (i − 5)
        expect(sumRun(data, offset, n)).toBe(series(offset - 5, n));
      }
    }
  });

  it('sums bools as 0/1', () => {
    const data = Uint8Array.from({ length: 9000 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    expect(sumRun(data, 0, 9000)).toBe(3000);
    expect(sumRun(data, 1, 6)).toBe(2); // indices 1 … 6: 3 and 6
  });

  it('accumulates float32 values in float64 (no float32 rounding on the way)', () => {
    // 2^24 + 1 is not a float32, so a float32 accumulator would lose the ones; float64 keeps them.
    const data = new Float32Array(5000).fill(1);
    data[0] = 2 ** 24;
    expect(sumRun(data, 0, 5000)).toBe(2 ** 24 + 4999);
  });

  it('agrees with a sequential float64 sum of fractional values to rounding', () => {
    let s = 12345;
    const data = Float32Array.from({ length: 20_000 }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32 - 0.5;
    });
    let want = 0;
    for (const x of data) want += x;
    expect(Math.abs(sumRun(data, 0, data.length) - want)).toBeLessThan(1e-12 * 20_000);
  });
});
