import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { empty, manualSeed } from '../src/index';

interface Case {
  fn: 'uniform_' | 'bernoulli_';
  seed: number;
  from?: number;
  to?: number;
  p?: number;
  n: number;
  dtype: 'float32' | 'float64';
  values: number[];
}
const { cases } = JSON.parse(readFileSync(new URL('./golden/random-extra.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('random fills beyond the shared goldens (PyTorch 1.13, gen_random_extra.py)', () => {
  it.each(cases.map((c) => [`${c.fn} ${c.dtype} seed ${c.seed}`, c] as const))('%s is bit-exact', (_l, c) => {
    manualSeed(c.seed);
    const t = empty([c.n], { dtype: c.dtype });
    if (c.fn === 'uniform_') t.uniform_(c.from, c.to);
    else t.bernoulli_(c.p);
    expect(Array.from(t.toTypedArray())).toEqual(c.values);
  });
});
