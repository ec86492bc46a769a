import { Generator, defaultGenerator, randint, randperm } from '@descent/tensor';
import {
  checkBoolean,
  checkGenerator,
  checkOptions,
  checkPositiveInteger,
  checkSized,
} from '../argument-checks';
import { generatorStateDict, readGeneratorState } from '../state/generator-state';
import { StateReader } from '../state/read-state';
import { PREPARE_LOAD } from '../state/state-dict';
import type { PreparedStateful, StateDict } from '../state/state-dict';
import type { Sampler, SizedSource } from './sampler';
import { sizeOf } from './sampler';

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** Indices per epoch; default the dataset's length. */
  numSamples?: number;
  /** Source of randomness; default a fresh generator per epoch seeded from the global one. */
  generator?: Generator;
}

const TWO_63 = 1n << 63n;

/** Indices per randint chunk with replacement, as PyTorch. */
const CHUNK = 32;

/**
 * A seed drawn from `generator` as `int(torch.empty((), dtype=torch.int64).random_())`: one 64-bit
 * draw (two 32-bit outputs, the first as the high word) modulo 2⁶³.
 *
 * @example
 * manualSeed(0);
 * drawSeed(); // the seed RandomSampler(range(n)) would draw after torch.manual_seed(0)
 */
export function drawSeed(generator: Generator = defaultGenerator): bigint {
  return generator.random64() % TWO_63;
}

/** The epoch in progress: the rest of the chunk drawn last, the next chunk, the epoch's own generator. */
interface Cursor {
  values: number[];
  offset: number;
  nextChunk: number;
  /** The per-epoch generator seeded from the global one, or null when the sampler has its own. */
  generator: Generator | null;
}

/**
 * Random indices, as `torch.utils.data.RandomSampler` (PyTorch 1.13), draw for draw:
 *
 *   each epoch (when iteration starts):
 *     g ← generator, or a new Generator seeded with drawSeed(global generator)
 *     without replacement: ⌊numSamples / n⌋ full randperm(n, g), then the first numSamples mod n
 *                          of one more randperm(n, g) (drawn even when that count is 0)
 *     with replacement:    randint(0, n, 32, g) per chunk of 32, then randint(0, n, numSamples mod 32, g)
 *
 * `stateDict()` holds the rest of the chunk in progress, the next chunk's number and the state of
 * the generator that draws it (the sampler's own, or the epoch's), so a loaded copy continues the
 * epoch exactly.
 *
 * @example
 * manualSeed(0);
 * [...new RandomSampler(10)]; // the order of torch.utils.data.RandomSampler(range(10)) after torch.manual_seed(0)
 */
export class RandomSampler implements Sampler<number>, PreparedStateful {
  readonly dataSource: SizedSource;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly numSamplesOption: number | undefined;
  private cursor: Cursor | null = null;
  private resume: Cursor | null = null;

  constructor(dataSource: SizedSource, options: RandomSamplerOptions = {}) {
    checkSized('RandomSampler', 'dataSource', dataSource);
    const o = checkOptions('RandomSampler', options, ['replacement', 'numSamples', 'generator']);
    const replacement =
      o.replacement === undefined ? false : checkBoolean('replacement', o.replacement);
    // PyTorch checks the resolved count, so an empty dataset is rejected here too.
    const numSamples = o.numSamples as number | undefined;
    checkPositiveInteger('num_samples', numSamples === undefined ? sizeOf(dataSource) : numSamples);
    this.generator = checkGenerator('RandomSampler', o.generator);
    this.dataSource = dataSource;
    this.replacement = replacement;
    this.numSamplesOption = numSamples;
  }

  /** Indices per epoch. */
  get numSamples(): number {
    return this.numSamplesOption ?? sizeOf(this.dataSource);
  }

  get length(): number {
    return this.numSamples;
  }

  /** Number of the epoch's last chunk (chunks are 0 … last). */
  private lastChunk(n: number): number {
    return Math.floor(this.numSamples / (this.replacement ? CHUNK : n));
  }

