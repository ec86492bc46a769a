import { Generator, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { BatchSampler } from './batch-sampler';
import { RandomSampler } from './random-sampler';
import { SequentialSampler } from './sequential-sampler';
import { SubsetRandomSampler } from './subset-random-sampler';
import { WeightedRandomSampler } from './weighted-random-sampler';

const counts = (values: Iterable<number>, k: number): number[] => {
  const out = new Array<number>(k).fill(0);
  for (const v of values) out[v] = (out[v] as number) + 1;
  return out;
};

/** Pearson's χ² statistic of observed counts against expected ones. */
const chiSquare = (observed: number[], expected: number[]): number =>
  observed.reduce((s, o, i) => s + (o - (expected[i] as number)) ** 2 / (expected[i] as number), 0);

describe('SequentialSampler', () => {
  it('yields 0 … n − 1 for a number or a dataset', () => {
    expect([...new SequentialSampler(4)]).toEqual([0, 1, 2, 3]);
    expect([...new SequentialSampler({ length: 2 })]).toEqual([0, 1]);
  });
});

describe('BatchSampler', () => {
  it.each([
    [10, 3, false, [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]],
    [
      10,
      3,
      true,
      [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ],
    ],
    [
      4,
      2,
      true,
      [
        [0, 1],
        [2, 3],
      ],
    ],
  ])('n=%i batchSize=%i dropLast=%s', (n, batchSize, dropLast, want) => {
    const sampler = new BatchSampler(new SequentialSampler(n), { batchSize, dropLast });
    expect([...sampler]).toEqual(want);
    expect(sampler.length).toBe(want.length);
  });

  it.each([0, -2, 1.5])('rejects batchSize %s', (batchSize) => {
    expect(() => new BatchSampler(new SequentialSampler(3), { batchSize })).toThrow(
      new RangeError(
        `batch_size should be a positive integer value, but got batch_size=${batchSize}`,
      ),
    );
  });
});

describe('RandomSampler', () => {
  it('without replacement is a permutation each epoch, different across epochs', () => {
    manualSeed(0);
    const sampler = new RandomSampler(50);
    const first = [...sampler];
    const second = [...sampler];
    expect([...first].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(second).not.toEqual(first);
  });

  it('without replacement puts every index first equally often (χ², 4 degrees of freedom, below 18.47 = 0.999 quantile)', () => {
    const sampler = new RandomSampler(5, { generator: new Generator().manualSeed(11) });
    const firsts: number[] = [];
    for (let epoch = 0; epoch < 2000; epoch++) firsts.push([...sampler][0] as number);
    expect(chiSquare(counts(firsts, 5), new Array<number>(5).fill(400))).toBeLessThan(18.47);
  });

  it('with replacement is uniform (χ² with 9 degrees of freedom below its 0.999 quantile 27.88)', () => {
    const sampler = new RandomSampler(10, {
      replacement: true,
      numSamples: 20000,
      generator: new Generator().manualSeed(1),
    });
    const observed = counts(sampler, 10);
    expect(observed.reduce((a, b) => a + b, 0)).toBe(20000);
    expect(chiSquare(observed, new Array<number>(10).fill(2000))).toBeLessThan(27.88);
  });

  it('numSamples larger than n without replacement repeats whole permutations', () => {
    const out = [
      ...new RandomSampler(4, { numSamples: 10, generator: new Generator().manualSeed(2) }),
    ];
    expect(out).toHaveLength(10);
    expect(counts(out.slice(0, 8), 4)).toEqual([2, 2, 2, 2]);
  });

  it.each([
    [
      { numSamples: 0 },
      new RangeError('num_samples should be a positive integer value, but got num_samples=0'),
    ],
    [
      { replacement: 1 as unknown as boolean },
      new TypeError('replacement should be a boolean value, but got replacement=1'),
    ],
  ])('rejects %j', (options, error) => {
    expect(() => new RandomSampler(3, options)).toThrow(error);
  });

  it('rejects an empty dataset, as PyTorch', () => {
    expect(() => new RandomSampler({ length: 0 })).toThrow(
      new RangeError('num_samples should be a positive integer value, but got num_samples=0'),
    );
  });
});

describe('SubsetRandomSampler', () => {
  it('yields each given index once', () => {
    const out = [
      ...new SubsetRandomSampler([5, 9, 11, 2], { generator: new Generator().manualSeed(0) }),
    ];
    expect([...out].sort((a, b) => a - b)).toEqual([2, 5, 9, 11]);
  });
});

describe('WeightedRandomSampler', () => {
  it('with replacement follows the weights (χ², 3 degrees of freedom, below 16.27 = 0.999 quantile)', () => {
    const weights = [1, 2, 3, 4];
    const observed = counts(
      new WeightedRandomSampler(weights, 10000, { generator: new Generator().manualSeed(4) }),
      4,
    );
    expect(
      chiSquare(
        observed,
        weights.map((w) => (w / 10) * 10000),
      ),
    ).toBeLessThan(16.27);
  });

  it('never draws a zero weight', () => {
    const out = [
      ...new WeightedRandomSampler([0, 1, 0, 1, 0], 500, {
        generator: new Generator().manualSeed(5),
      }),
    ];
    expect(counts(out, 5).filter((_, i) => i % 2 === 0)).toEqual([0, 0, 0]);
  });

  it('without replacement draws distinct indices, heavier ones first more often', () => {
    const generator = new Generator().manualSeed(6);
    let heavyFirst = 0;
    for (let t = 0; t < 400; t++) {
      const out = [...new WeightedRandomSampler([1, 9, 1], 3, { replacement: false, generator })];
      expect([...out].sort()).toEqual([0, 1, 2]);
      if (out[0] === 1) heavyFirst++;
    }
    // P(first = 1) = 9/11 ≈ 0.818; 400 trials have a standard deviation of about 7.7 counts.
    expect(Math.abs(heavyFirst - 400 * (9 / 11))).toBeLessThan(40);
  });

  it.each([
    [
      [1, 1],
      0,
      {},
      new RangeError('num_samples should be a positive integer value, but got num_samples=0'),
    ],
    [
      [1, -1],
      2,
      {},
      new RangeError(
        'WeightedRandomSampler: weight at index 1 must be finite and non-negative, got -1',
      ),
    ],
    [[0, 0], 2, {}, new RangeError('invalid multinomial distribution (sum of probabilities <= 0)')],
    [
      [1, 0, 1],
      3,
      { replacement: false },
      new RangeError(
        'cannot sample n_sample > prob_dist.size(-1) samples without replacement, got numSamples=3 with 2 non-zero weights',
      ),
    ],
  ])('rejects weights %j with numSamples %i', (weights, numSamples, options, error) => {
    expect(() => new WeightedRandomSampler(weights, numSamples, options)).toThrow(error);
  });
});
