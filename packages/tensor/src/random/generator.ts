/**
 * PyTorch's CPU random generator: MT19937 plus the transforms of ATen's distribution helpers.
 *
 *   random()     one 32-bit MT output
 *   random64()   two outputs, the first as the high word
 *   float in [0, 1)  (random() & (2²⁴ − 1)) / 2²⁴          (float32: 24 mantissa bits)
 *   double in [0, 1) (random64() & (2⁵³ − 1)) / 2⁵³        (float64: 53 bits)
 *
 * It also caches the second value of a Box–Muller pair for the scalar normal path, as PyTorch's
 * generator does; re-seeding clears the cache.
 */
import { describeValue } from '../describe-value';
import { MT19937, checkEngineState } from './mt19937';
import type { MT19937State } from './mt19937';

const TWO_24 = 16777216;
const TWO_53 = 9007199254740992;
const TWO_32 = 4294967296;

/** A snapshot of a {@link Generator}, from `getState()`. */
export interface GeneratorState {
  seed: bigint;
  engine: MT19937State;
  nextDoubleNormal: number | null;
  nextFloatNormal: number | null;
}

/**
 * A {@link Generator}'s state as plain JSON-safe data, from `stateDict()`: the seed as a decimal
 * string (it is a uint64), MT19937's 624 words as numbers, the position in them, and the cached
 * second Box–Muller values of `randn`/`normal_`'s scalar path.
 */
export interface GeneratorStateDict {
  /** The seed last set, a decimal string of a uint64. */
  seed: string;
  /** MT19937's 624 state words, each an integer in [0, 2³²). */
  state: number[];
  /** The position in `state` of the next draw, an integer in [0, 624]. */
  index: number;
  /** The cached float64 normal value, or null. */
  nextDoubleNormal: number | null;
  /** The cached float32 normal value, or null. */
  nextFloatNormal: number | null;
}

const UINT64_MAX = (1n << 64n) - 1n;

