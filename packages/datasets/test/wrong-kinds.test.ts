import { arange } from '@descent/autograd';
import { Generator } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  BatchSampler,
  ConcatDataset,
  DataLoader,
  RandomSampler,
  SequentialSampler,
  Subset,
  SubsetRandomSampler,
  TensorDataset,
  WeightedRandomSampler,
} from '../src/index';
import { FashionMNIST, MNIST } from '../src/node';

const ds = new TensorDataset(arange(0, 10, 1, { dtype: 'int32' }));
const WRONG: unknown[] = [null, undefined, 'x', 5, {}, NaN, Infinity, -Infinity, [], true];

/**
 * A public entry, the argument it feeds (as the error must name it) and the values of WRONG that
 * are in fact valid there.
 */
type Row = [entry: string, name: string, call: (v: unknown) => unknown, valid: unknown[]];

const rows: Row[] = [
  ['new TensorDataset', 'tensors[0]', (v) => new TensorDataset(v as never), []],
  ['new Subset', 'dataset', (v) => new Subset(v as never, [0]), [[]]],
  ['new Subset', 'indices', (v) => new Subset(ds, v as never), [[]]],
  ['new ConcatDataset', 'datasets', (v) => new ConcatDataset(v as never), []],
  ['new ConcatDataset', 'datasets[0]', (v) => new ConcatDataset([v] as never), [[]]],
  ['new DataLoader', 'dataset', (v) => new DataLoader(v as never), [[]]],
  ['new DataLoader', 'options', (v) => new DataLoader(ds, v as never), [undefined, {}]],
  [
    'new DataLoader',
    'batch_size',
    (v) => new DataLoader(ds, { batchSize: v as never }),
    [undefined, 5],
  ],
  [
    'new DataLoader',
    'shuffle',
    (v) => new DataLoader(ds, { shuffle: v as never }),
    [undefined, true],
  ],
  [
    'new DataLoader',
    'drop_last',
    (v) => new DataLoader(ds, { dropLast: v as never }),
    [undefined, true],
  ],
  [
    'new DataLoader',
    'sampler',
    (v) => new DataLoader(ds, { sampler: v as never }),
    [undefined, []],
  ],
  [
    'new DataLoader',
    'batchSampler',
    (v) => new DataLoader(ds, { batchSampler: v as never }),
    [undefined, []],
  ],
  [
    'new DataLoader',
    'collateFn',
    (v) => new DataLoader(ds, { collateFn: v as never }),
    [undefined],
  ],
  [
    'new DataLoader',
    'generator',
    (v) => new DataLoader(ds, { generator: v as never }),
    [undefined],
  ],
  ['new SequentialSampler', 'dataSource', (v) => new SequentialSampler(v as never), [5, []]],
  ['new RandomSampler', 'dataSource', (v) => new RandomSampler(v as never), [5, []]], // [] is an empty dataset: PyTorch's num_samples error
  ['new RandomSampler', 'options', (v) => new RandomSampler(3, v as never), [undefined, {}]],
  [
    'new RandomSampler',
    'replacement',
    (v) => new RandomSampler(3, { replacement: v as never }),
    [undefined, true],
  ],
  [
    'new RandomSampler',
    'num_samples',
    (v) => new RandomSampler(3, { numSamples: v as never }),
    [undefined, 5],
  ],
  [
    'new RandomSampler',
    'generator',
    (v) => new RandomSampler(3, { generator: v as never }),
    [undefined],
  ],
  ['new SubsetRandomSampler', 'indices', (v) => new SubsetRandomSampler(v as never), [[]]],
  [
    'new SubsetRandomSampler',
    'options',
    (v) => new SubsetRandomSampler([1], v as never),
    [undefined, {}],
  ],
  [
    'new SubsetRandomSampler',
    'generator',
    (v) => new SubsetRandomSampler([1], { generator: v as never }),
    [undefined],
  ],
  ['new WeightedRandomSampler', 'weights', (v) => new WeightedRandomSampler(v as never, 2), [[]]], // no weights: PyTorch's multinomial error
  [
    'new WeightedRandomSampler',
    'num_samples',
    (v) => new WeightedRandomSampler([1, 2], v as never),
    [5],
  ],
  [
    'new WeightedRandomSampler',
    'options',
    (v) => new WeightedRandomSampler([1, 2], 2, v as never),
    [undefined, {}],
  ],
  [
    'new WeightedRandomSampler',
    'replacement',
    (v) => new WeightedRandomSampler([1, 2], 2, { replacement: v as never }),
    [undefined, true],
  ],
  [
    'new WeightedRandomSampler',
    'generator',
    (v) => new WeightedRandomSampler([1, 2], 2, { generator: v as never }),
    [undefined],
  ],
  ['new BatchSampler', 'sampler', (v) => new BatchSampler(v as never, { batchSize: 2 }), [[]]],
  ['new BatchSampler', 'options', (v) => new BatchSampler([0, 1], v as never), [{}]], // {} lacks batchSize: PyTorch's batch_size error
  [
    'new BatchSampler',
    'batch_size',
    (v) => new BatchSampler([0, 1], { batchSize: v as never }),
    [5],
  ],
  [
    'new BatchSampler',
    'drop_last',
    (v) => new BatchSampler([0, 1], { batchSize: 1, dropLast: v as never }),
    [undefined, true],
  ],
  ['new MNIST', 'options', (v) => new MNIST(v as never), [{}]], // {} lacks root: refused naming root
  ['new MNIST', 'root', (v) => new MNIST({ root: v as never }), ['x']], // a folder name: not found there
  [
    'new FashionMNIST',
    'train',
    (v) => new FashionMNIST({ root: '.', train: v as never }),
    [undefined, true],
  ],
  [
    'DataLoader.loadStateDict',
    'state',
    (v) =>
      new DataLoader(ds, { shuffle: true, generator: new Generator() }).loadStateDict(v as never),
    [],
  ],
  [
    'SequentialSampler.loadStateDict',
    'state',
    (v) => new SequentialSampler(3).loadStateDict(v as never),
    [],
  ],
  [
    'RandomSampler.loadStateDict',
    'state',
    (v) => new RandomSampler(3).loadStateDict(v as never),
    [],
  ],
  [
    'SubsetRandomSampler.loadStateDict',
    'state',
    (v) => new SubsetRandomSampler([1]).loadStateDict(v as never),
    [],
  ],
  [
    'WeightedRandomSampler.loadStateDict',
    'state',
    (v) => new WeightedRandomSampler([1], 1).loadStateDict(v as never),
    [],
  ],
  [
    'BatchSampler.loadStateDict',
    'state',
    (v) => new BatchSampler([0], { batchSize: 1 }).loadStateDict(v as never),
    [],
  ],
];

