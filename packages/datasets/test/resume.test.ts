import { arange } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Generator, defaultGenerator, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import {
  BatchSampler,
  DataLoader,
  RandomSampler,
  SequentialSampler,
  SubsetRandomSampler,
  TensorDataset,
  WeightedRandomSampler,
} from '../src/index';
import type { IterableDataset } from '../src/index';
import type { StateDict } from '../src/state/state-dict';

type Loader = Iterable<unknown> & {
  stateDict(): StateDict;
  loadStateDict(state: StateDict): void;
};
/** Builds a loader; `seed` seeds any generator it owns (a fresh loader gets a different one). */
type Make = (seed: number) => Loader;

const rows = (n: number) => new TensorDataset(arange(0, n, 1, { dtype: 'int32' }));
/** A batch as the dataset rows it holds. */
const ids = (batch: unknown): number[] =>
  Array.isArray(batch) && batch[0] && typeof batch[0] === 'object' && 'tolist' in batch[0]
    ? ((batch[0] as Tensor).tolist() as number[])
    : (batch as number[]);
const gen = (seed: number) => new Generator().manualSeed(seed);

/** Every value is a number, string, boolean, array of numbers or plain object of the same. */
function jsonSafe(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(jsonSafe);
}

/**
 * Runs two epochs uninterrupted; then, for every cut point, takes `cut` batches, saves the state
 * (through JSON) and the global generator, disturbs both, builds a fresh loader, loads, and
 * iterates: the concatenation must equal the first epoch and the following epoch the second.
 */
function expectResumes(make: Make): void {
  manualSeed(7);
  const reference = make(1);
  const epochs = [[...reference].map(ids), [...reference].map(ids)];
  const first = epochs[0] as number[][];
  for (let cut = 0; cut <= first.length; cut++) {
    manualSeed(7);
    const loader = make(1);
    const iterator = loader[Symbol.iterator]();
    const head: number[][] = [];
    for (let k = 0; k < cut; k++) head.push(ids(iterator.next().value));
    const state = loader.stateDict();
    expect({ cut, safe: jsonSafe(state) }).toEqual({ cut, safe: true });
    const saved = JSON.parse(JSON.stringify(state)) as StateDict;
    const globalState = defaultGenerator.getState();

    manualSeed(12345); // whatever happened in between
    const fresh = make(99);
    defaultGenerator.setState(globalState); // the caller restores the global generator, as torch.set_rng_state
    fresh.loadStateDict(saved);
    expect(fresh.stateDict()).toEqual(saved);
    const tail = [...fresh].map(ids);
    expect({ cut, epoch: [...head, ...tail] }).toEqual({ cut, epoch: first });
    expect({ cut, next: [...fresh].map(ids) }).toEqual({ cut, next: epochs[1] });
  }
}