  /** Chunk `k` of the epoch, drawn from `generator`. */
  private drawChunk(k: number, n: number, generator: Generator): number[] {
    const last = k === this.lastChunk(n);
    if (this.replacement) {
      const size = last ? this.numSamples % CHUNK : CHUNK;
      return Array.from(randint(0, n, [size], { generator }).toTypedArray());
    }
    const order = randperm(n, { generator }).toTypedArray();
    return Array.from(last ? order.subarray(0, this.numSamples % n) : order);
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = sizeOf(this.dataSource);
    const cursor = this.resume ?? {
      values: [],
      offset: 0,
      nextChunk: 0,
      generator: this.generator ? null : new Generator().manualSeed(drawSeed(defaultGenerator)),
    };
    this.resume = null;
    this.cursor = cursor;
    const generator = cursor.generator ?? (this.generator as Generator);
    const last = this.lastChunk(n);
    for (;;) {
      while (cursor.offset < cursor.values.length) yield cursor.values[cursor.offset++] as number;
      if (cursor.nextChunk > last) break;
      cursor.values = this.drawChunk(cursor.nextChunk++, n, generator);
      cursor.offset = 0;
    }
    if (this.cursor === cursor) this.cursor = null;
  }

  /**
   * `{ length, numSamples, replacement, generator?, epoch?: { remaining, nextChunk, generator? } }`:
   * `generator` when the sampler has its own; `epoch` while an epoch is in progress, with the
   * epoch's generator when it drew one from the global generator.
   */
  stateDict(): StateDict {
    const state: StateDict = {
      length: sizeOf(this.dataSource),
      numSamples: this.numSamples,
      replacement: this.replacement,
    };
    if (this.generator) state.generator = generatorStateDict(this.generator);
    const epoch = this.resume ?? this.cursor;
    if (epoch) {
      state.epoch = {
        remaining: epoch.values.slice(epoch.offset),
        nextChunk: epoch.nextChunk,
        ...(epoch.generator ? { generator: generatorStateDict(epoch.generator) } : {}),
      };
    }
    return state;
  }

  /** Restores a state from {@link stateDict}, checking all of it before changing anything. */
  loadStateDict(state: StateDict): void {
    this[PREPARE_LOAD](state, 'state', 'RandomSampler')();
  }

  /** @internal */
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void {
    const n = sizeOf(this.dataSource);
    const r = new StateReader(owner, state, path, [
      'length',
      'numSamples',
      'replacement',
      'generator',
      'epoch',
    ]);
    r.same('length', n);
    r.same('numSamples', this.numSamples);
    r.same('replacement', this.replacement);
    const own = this.generator !== undefined;
    r.presence(
      'generator',
      own,
      own
        ? 'this sampler has its own generator'
        : 'this sampler draws a generator per epoch from the global one',
    );
    const generatorState = own
      ? readGeneratorState(owner, r.value.generator, r.at('generator'))
      : null;
    let epoch: Cursor | null = null;
    if (r.has('epoch')) {
      const e = r.child('epoch', ['remaining', 'nextChunk', 'generator']);
      const size = this.replacement ? CHUNK : n;
      const remaining = e.indices('remaining', size, (i) => i < n, `an integer in [0, ${n})`);
      const nextChunk = e.integer('nextChunk', 0, this.lastChunk(n) + 1);
      e.presence(
        'generator',
        !own,
        own
          ? 'this sampler has its own generator'
          : 'the epoch draws from a generator seeded from the global one',
      );
      const epochGenerator = own
        ? null
        : new Generator().setState(readGeneratorState(owner, e.value.generator, e.at('generator')));
      epoch = { values: remaining, offset: 0, nextChunk, generator: epochGenerator };
    }
    return () => {
      if (generatorState) this.generator?.setState(generatorState);
      this.cursor = null;
      this.resume = epoch;
    };
  }
}
