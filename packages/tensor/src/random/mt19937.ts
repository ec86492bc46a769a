/**
 * The 32-bit Mersenne Twister (MT19937, Matsumoto & Nishimura 1998), seeded as PyTorch's CPU
 * generator seeds it: state[0] = low 32 bits of the seed, state[i] = 1812433253·(state[i−1] ^
 * (state[i−1] >>> 30)) + i.
 */
import { describeValue } from '../describe-value';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** A copyable snapshot of the engine. */
export interface MT19937State {
  state: Uint32Array;
  index: number;
}

/** MT19937 with PyTorch's seeding. */
export class MT19937 {
  private state = new Uint32Array(N);
  private index = N;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** Re-seeds from the low 32 bits of `seed`. */
  seed(seed: number): void {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = (s[i - 1] as number) ^ ((s[i - 1] as number) >>> 30);
      // 1812433253 · prev, kept to 32 bits without losing precision.
      s[i] = (Math.imul(prev, 1812433253) + i) >>> 0;
    }
    this.index = N;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = ((s[i] as number) & UPPER) | ((s[(i + 1) % N] as number) & LOWER);
      let next = (s[(i + M) % N] as number) ^ (y >>> 1);
      if (y & 1) next ^= MATRIX_A;
      s[i] = next >>> 0;
    }
    this.index = 0;
  }

  /** The next 32-bit output, as a non-negative number. */
  next(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A copy of the engine's state. */
  getState(): MT19937State {
    return { state: this.state.slice(), index: this.index };
  }

  /** Restores a state from {@link getState}; a malformed one throws before anything changes. */
  setState(snapshot: MT19937State): void {
    checkEngineState(snapshot, 'MT19937.setState');
    this.state = snapshot.state.slice();
    this.index = snapshot.index;
  }
}

/**
 * Throws unless `snapshot` is an MT19937 state: 624 32-bit words (not all zero: that state draws
 * only zeros) and a position `index` that is an integer in [0, 624] (624: twist before the next draw).
 */
export function checkEngineState(snapshot: unknown, where: string): asserts snapshot is MT19937State {
  if (typeof snapshot !== 'object' || snapshot === null) {
    throw new TypeError(`${where}: the engine state must be an object { state, index }, got ${describeValue(snapshot)}`);
  }
  const { state, index } = snapshot as { state?: unknown; index?: unknown };
  if (!(state instanceof Uint32Array)) throw new TypeError(`${where}: state must be a Uint32Array, got ${describeValue(state)}`);
  if (state.length !== N) throw new RangeError(`${where}: expected ${N} words, got ${state.length}`);
  if (state.every((w) => w === 0)) throw new RangeError(`${where}: state is all zeros (it would draw only zeros)`);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > N) {
    throw new RangeError(`${where}: index must be an integer in [0, ${N}], got ${describeValue(index)}`);
  }
}