function checkCachedNormal(value: unknown, name: string, where: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${where}: ${name} must be a finite number or null, got ${describeValue(value)}`);
  }
  return value;
}

function checkSeed(value: unknown, where: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX) {
    throw new TypeError(`${where}: seed must be a bigint in [0, 2^64), got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A random number generator producing PyTorch's CPU stream: after `manualSeed(s)`, the same draws
 * as `torch.Generator().manual_seed(s)`.
 *
 * @example
 * const g = new Generator().manualSeed(0);
 * randn([3], { generator: g }); // torch.randn(3, generator=torch.Generator().manual_seed(0))
 */
export class Generator {
  private engine = new MT19937(67280421310721);
  private seed = 67280421310721n;
  /** @internal The cached second Box–Muller value (double path), or null. */
  nextDoubleNormal: number | null = null;
  /** @internal The cached second Box–Muller value (float path), or null. */
  nextFloatNormal: number | null = null;

  /** Seeds the generator (only the low 32 bits reach MT19937, as in PyTorch) and returns it. */
  manualSeed(seed: number | bigint): this {
    let s: bigint;
    if (typeof seed === 'bigint') s = seed;
    else {
      if (!Number.isInteger(seed)) throw new TypeError(`manualSeed: seed must be an integer, got ${seed}`);
      s = BigInt(seed);
    }
    // Negative seeds wrap to uint64, as PyTorch does.
    s = BigInt.asUintN(64, s);
    this.seed = s;
    this.engine.seed(Number(s & 0xffffffffn));
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /** The seed last set. */
  initialSeed(): bigint {
    return this.seed;
  }

  /** One 32-bit draw. */
  random(): number {
    return this.engine.next();
  }

  /** One 64-bit draw as a bigint (first 32-bit draw in the high word). */
  random64(): bigint {
    const hi = this.engine.next();
    const lo = this.engine.next();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A float32-grade uniform in [0, 1): 24 random bits. */
  nextFloat(): number {
    return (this.engine.next() & (TWO_24 - 1)) / TWO_24;
  }

  /** A float64-grade uniform in [0, 1): 53 random bits from a 64-bit draw. */
  nextDouble(): number {
    const hi = this.engine.next();
    const lo = this.engine.next();
    // Low 53 bits of (hi·2³² + lo): the low 21 bits of hi, then all of lo.
    return ((hi & 0x1fffff) * TWO_32 + lo) / TWO_53;
  }

  /**
   * A copy of the whole state (with a bigint and a Uint32Array: use {@link Generator.stateDict} for JSON).
   *
   * @example
   * const s = g.getState(); g.rand(); g.setState(s); // the same draw again
   */
  getState(): GeneratorState {
    return {
      seed: this.seed,
      engine: this.engine.getState(),
      nextDoubleNormal: this.nextDoubleNormal,
      nextFloatNormal: this.nextFloatNormal,
    };
  }

  /**
   * Restores a state from {@link getState}. The whole state is checked first (kinds, 624 words,
   * an index in [0, 624]); a malformed one throws and leaves the generator unchanged.
   */
  setState(state: GeneratorState): this {
    return this.restore(state, 'Generator.setState');
  }

  private restore(state: GeneratorState, where: string): this {
    if (typeof state !== 'object' || state === null) {
      throw new TypeError(`${where}: state must be an object from getState(), got ${describeValue(state)}`);
    }
    const seed = checkSeed(state.seed, where);
    checkEngineState(state.engine, where);
    const nextDoubleNormal = checkCachedNormal(state.nextDoubleNormal, 'nextDoubleNormal', where);
    const nextFloatNormal = checkCachedNormal(state.nextFloatNormal, 'nextFloatNormal', where);
    this.engine.setState(state.engine);
    this.seed = seed;
    this.nextDoubleNormal = nextDoubleNormal;
    this.nextFloatNormal = nextFloatNormal;
    return this;
  }

  /**
   * The whole state as plain JSON-safe data ({@link GeneratorStateDict}): it survives
   * `JSON.stringify`/`JSON.parse` and restores with {@link loadStateDict}.
   *
   * @example
   * const saved = JSON.stringify(g.stateDict());
   * g.loadStateDict(JSON.parse(saved));
   */
  stateDict(): GeneratorStateDict {
    const { state, index } = this.engine.getState();
    return {
      seed: this.seed.toString(),
      state: Array.from(state),
      index,
      nextDoubleNormal: this.nextDoubleNormal,
      nextFloatNormal: this.nextFloatNormal,
    };
  }

  /**
   * Restores a state from {@link Generator.stateDict} (also after a JSON round trip). Everything is checked
   * before anything changes: a refused state leaves the generator as it was.
   */
  loadStateDict(stateDict: GeneratorStateDict): this {
    const where = 'Generator.loadStateDict';
    if (typeof stateDict !== 'object' || stateDict === null || Array.isArray(stateDict)) {
      throw new TypeError(`${where}: stateDict must be an object from stateDict(), got ${describeValue(stateDict)}`);
    }
    const { seed, state, index, nextDoubleNormal, nextFloatNormal } = stateDict as Partial<Record<keyof GeneratorStateDict, unknown>>;
    if (typeof seed !== 'string' || !/^[0-9]{1,20}$/.test(seed)) {
      throw new TypeError(`${where}: seed must be a decimal string of a uint64, got ${describeValue(seed)}`);
    }
    if (!Array.isArray(state)) throw new TypeError(`${where}: state must be an array of 624 words, got ${describeValue(state)}`);
    const bad = state.findIndex((w) => typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 0xffffffff);
    if (bad >= 0) throw new RangeError(`${where}: state[${bad}] must be an integer in [0, 2^32), got ${describeValue(state[bad])}`);
    return this.restore({
      seed: checkSeed(BigInt(seed), where),
      engine: { state: Uint32Array.from(state as number[]), index: index as number },
      nextDoubleNormal: checkCachedNormal(nextDoubleNormal, 'nextDoubleNormal', where),
      nextFloatNormal: checkCachedNormal(nextFloatNormal, 'nextFloatNormal', where),
    }, where);
  }
}

/** The global generator behind {@link manualSeed} and every random function without `{ generator }`. */
export const defaultGenerator = new Generator();

/** Seeds the global generator, like `torch.manual_seed`, and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