/** What JavaScript itself says when code trips over a wrong kind. */
const INTERNAL =
  /is not a function|Cannot read propert|is not iterable|Cannot convert|Cannot use 'in'|Invalid typed array|undefined or null/;

/** `[]` stands for any empty array and `{}` for any empty plain object in the valid lists. */
const sameEmpty = (a: unknown, b: unknown): boolean =>
  typeof a === 'object' &&
  typeof b === 'object' &&
  a !== null &&
  b !== null &&
  Array.isArray(a) === Array.isArray(b) &&
  Object.keys(a).length === 0 &&
  Object.keys(b).length === 0;

const cases = rows.flatMap(([entry, name, call, valid]) =>
  WRONG.filter((v) => !valid.some((ok) => Object.is(ok, v) || sameEmpty(ok, v))).map(
    (v) => [entry, name, v, call] as const,
  ),
);

describe('every public datasets constructor and loadStateDict refuses wrong kinds by name', () => {
  it('covers every constructor of the package', () => {
    expect(new Set(rows.map(([entry]) => entry.replace('.loadStateDict', '')))).toEqual(
      new Set([
        'new TensorDataset',
        'new Subset',
        'new ConcatDataset',
        'new DataLoader',
        'new SequentialSampler',
        'new RandomSampler',
        'new SubsetRandomSampler',
        'new WeightedRandomSampler',
        'new BatchSampler',
        'new MNIST',
        'new FashionMNIST',
        'DataLoader',
        'SequentialSampler',
        'RandomSampler',
        'SubsetRandomSampler',
        'WeightedRandomSampler',
        'BatchSampler',
      ]),
    );
    expect(cases.length).toBeGreaterThan(300);
  });

  it.each(cases)('%s: %s = %s', (_, name, value, call) => {
    let error: unknown;
    try {
      call(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toMatch(INTERNAL);
    // A wrong kind is a TypeError, a number out of range a RangeError, never another class.
    expect([TypeError, RangeError, Error]).toContain((error as Error).constructor);
  });
});

describe('the repros of issues #22 and #25', () => {
  it('refuses new SubsetRandomSampler(5)', () => {
    expect(() => new SubsetRandomSampler(5 as never)).toThrow(
      new TypeError('SubsetRandomSampler: indices must be an array of integer indices, got 5'),
    );
  });

  it.each([1.5, 9.99])(
    'refuses a sampler index of %s on the fast path instead of truncating it',
    (i) => {
      const sampler = {
        length: 2,
        *[Symbol.iterator]() {
          yield 0;
          yield i;
        },
      };
      const loader = new DataLoader(ds, { sampler, batchSize: 2 });
      expect(() => [...loader]).toThrow(
        new RangeError(
          `DataLoader: the sampler yielded index ${i} (batch 0, position 1), expected an integer in [0, 10)`,
        ),
      );
    },
  );

  it('refuses an array sampler [NaN, 2.7] at construction, naming the index', () => {
    expect(() => new DataLoader(ds, { sampler: [NaN, 2.7], batchSize: 2 })).toThrow(
      new RangeError('DataLoader: sampler[0] must be an integer in [0, 10), got NaN'),
    );
    expect(() => new DataLoader(ds, { sampler: [3, 2.7], batchSize: 2 })).toThrow(
      new RangeError('DataLoader: sampler[1] must be an integer in [0, 10), got 2.7'),
    );
  });

  it('refuses a sampler given as a number at construction', () => {
    expect(() => new DataLoader(ds, { sampler: 4 as never })).toThrow(
      new TypeError('DataLoader: sampler must be a Sampler (an iterable with a length), got 4'),
    );
  });

  it('refuses a generator that is not a Generator at construction', () => {
    expect(() => new DataLoader(ds, { shuffle: true, generator: { seed: 1 } as never })).toThrow(
      new TypeError(
        'DataLoader: generator must be a Generator (new Generator().manualSeed(s)), got an object',
      ),
    );
  });

  it('refuses new DataLoader(null) naming the argument', () => {
    expect(() => new DataLoader(null as never)).toThrow(
      new TypeError(
        'DataLoader: dataset must be a map-style dataset (get and length), an array or an iterable dataset, got null',
      ),
    );
  });

  it('refuses a batch of the wrong kind from a batch sampler, and an index out of range', () => {
    const notArrays = {
      length: 1,
      *[Symbol.iterator]() {
        yield 3 as unknown as number[];
      },
    };
    expect(() => [...new DataLoader(ds, { batchSampler: notArrays })]).toThrow(
      new TypeError(
        'DataLoader: the batch sampler yielded 3 for batch 0, expected an array of indices',
      ),
    );
    const beyond = {
      length: 1,
      *[Symbol.iterator]() {
        yield [10];
      },
    };
    expect(() => [...new DataLoader(ds, { batchSampler: beyond })]).toThrow(
      new RangeError(
        'DataLoader: the sampler yielded index 10 (batch 0, position 0), expected an integer in [0, 10)',
      ),
    );
  });

  it('names the camelCase option when given PyTorch snake_case, and lists the known ones otherwise', () => {
    expect(() => new DataLoader(ds, { batch_size: 4 } as never)).toThrow(
      new TypeError("DataLoader: unknown option 'batch_size'; did you mean 'batchSize'?"),
    );
    expect(() => new DataLoader(ds, { numWorkers: 2 } as never)).toThrow(
      new TypeError(
        "DataLoader: unknown option 'numWorkers'; expected one of batchSize, shuffle, sampler, batchSampler, dropLast, collateFn, generator",
      ),
    );
  });

  it('keeps PyTorch messages for batch_size and num_samples, TypeError for a wrong kind', () => {
    expect(() => new DataLoader(ds, { batchSize: '4' as never })).toThrow(
      new TypeError('batch_size should be a positive integer value, but got batch_size="4"'),
    );
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(
      new RangeError('batch_size should be a positive integer value, but got batch_size=0'),
    );
    expect(() => new RandomSampler(3, { numSamples: Infinity })).toThrow(
      new RangeError(
        'num_samples should be a positive integer value, but got num_samples=Infinity',
      ),
    );
  });
});
