import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logd, sincosd } from './float64-math';
import { fma32, logf, sincosf } from './float32-math';

describe('double-double log, sin and cos', () => {
  it('are within half an ulp-ish of Math on random inputs (independent: Math rounds within 1 ulp)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        const want = Math.log(x);
        expect(Math.abs(logd(x) - want)).toBeLessThanOrEqual(2.3e-16 * Math.max(1, Math.abs(want)));
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 7, noNaN: true }), (x) => {
        const [s, c] = sincosd(x);
        expect(Math.abs(s - Math.sin(x))).toBeLessThanOrEqual(2.3e-16);
        expect(Math.abs(c - Math.cos(x))).toBeLessThanOrEqual(2.3e-16);
      }),
    );
  });
});

describe('float32 Cephes log, sin, cos and fma', () => {
  it('stay within a few float32 ulps of the exact functions', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(1e-7), max: 1, noNaN: true }), (x) => {
        expect(Math.abs(logf(x) - Math.log(x))).toBeLessThanOrEqual(4e-7 * Math.max(1, Math.abs(Math.log(x))));
      }),
    );
    fc.assert(
      fc.property(fc.float({ min: 0, max: Math.fround(6.3), noNaN: true }), (x) => {
        const [s, c] = sincosf(x);
        expect(Math.abs(s - Math.sin(x))).toBeLessThanOrEqual(4e-7);
        expect(Math.abs(c - Math.cos(x))).toBeLessThanOrEqual(4e-7);
      }),
    );
  });

  it('fma32 rounds once where a double sum would round twice', () => {
    // a·b = 2^-24 − 2^-70 exactly; c + a·b lies just below the midpoint between 1 + 2^-23 and
    // 1 + 2^-22. Rounding to double first lands on the midpoint, which then ties to even (wrong).
    const a = Math.fround(1 + 2 ** -23);
    const b = Math.fround(2 ** -24 * (1 - 2 ** -23));
    const c = Math.fround(1 + 2 ** -23);
    expect(Math.fround(a * b + c)).toBe(1 + 2 ** -22);
    expect(fma32(a, b, c)).toBe(1 + 2 ** -23);
  });
});
