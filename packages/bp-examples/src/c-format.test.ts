import { describe, expect, it } from 'vitest';
import { examplesGolden } from '../test/golden/examples';
import { formatF } from './c-format';

describe('formatF', () => {
  it.each(examplesGolden.printf)("prints $value as Python's '%f' % v does ($f)", ({ value, f, f0 }) => {
    expect(formatF(value)).toBe(f);
    expect(formatF(value, 0)).toBe(f0);
  });

  it('rounds exact ties to even, where toFixed rounds them away from zero', () => {
    // 0.0078125 = 2⁻⁷ = 0.0078125 exactly: halfway between 0.007812 and 0.007813.
    expect((0.0078125).toFixed(6)).toBe('0.007813');
    expect(formatF(0.0078125)).toBe('0.007812');
    expect(formatF(0.0234375)).toBe('0.023438');
  });

  it('prints nan and inf as printf does', () => {
    expect([formatF(NaN), formatF(Infinity), formatF(-Infinity)]).toEqual(['nan', 'inf', '-inf']);
  });

  it('rejects a bad number of decimals', () => {
    expect(() => formatF(1, -1)).toThrow(new RangeError('formatF: decimals must be an integer in [0, 100], got -1'));
  });
});
