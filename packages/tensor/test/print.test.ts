import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arange, linspace, tensor, zeros } from '../src/index';
import type { DType, Tensor } from '../src/index';

// PyTorch 1.13's repr() of tensors of every dtype and value range (test/golden/gen_print.py).
interface PrintCase {
  note: string;
  dtype: DType;
  shape: number[];
  values: (number | 'nan' | 'inf' | '-inf' | '-0')[];
  repr: string;
}
const SPECIAL = { nan: NaN, inf: Infinity, '-inf': -Infinity, '-0': -0 } as const;
const { cases } = JSON.parse(readFileSync(new URL('./golden/print.json', import.meta.url), 'utf8')) as { cases: PrintCase[] };

describe('toString against PyTorch 1.13 reprs', () => {
  it.each(cases.map((c, i) => [`#${i} ${c.dtype} ${JSON.stringify(c.shape)} (${c.note})`, c] as const))('prints %s', (_label, c) => {
    const values = c.values.map((v) => (typeof v === 'number' ? v : SPECIAL[v]));
    const t = tensor(values, { dtype: c.dtype }).reshape(c.shape);
    expect(t.toString()).toBe(c.repr);
  });
});

// Every expected string is PyTorch 1.13's repr of the same tensor (printed with Debian's
// python3-torch, default print options: precision 4, threshold 1000, edgeitems 3, linewidth 80).
describe('toString like torch', () => {
  it.each<[string, () => Tensor, string]>([
    ['an empty 2-d tensor with its size', () => zeros([2, 0]), 'tensor([], size=(2, 0))'],
    [
      'a summarized vector (integer values spanning > 1000 switch to scientific notation)',
      () => arange(2000),
      'tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])',
    ],
    [
      'a long vector wrapped at 80 characters',
      () => linspace(0, 1, 30),
      'tensor([0.0000, 0.0345, 0.0690, 0.1034, 0.1379, 0.1724, 0.2069, 0.2414, 0.2759,\n' +
        '        0.3103, 0.3448, 0.3793, 0.4138, 0.4483, 0.4828, 0.5172, 0.5517, 0.5862,\n' +
        '        0.6207, 0.6552, 0.6897, 0.7241, 0.7586, 0.7931, 0.8276, 0.8621, 0.8966,\n' +
        '        0.9310, 0.9655, 1.0000])',
    ],
    [
      'wrapped int32 rows',
      () => arange(50, { dtype: 'int32' }).reshape([2, 25]),
      'tensor([[ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n' +
        '         18, 19, 20, 21, 22, 23, 24],\n' +
        '        [25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,\n' +
        '         43, 44, 45, 46, 47, 48, 49]], dtype=torch.int32)',
    ],
    ['a small value forcing scientific notation', () => tensor([0, 1e-3, 5]), 'tensor([0.0000e+00, 1.0000e-03, 5.0000e+00])'],
    ['nan and infinities', () => tensor([NaN, Infinity, -Infinity, 1.5]), 'tensor([   nan,    inf,   -inf, 1.5000])'],
    ['bools', () => tensor([1, 0, 1], { dtype: 'bool' }), 'tensor([ True, False,  True])'],
    ['a 0-d float64', () => tensor(3.5, { dtype: 'float64' }), 'tensor(3.5000, dtype=torch.float64)'],
    ['mixed signs', () => tensor([-1.5, 2, 0]), 'tensor([-1.5000,  2.0000,  0.0000])'],
  ])('prints %s', (_label, make, want) => {
    expect(make().toString()).toBe(want);
  });

  it('summarizes a matrix over both dimensions', () => {
    const text = arange(3000).reshape([30, 100]).toString();
    const lines = text.split('\n');
    expect(lines[0]).toBe('tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.7000e+01, 9.8000e+01,');
    expect(lines[1]).toBe('         9.9000e+01],');
    expect(lines[6]).toBe('        ...,');
    expect(lines.at(-1)).toBe('         2.9990e+03]])');
  });
});
