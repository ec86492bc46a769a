import { checkSized } from '../argument-checks';
import { PREPARE_LOAD } from '../state/state-dict';
import type { PreparedStateful, StateDict } from '../state/state-dict';
import { StateReader } from '../state/read-state';
import type { Sampler, SizedSource } from './sampler';
import { sizeOf } from './sampler';

/** The epoch in progress: how many indices were handed out. */
interface Cursor {
  position: number;
}

/**
 * Yields 0, 1, …, n − 1, as `torch.utils.data.SequentialSampler`. `stateDict()` records how far
 * the epoch in progress has come, so a loaded copy continues from there.
 *
 * @example
 * [...new SequentialSampler(3)]; // [0, 1, 2]
 */
export class SequentialSampler implements Sampler<number>, PreparedStateful {
  readonly dataSource: SizedSource;
  private cursor: Cursor | null = null;
  private resume: Cursor | null = null;

  constructor(dataSource: SizedSource) {
    checkSized('SequentialSampler', 'dataSource', dataSource);
    this.dataSource = dataSource;
  }

  get length(): number {
    return sizeOf(this.dataSource);
  }

  *[Symbol.iterator](): Iterator<number> {
    const cursor = this.resume ?? { position: 0 };
    this.resume = null;
    this.cursor = cursor;
    const n = this.length;
    while (cursor.position < n) yield cursor.position++;
    if (this.cursor === cursor) this.cursor = null;
  }

  /** `{ length, epoch?: { position } }`; `epoch` while an epoch is in progress. */
  stateDict(): StateDict {
    const epoch = this.resume ?? this.cursor;
    return { length: this.length, ...(epoch ? { epoch: { position: epoch.position } } : {}) };
  }

  /** Restores a state from {@link stateDict}, checking it first. */
  loadStateDict(state: StateDict): void {
    this[PREPARE_LOAD](state, 'state', 'SequentialSampler')();
  }

  /** @internal */
  [PREPARE_LOAD](state: unknown, path: string, owner: string): () => void {
    const r = new StateReader(owner, state, path, ['length', 'epoch']);
    r.same('length', this.length);
    const epoch = r.has('epoch')
      ? { position: r.child('epoch', ['position']).integer('position', 0, this.length) }
      : null;
    return () => {
      this.cursor = null;
      this.resume = epoch;
    };
  }
}
