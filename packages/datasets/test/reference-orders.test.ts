import { readFileSync } from 'node:fs';
import { Generator, arange, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  BatchSampler,
  DataLoader,
  RandomSampler,
  SubsetRandomSampler,
  TensorDataset,
  WeightedRandomSampler,
  drawSeed,
  randomSplit,
} from '../src/index';

// Written by test/reference/gen_extra.py with PyTorch 1.13 (see that script for each case).
interface Extra {
  seedDraw: { seed: number; values: string[] };
  randomSampler: {
    seed: number;
    n: number;
    numSamples: number;
    replacement: boolean;
    generatorSeed: number | null;
    epochs: number[][];
  }[];
  subsetRandomSampler: { seed: number; indices: number[]; epochs: number[][] };
  randomSplitFractions: {
    generatorSeed: number;
    n: number;
    fractions: number[];
    indices: number[][];
  }[];
  batchSamplerLoader: { seed: number; n: number; batchSize: number; epochs: number[][][] };
  samplerLoader: {
    seed: number;
    sampler: 'subset' | 'weighted';
    indices?: number[];
    weights?: number[];
    numSamples?: number;
    batchSize: number;
    dropLast: boolean;
    length: number;
    epochs: number[][][];
  }[];
  weightedRandomSampler: {
    seed: number;
    weights: number[];
    numSamples: number;
    replacement: boolean;
    indices: number[];
  }[];
}
const extra = JSON.parse(
  readFileSync(new URL('./reference/extra.json', import.meta.url), 'utf8'),
) as Extra;

describe('orders from PyTorch 1.13 (test/reference/extra.json)', () => {
  it('drawSeed gives int(torch.empty((), dtype=torch.int64).random_()) draw after draw', () => {
    manualSeed(extra.seedDraw.seed);
    expect(extra.seedDraw.values.map(() => drawSeed())).toEqual(
      extra.seedDraw.values.map((v) => BigInt(v)),
    );
  });

  it.each(
    extra.randomSampler.map((c) => [JSON.stringify({ ...c, epochs: undefined }), c] as const),
  )('RandomSampler over two epochs %s', (_, c) => {
    manualSeed(c.seed);
    const generator =
      c.generatorSeed === null ? undefined : new Generator().manualSeed(c.generatorSeed);
    const sampler = new RandomSampler(c.n, {
      replacement: c.replacement,
      numSamples: c.numSamples,
      generator,
    });
    expect([[...sampler], [...sampler]]).toEqual(c.epochs);
  });

  it('SubsetRandomSampler draws its permutation from the global generator', () => {
    const c = extra.subsetRandomSampler;
    manualSeed(c.seed);
    const sampler = new SubsetRandomSampler(c.indices);
    expect([[...sampler], [...sampler]]).toEqual(c.epochs);
  });

  it.each(extra.randomSplitFractions.map((c) => [`n=${c.n} ${c.fractions.join('/')}`, c] as const))(
    'randomSplit with fractions %s',
    (_, c) => {
      const parts = randomSplit({ length: c.n, get: (i: number) => i }, c.fractions, {
        generator: new Generator().manualSeed(c.generatorSeed),
      });
      expect(parts.map((p) => p.indices)).toEqual(c.indices);
    },
  );

  it('a DataLoader with a batchSampler draws the base seed before the sampler runs', () => {
    const c = extra.batchSamplerLoader;
    manualSeed(c.seed);
    const ds = new TensorDataset(arange(0, c.n, 1, { dtype: 'int32' }));
    const loader = new DataLoader(ds, {
      batchSampler: new BatchSampler(new RandomSampler(ds), { batchSize: c.batchSize }),
    });
    const epochs = c.epochs.map(() => [...loader].map(([b]) => Array.from(b.toTypedArray())));
    expect(epochs).toEqual(c.epochs);
  });

  it.each(extra.samplerLoader.map((c) => [c.sampler, c] as const))(
    'a DataLoader with sampler: %s draws the base seed, then the sampler runs on the global generator',
    (_, c) => {
      manualSeed(c.seed);
      const sampler =
        c.sampler === 'subset'
          ? new SubsetRandomSampler(c.indices ?? [])
          : new WeightedRandomSampler(c.weights ?? [], c.numSamples ?? 0);
      const loader = new DataLoader(new TensorDataset(arange(0, 10, 1, { dtype: 'int32' })), {
        sampler,
        batchSize: c.batchSize,
        dropLast: c.dropLast,
      });
      expect(loader.length).toBe(c.length);
      const epochs = c.epochs.map(() => [...loader].map(([b]) => Array.from(b.toTypedArray())));
      expect(epochs).toEqual(c.epochs);
    },
  );

  it.each(
    extra.weightedRandomSampler.map(
      (c) => [JSON.stringify({ ...c, indices: undefined }), c] as const,
    ),
  )('WeightedRandomSampler %s', (_, c) => {
    manualSeed(c.seed);
    expect([
      ...new WeightedRandomSampler(c.weights, c.numSamples, { replacement: c.replacement }),
    ]).toEqual(c.indices);
  });
});
