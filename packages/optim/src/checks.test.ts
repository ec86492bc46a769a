import { describe, expect, it } from 'vitest';
import { pyFloat, pyNumber } from './checks';

describe('pyNumber', () => {
  // Expected strings: Python 3's repr of the same floats (integral ones without ".0").
  it.each([
    [-1e-8, '-1e-08'],
    [-1e-5, '-1e-05'],
    [1e-4, '0.0001'],
    [-0.5, '-0.5'],
    [1.1, '1.1'],
    [-1, '-1'],
    [1e16, '1e+16'],
    [123456789012345, '123456789012345'],
    [2.5e-7, '2.5e-07'],
    [1.5e300, '1.5e+300'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ])('prints %s as %s', (x, want) => {
    expect(pyNumber(x)).toBe(want);
  });
});

describe('pyFloat', () => {
  // Python 3's repr of the same values as floats: `.0` kept on integral ones.
  it.each([
    [1, '1.0'],
    [-1, '-1.0'],
    [0.999, '0.999'],
    [1e-8, '1e-08'],
    [1e16, '1e+16'],
  ])('prints %s as %s', (x, want) => {
    expect(pyFloat(x)).toBe(want);
  });
});
