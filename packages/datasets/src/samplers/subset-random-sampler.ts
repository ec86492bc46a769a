import { defaultGenerator, randperm } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import { checkGenerator, checkIndexArray, checkOptions } from '../argument-checks';
import { generatorStateDict, readGeneratorState } from '../state/generator-state';
import { StateReader } from '../state/read-state';
import { PREPARE_LOAD } from '../state/state-dict';
import type { PreparedStateful, StateDict } from '../state/state-dict';
import type { Sampler } from './sampler';

/** The epoch in progress: its order and how much of it was handed out. */
interface Cursor {
  order: number[];
  offset: number;
}

/**
 * The given indices in a random order, one `randperm` per epoch, as
 * `torch.utils.data.SubsetRandomSampler`. `stateDict()` holds the rest of the epoch in progress
 * (and the sampler's own generator), so a loaded copy continues it exactly.
 *
 * @example
 * const valid = new SubsetRandomSampler([10, 11, 12], { generator: new Generator().manualSeed(1) });
 */
export class SubsetRandomSampler implements Sampler<number>, PreparedStateful {
  readonly indices: readonly number[];
  /** Default: the global generator, as PyTorch. */
  readonly generator: Generator | undefined;
  private cursor: Cursor | null = null;
  private resume: Cursor | null = null;

  constructor(indices: ArrayLike<number>, options: { generator?: Generator } = {}) {
    this.indices = checkIndexArray('SubsetRandomSampler', 'indices', indices);
    const o = checkOptions('SubsetRandomSampler', options, ['generator']);
    this.generator = checkGenerator('SubsetRandomSampler', o.generator);
  }

  get length(): number {
    return this.indices.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const cursor = this.resume ?? { order: this.draw(), offset: 0 };
    this.resume = null;
    this.cursor = cursor;
    while (cursor.offset < cursor.order.length) yield cursor.order[cursor.offset++] as number;
    if (this.cursor === cursor) this.cursor = null;
  }

  private draw(): number[] {
    const order = randperm(this.indices.length, {
      generator: this.generator ?? defaultGenerator,
    }).toTypedArray();
    return Array.from(order, (i) => this.indices[i] as number);
  }

  /** `{ length, generator?, epoch?: { remaining } }`: `generator` when the sampler has its own. */
  stateDict(): StateDict {
    const state: StateDict = { length: this.indices.length };
    if (this.generator) state.generator = generatorStateDict(this.generator);
    const epoch = this.resume ?? this.cursor;
    if (epoch) state.epoch = { remaining: epoch.order.slice(epoch.offset) };
    return state;
  }

  /** Restores a state from {@link stateDict}, checking all of it before changing anything. */
  loadStateDict(state: StateDict): void {
    this[PREPARE_LOAD](state, 'state', 'SubsetRandomSampler')();
  }

  /** @internal */
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void {
    const r = new StateReader(owner, state, path, ['length', 'generator', 'epoch']);
    r.same('length', this.indices.length);
    const own = this.generator !== undefined;
    r.presence(
      'generator',
      own,
      own ? 'this sampler has its own generator' : 'this sampler uses the global generator',
    );
    const generatorState = own
      ? readGeneratorState(owner, r.value.generator, r.at('generator'))
      : null;
    let epoch: Cursor | null = null;
    if (r.has('epoch')) {
      const members = new Set(this.indices);
      const order = r
        .child('epoch', ['remaining'])
        .indices(
          'remaining',
          this.indices.length,
          (i) => members.has(i),
          "one of the sampler's indices",
        );
      epoch = { order, offset: 0 };
    }
    return () => {
      if (generatorState) this.generator?.setState(generatorState);
      this.cursor = null;
      this.resume = epoch;
    };
  }
}
