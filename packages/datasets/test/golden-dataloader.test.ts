import { loadGolden } from '@descent/fixtures';
import type { DataloaderCase } from '@descent/fixtures';
import { Generator, arange, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader, RandomSampler, TensorDataset, randomSplit } from '../src/index';

const cases = loadGolden('dataloader').cases;
const pick = <K extends DataloaderCase['kind']>(kind: K) =>
  cases
    .filter((c): c is Extract<DataloaderCase, { kind: K }> => c.kind === kind)
    .map((c) => [JSON.stringify({ ...c, epochs: undefined, indices: undefined }), c] as const);

describe('PyTorch 1.13 dataloader.json', () => {
  it('covers every case of the file', () => {
    expect(
      pick('dataloader').length + pick('randomSampler').length + pick('randomSplit').length,
    ).toBe(cases.length);
  });

  it.each(pick('dataloader'))('DataLoader shuffle order %s', (_, c) => {
    manualSeed(c.seed);
    const generator =
      c.generatorSeed === null ? undefined : new Generator().manualSeed(c.generatorSeed);
    const loader = new DataLoader(new TensorDataset(arange(0, c.n, 1, { dtype: 'int32' })), {
      batchSize: c.batchSize,
      shuffle: true,
      dropLast: c.dropLast,
      generator,
    });
    const epochs = c.epochs.map(() =>
      [...loader].map(([batch]) => Array.from(batch.toTypedArray())),
    );
    expect(epochs).toEqual(c.epochs);
    expect(loader.length).toBe(c.epochs[0]?.length);
  });

  it.each(pick('dataloader'))('DataLoader over a plain array (a Python list) %s', (_, c) => {
    manualSeed(c.seed);
    const generator =
      c.generatorSeed === null ? undefined : new Generator().manualSeed(c.generatorSeed);
    const items = Array.from({ length: c.n }, (_, i) => i);
    const loader = new DataLoader(items, {
      batchSize: c.batchSize,
      shuffle: true,
      dropLast: c.dropLast,
      generator,
    });
    expect(c.epochs.map(() => [...loader].map((batch) => batch.tolist()))).toEqual(c.epochs);
  });

  it.each(pick('randomSampler'))('RandomSampler %s', (_, c) => {
    manualSeed(c.seed);
    const sampler = new RandomSampler(c.n, {
      replacement: c.replacement,
      numSamples: c.numSamples ?? undefined,
    });
    expect([...sampler]).toEqual(c.indices);
    expect(sampler.length).toBe(c.indices.length);
  });

  it.each(pick('randomSplit'))('randomSplit %s', (_, c) => {
    const items = { length: c.n, get: (i: number) => i };
    const parts = randomSplit(items, c.lengths, {
      generator: new Generator().manualSeed(c.generatorSeed),
    });
    expect(parts.map((p) => p.indices)).toEqual(c.indices);
  });
});
