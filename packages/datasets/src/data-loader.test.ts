import { Tensor, arange, tensor } from '@descent/autograd';
import { Generator, defaultGenerator, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader } from './data-loader';
import type { AsyncDataset, AsyncIterableDataset, IterableDataset } from './dataset';
import { BatchSampler } from './samplers/batch-sampler';
import { SequentialSampler } from './samplers/sequential-sampler';
import { TensorDataset } from './tensor-dataset';

const x = arange(0, 20, 1, { dtype: 'float32' }).reshape([10, 2]);
const y = arange(0, 10, 1, { dtype: 'int32' });

describe('DataLoader', () => {
  it.each([
    [1, false, 10, [1, 2]],
    [3, false, 4, [1, 2]],
    [3, true, 3, [3, 2]],
    [4, false, 3, [2, 2]],
    [10, true, 1, [10, 2]],
    [11, true, 0, null],
  ])(
    'batchSize %i dropLast %s → %i batches, last of shape %j',
    (batchSize, dropLast, batches, lastShape) => {
      const loader = new DataLoader(new TensorDataset(x, y), { batchSize, dropLast });
      const all = [...loader];
      expect(loader.length).toBe(batches);
      expect(all).toHaveLength(batches);
      if (lastShape) expect(all[all.length - 1]?.[0].shape).toEqual(lastShape);
    },
  );

  it('keeps rows and labels together and in order without shuffle', () => {
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 4 });
    const [xb, yb] = [...loader][1] as [Tensor, Tensor];
    expect(yb.tolist()).toEqual([4, 5, 6, 7]);
    expect(xb.tolist()).toEqual([
      [8, 9],
      [10, 11],
      [12, 13],
      [14, 15],
    ]);
    expect(xb).toBeInstanceOf(Tensor);
  });

  it('gives the same batches through the one-gather path and the generic collate', () => {
    const generic = new DataLoader(new TensorDataset(x, y), {
      batchSize: 3,
      shuffle: true,
      generator: new Generator().manualSeed(9),
      collateFn: (s) => s,
    });
    const fast = new DataLoader(new TensorDataset(x, y), {
      batchSize: 3,
      shuffle: true,
      generator: new Generator().manualSeed(9),
    });
    const a = [...generic].map((batch) => batch.map(([, yi]) => yi.item()));
    const b = [...fast].map(([, yb]) => yb.tolist());
    expect(b).toEqual(a);
  });

  it('shuffles every row exactly once per epoch', () => {
    manualSeed(1);
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 3, shuffle: true });
    for (let epoch = 0; epoch < 2; epoch++) {
      const seen = [...loader].flatMap(([, yb]) => yb.tolist() as number[]);
      expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('iterates an async dataset with for await', async () => {
    const ds: AsyncDataset<{ v: number }> = {
      length: 5,
      get: (i) => Promise.resolve({ v: i * i }),
    };
    const loader = new DataLoader(ds, { batchSize: 2 });
    const out: number[][] = [];
    for await (const batch of loader) out.push(batch.v.tolist() as number[]);
    expect(out).toEqual([[0, 1], [4, 9], [16]]);
    expect(() => [...loader]).toThrow(
      new TypeError('DataLoader: the dataset returned a Promise; iterate with for await'),
    );
  });

  it('leaves no unhandled rejection when an async dataset is iterated with for…of', async () => {
    const failing: AsyncDataset<number> = {
      length: 2,
      get: () => Promise.reject(new Error('unreadable')),
    };
    expect(() => [...new DataLoader(failing)]).toThrow(
      new TypeError('DataLoader: the dataset returned a Promise; iterate with for await'),
    );
    // Vitest fails the run on an unhandled rejection; give it a turn to surface.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('batches an iterable dataset in stream order, and an async iterable with for await', async () => {
    const stream: IterableDataset<number> = {
      *[Symbol.iterator]() {
        yield* [1, 2, 3, 4, 5];
      },
    };
    expect([...new DataLoader(stream, { batchSize: 2 })].map((b) => b.tolist())).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    const lines: AsyncIterableDataset<number> = {
      length: 3,
      async *[Symbol.asyncIterator]() {
        yield* [7, 8, 9];
        await Promise.resolve();
      },
    };
    const loader = new DataLoader(lines, { batchSize: 2, dropLast: true });
    const out: unknown[] = [];
    for await (const b of loader) out.push(b.tolist());
    expect(out).toEqual([[7, 8]]);
    expect(loader.length).toBe(1);
    expect(() => [...loader]).toThrow(
      new TypeError('DataLoader: the dataset is asynchronous; iterate with for await'),
    );
    expect(() => new DataLoader(stream).length).toThrow(
      new TypeError('DataLoader: the IterableDataset has no length, so the loader has none'),
    );
  });

  it('gives the same shuffled order with for await as with for…of', async () => {
    const ds: AsyncDataset<number> = { length: 10, get: (i) => Promise.resolve(i) };
    manualSeed(3);
    const sync = [...new DataLoader(new TensorDataset(y), { batchSize: 4, shuffle: true })].map(
      ([b]) => b.tolist(),
    );
    manualSeed(3);
    const viaAwait: unknown[] = [];
    for await (const b of new DataLoader(ds, { batchSize: 4, shuffle: true }))
      viaAwait.push(b.tolist());
    expect(viaAwait).toEqual(sync);
  });

  it('draws one 64-bit base seed per epoch from the global generator for an iterable dataset', () => {
    // PyTorch 1.13 dataloader.py: _BaseDataLoaderIter.__init__ draws
    // torch.empty((), dtype=torch.int64).random_(generator=loader.generator) for every dataset kind.
    const stream: IterableDataset<number> = { [Symbol.iterator]: () => [1, 2][Symbol.iterator]() };
    manualSeed(7);
    expect([...new DataLoader(stream)]).toHaveLength(2);
    const after = defaultGenerator.random();
    manualSeed(7);
    defaultGenerator.random();
    defaultGenerator.random();
    expect(after).toBe(defaultGenerator.random());
  });

  it('takes a batchSampler instead of batchSize', () => {
    const loader = new DataLoader(new TensorDataset(y), {
      batchSampler: new BatchSampler(new SequentialSampler(10), { batchSize: 6 }),
    });
    expect([...loader].map(([b]) => b.tolist())).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9],
    ]);
  });

  it.each([0, -1, 2.5])('rejects batchSize %s', (batchSize) => {
    expect(() => new DataLoader(new TensorDataset(y), { batchSize })).toThrow(
      new RangeError(
        `batch_size should be a positive integer value, but got batch_size=${batchSize}`,
      ),
    );
  });

  it.each([
    [
      { shuffle: true, sampler: new SequentialSampler(10) },
      'sampler option is mutually exclusive with shuffle',
    ],
    [
      { batchSampler: new BatchSampler(new SequentialSampler(10), { batchSize: 2 }), batchSize: 4 },
      'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
    ],
    [
      {
        batchSampler: new BatchSampler(new SequentialSampler(10), { batchSize: 2 }),
        dropLast: true,
      },
      'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last',
    ],
  ])('rejects conflicting options %#', (options, message) => {
    expect(() => new DataLoader(new TensorDataset(y), options)).toThrow(new TypeError(message));
  });

  it.each([
    [
      { shuffle: true },
      'DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=true',
    ],
    [
      { sampler: new SequentialSampler(1) },
      'DataLoader with IterableDataset: expected unspecified sampler option',
    ],
    [
      { batchSampler: new BatchSampler(new SequentialSampler(1), { batchSize: 1 }) },
      'DataLoader with IterableDataset: expected unspecified batch_sampler option',
    ],
  ])('rejects %o for an iterable dataset', (options, message) => {
    const stream: IterableDataset<number> = { [Symbol.iterator]: () => [1][Symbol.iterator]() };
    expect(() => new DataLoader(stream, options)).toThrow(new TypeError(message));
  });

  it('takes its indices from a sampler and a custom collateFn', () => {
    // Indices 8, 1, 5, 3 in that order, batches of 3: [8, 1, 5], [3].
    const sampler = { length: 4, [Symbol.iterator]: () => [8, 1, 5, 3][Symbol.iterator]() };
    const loader = new DataLoader(new TensorDataset(y), {
      sampler,
      batchSize: 3,
      collateFn: (samples) => samples.map(([label]) => label.item() * 10),
    });
    expect(loader.length).toBe(2);
    expect([...loader]).toEqual([[80, 10, 50], [30]]);
  });

  it('collates plain samples with the default collate', () => {
    const ds = { length: 3, get: (i: number) => [tensor([i, i]), i] as const };
    const [features, labels] = [...new DataLoader(ds, { batchSize: 3 })][0] as [Tensor, Tensor];
    expect(features.shape).toEqual([3, 2]);
    expect(labels.tolist()).toEqual([0, 1, 2]);
  });
});
