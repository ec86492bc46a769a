import { Generator } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { randomSplit, splitLengths } from './random-split';

const items = (n: number) => ({ length: n, get: (i: number) => i });

describe('splitLengths', () => {
  // PyTorch 1.13: ⌊n·f⌋ each, then the remainder one by one from the first part.
  it.each([
    [10, [0.3, 0.3, 0.4], [3, 3, 4]],
    [11, [0.5, 0.5], [6, 5]], // 5 + 5, remainder 1 → first part
    [7, [0.2, 0.2, 0.2, 0.2, 0.2], [2, 2, 1, 1, 1]], // 1 each, remainder 2
    [3, [0.1, 0.9], [1, 2]], // 0 + 2, remainder 1
    // In double arithmetic 100·0.57 = 56.999… and 100·0.29 = 28.999…: floors 56, 14, 28, then the
    // remainder 2 goes to the first two parts (PyTorch 1.13 gives the same, test/reference/extra.json).
    [100, [0.57, 0.14, 0.29], [57, 15, 28]],
    [10, [4, 6], [4, 6]],
  ])('n=%i, %j → %j', (n, lengths, want) => {
    expect(splitLengths(n, lengths)).toEqual(want);
  });

  it('rejects fractions that do not sum to 1', () => {
    expect(() => splitLengths(10, [0.5, 0.3])).toThrow(
      new RangeError(
        'randomSplit: length at index 0 must be a non-negative integer, got 0.5; fractions must sum to 1, got a sum of 0.8',
      ),
    );
  });

  it('rejects lengths that do not add up to the dataset', () => {
    expect(() => splitLengths(10, [3, 3])).toThrow(
      new RangeError(
        'Sum of input lengths does not equal the length of the input dataset! Got lengths summing to 6 for a dataset of length 10',
      ),
    );
  });

  it('rejects a negative fraction', () => {
    expect(() => splitLengths(10, [1.5, -0.5])).toThrow(
      new RangeError('Fraction at index 0 is not between 0 and 1, got 1.5'),
    );
  });
});

describe('randomSplit', () => {
  it('gives disjoint parts that cover the dataset', () => {
    const parts = randomSplit(items(101), [0.7, 0.2, 0.1], {
      generator: new Generator().manualSeed(3),
    });
    expect(parts.map((p) => p.length)).toEqual([71, 20, 10]);
    const all = parts.flatMap((p) => [...p.indices]);
    expect(new Set(all).size).toBe(101);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 101 }, (_, i) => i));
  });

  it('is reproducible with the same generator seed', () => {
    const once = randomSplit(items(20), [10, 10], { generator: new Generator().manualSeed(5) });
    const again = randomSplit(items(20), [10, 10], { generator: new Generator().manualSeed(5) });
    expect(once.map((p) => p.indices)).toEqual(again.map((p) => p.indices));
  });
});
