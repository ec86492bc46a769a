import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arange, linspace } from '../src/index';

// PyTorch 1.13's arange and linspace values (test/golden/gen_ranges.py), compared bit for bit.
interface RangeCase {
  fn: 'arange' | 'linspace';
  dtype: 'float32' | 'float64';
  args: [number, number, number];
  values: number[];
}
const { cases } = JSON.parse(readFileSync(new URL('./golden/ranges.json', import.meta.url), 'utf8')) as { cases: RangeCase[] };

describe('arange and linspace match PyTorch bit for bit', () => {
  it.each(cases.map((c) => [`${c.fn}(${c.args.join(', ')}) ${c.dtype}`, c] as const))('%s', (_label, c) => {
    const [a, b, k] = c.args;
    const t = c.fn === 'arange' ? arange(a, b, k, { dtype: c.dtype }) : linspace(a, b, k, { dtype: c.dtype });
    expect(Array.from(t.toTypedArray())).toEqual(c.values);
  });
});
