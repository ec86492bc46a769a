import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualSeed, zeros } from '../src/index';
import type { Tensor } from '../src/index';

// References from PyTorch 1.13 (test/golden/gen_view_random.py): a zero base tensor, one view of
// it filled in place after manual_seed(11), the whole base recorded.
interface ViewCase {
  view: string;
  fn: 'uniform_' | 'normal_';
  dtype: 'float32' | 'float64';
  args: [number, number];
  seed: number;
  values: number[];
}
const { cases } = JSON.parse(readFileSync(new URL('./golden/view-random.json', import.meta.url), 'utf8')) as { cases: ViewCase[] };

const VIEWS: Record<string, { shape: number[]; view: (b: Tensor) => Tensor }> = {
  'transposed 4 x 5': { shape: [5, 4], view: (b) => b.t() },
  'transposed 6 x 5': { shape: [5, 6], view: (b) => b.t() },
  'rows 0, 2, 4 and columns 1: of 6 x 4': { shape: [6, 4], view: (b) => b.slice(0, 0, undefined, 2).slice(1, 1) },
  'permuted 2 x 3 x 4 to (2, 0, 1)': { shape: [2, 3, 4], view: (b) => b.permute([2, 0, 1]) },
};

describe('random fills of non-contiguous views follow memory order, as PyTorch', () => {
  it.each(cases.map((c) => [`${c.fn} on ${c.view} (${c.dtype})`, c] as const))('%s', (_label, c) => {
    const spec = VIEWS[c.view];
    if (!spec) throw new Error(`no view named ${c.view}`);
    const base = zeros(spec.shape, { dtype: c.dtype });
    manualSeed(c.seed);
    const view = spec.view(base);
    expect(c.fn === 'uniform_' ? view.uniform_(...c.args) : view.normal_(...c.args)).toBe(view);
    expect(base.storage.version).toBe(1);
    expect(Array.from(base.toTypedArray())).toEqual(c.values);
  });
});