describe('DataLoader.stateDict / loadStateDict resume mid-epoch exactly', () => {
  it.each<[string, Make]>([
    ['sequential', () => new DataLoader(rows(10), { batchSize: 3 })],
    [
      'shuffle with its own generator',
      (s) => new DataLoader(rows(10), { batchSize: 3, shuffle: true, generator: gen(s) }),
    ],
    [
      'shuffle with the global generator',
      () => new DataLoader(rows(10), { batchSize: 4, shuffle: true }),
    ],
    [
      'shuffle, dropLast',
      (s) =>
        new DataLoader(rows(11), {
          batchSize: 3,
          shuffle: true,
          dropLast: true,
          generator: gen(s),
        }),
    ],
    [
      'RandomSampler with replacement, numSamples 70 (chunks of 32)',
      (s) => {
        const g = gen(s);
        return new DataLoader(rows(10), {
          batchSize: 8,
          sampler: new RandomSampler(10, { replacement: true, numSamples: 70, generator: g }),
          generator: g,
        });
      },
    ],
    [
      'RandomSampler without replacement, numSamples 25 > n, global generator',
      () =>
        new DataLoader(rows(10), {
          batchSize: 4,
          sampler: new RandomSampler(10, { numSamples: 25 }),
        }),
    ],
    [
      'RandomSampler with replacement, global generator',
      () =>
        new DataLoader(rows(6), {
          batchSize: 5,
          sampler: new RandomSampler(6, { replacement: true, numSamples: 40 }),
        }),
    ],
    [
      'WeightedRandomSampler with replacement, own generator',
      (s) =>
        new DataLoader(rows(5), {
          batchSize: 3,
          sampler: new WeightedRandomSampler([1, 2, 0, 4, 3], 17, { generator: gen(s) }),
        }),
    ],
    [
      'WeightedRandomSampler with replacement, global generator',
      () =>
        new DataLoader(rows(5), {
          batchSize: 4,
          sampler: new WeightedRandomSampler([1, 2, 0, 4, 3], 13),
        }),
    ],
    [
      'WeightedRandomSampler without replacement',
      (s) =>
        new DataLoader(rows(6), {
          batchSize: 2,
          sampler: new WeightedRandomSampler([1, 2, 3, 4, 5, 6], 5, {
            replacement: false,
            generator: gen(s),
          }),
        }),
    ],
    [
      'SubsetRandomSampler',
      (s) =>
        new DataLoader(rows(20), {
          batchSize: 2,
          sampler: new SubsetRandomSampler([3, 17, 5, 9, 11], { generator: gen(s) }),
        }),
    ],
    [
      'BatchSampler with dropLast over a RandomSampler',
      (s) =>
        new DataLoader(rows(10), {
          batchSampler: new BatchSampler(new RandomSampler(10, { generator: gen(s) }), {
            batchSize: 3,
            dropLast: true,
          }),
        }),
    ],
    [
      'an array as sampler (resumed by skipping)',
      () => new DataLoader(rows(10), { batchSize: 2, sampler: [9, 3, 5, 0, 7] }),
    ],
    [
      'a custom batch sampler without stateDict (resumed by skipping)',
      () =>
        new DataLoader(rows(10), {
          batchSampler: {
            length: 3,
            *[Symbol.iterator]() {
              yield* [[1, 2], [3], [9, 8, 7]];
            },
          },
        }),
    ],
    [
      'an iterable dataset (resumed by skipping)',
      () => {
        const stream: IterableDataset<number> = {
          *[Symbol.iterator]() {
            for (let i = 0; i < 7; i++) yield i * i;
          },
        };
        return new DataLoader(stream, { batchSize: 2, collateFn: (xs: number[]) => xs }) as Loader;
      },
    ],
  ])('%s', (_, make) => {
    expectResumes(make);
  });

  it('resumes an async iteration too', async () => {
    const make = (s: number) =>
      new DataLoader(rows(9), { batchSize: 2, shuffle: true, generator: gen(s) });
    const all: number[][] = [];
    for await (const b of make(3)) all.push(ids(b));
    const loader = make(3);
    const iterator = loader[Symbol.asyncIterator]();
    const head = [ids((await iterator.next()).value), ids((await iterator.next()).value)];
    const fresh = make(4);
    fresh.loadStateDict(JSON.parse(JSON.stringify(loader.stateDict())) as StateDict);
    const tail: number[][] = [];
    for await (const b of fresh) tail.push(ids(b));
    expect([...head, ...tail]).toEqual(all);
  });

  it('says no epoch is in progress before the first iteration and after an exhausted one', () => {
    const loader = new DataLoader(rows(4), { batchSize: 2 });
    expect(loader.stateDict()).toEqual({
      batchSampler: { batchSize: 2, dropLast: false, sampler: { length: 4 } },
    });
    void [...loader];
    expect(loader.stateDict().epoch).toBeUndefined();
    const iterator = loader[Symbol.iterator]();
    iterator.next();
    expect(loader.stateDict()).toEqual({
      epoch: { batches: 1 },
      batchSampler: {
        batchSize: 2,
        dropLast: false,
        sampler: { length: 4, epoch: { position: 2 } },
        epoch: { batches: 1, samplerDone: false },
      },
    });
  });
});

describe('loadStateDict checks everything before changing anything', () => {
  const make = () => new DataLoader(rows(10), { batchSize: 3, shuffle: true, generator: gen(5) });
  /** A valid mid-epoch state, a path into it and a bad value to put there. */
  const cases: [string, (s: StateDict) => void, RegExp][] = [
    [
      'epoch.batches = 1.5',
      (s) => ((s.epoch as StateDict).batches = 1.5),
      /state\.epoch\.batches must be an integer in \[0, 4\], got 1\.5/,
    ],
    [
      'epoch.batches = "2"',
      (s) => ((s.epoch as StateDict).batches = '2'),
      /state\.epoch\.batches must be an integer in \[0, 4\], got "2"/,
    ],
    [
      'generator.state[3] = -1',
      (s) => (((s.generator as StateDict).state as number[])[3] = -1),
      /state\.generator\.state\[3\] must be a uint32, got -1/,
    ],
    [
      'generator.seed = 5',
      (s) => ((s.generator as StateDict).seed = 5),
      /state\.generator\.seed must be a decimal string of a uint64, got 5/,
    ],
    [
      'generator.index = NaN',
      (s) => ((s.generator as StateDict).index = NaN),
      /state\.generator\.index must be an integer in \[0, 624\], got NaN/,
    ],
    [
      'a remaining index 1.5 deep in the sampler',
      (s) =>
        ((
          (((s.batchSampler as StateDict).sampler as StateDict).epoch as StateDict)
            .remaining as number[]
        )[0] = 1.5),
      /state\.batchSampler\.sampler\.epoch\.remaining\[0\] must be an integer in \[0, 10\), got 1\.5/,
    ],
    [
      'a sampler of another length',
      (s) => (((s.batchSampler as StateDict).sampler as StateDict).length = 11),
      /state\.batchSampler\.sampler\.length is 11, expected 10/,
    ],
    ['an unknown key', (s) => (s.foo = 1), /state has unexpected key 'foo'/],
    [
      'a missing generator',
      (s) => delete s.generator,
      /state\.generator is missing: this loader has its own generator/,
    ],
  ];

  it.each(cases)('refuses %s and leaves the loader as it was', (_, spoil, message) => {
    const loader = make();
    const iterator = loader[Symbol.iterator]();
    iterator.next();
    const good = loader.stateDict();
    const target = make();
    const other = target[Symbol.iterator]();
    other.next();
    other.next();
    const before = JSON.stringify(target.stateDict());
    const bad = JSON.parse(JSON.stringify(good)) as StateDict;
    spoil(bad);
    expect(() => target.loadStateDict(bad)).toThrow(message);
    expect(JSON.stringify(target.stateDict())).toBe(before);
    // And the good state still loads afterwards.
    target.loadStateDict(good);
    expect(target.stateDict()).toEqual(good);
  });

  it.each([null, 5, 'x', [], new Map()])('refuses a state of the wrong kind: %s', (state) => {
    expect(() => make().loadStateDict(state as never)).toThrow(
      /^DataLoader\.loadStateDict: state must be a plain object, got /,
    );
  });
});

describe('samplers on their own', () => {
  it.each<
    [string, () => RandomSampler | SequentialSampler | SubsetRandomSampler | WeightedRandomSampler]
  >([
    ['SequentialSampler', () => new SequentialSampler(7)],
    ['RandomSampler', () => new RandomSampler(7, { generator: gen(2) })],
    ['SubsetRandomSampler', () => new SubsetRandomSampler([4, 1, 6], { generator: gen(2) })],
    ['WeightedRandomSampler', () => new WeightedRandomSampler([1, 3, 2], 9, { generator: gen(2) })],
  ])('%s continues an epoch from its state', (_, make) => {
    const full = [...make()];
    for (let cut = 0; cut <= full.length; cut++) {
      const sampler = make();
      const iterator = sampler[Symbol.iterator]();
      const head: number[] = [];
      for (let k = 0; k < cut; k++) head.push(iterator.next().value as number);
      const copy = make();
      copy.loadStateDict(JSON.parse(JSON.stringify(sampler.stateDict())) as StateDict);
      expect([...head, ...copy]).toEqual(full);
    }
  });
});
