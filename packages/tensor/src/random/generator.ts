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
import { MT19937 } from './mt19937';
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

  /** A copy of the whole state. */
  getState(): GeneratorState {
    return {
      seed: this.seed,
      engine: this.engine.getState(),
      nextDoubleNormal: this.nextDoubleNormal,
      nextFloatNormal: this.nextFloatNormal,
    };
  }

  /** Restores a state from {@link getState}. */
  setState(state: GeneratorState): this {
    this.engine.setState(state.engine);
    this.seed = state.seed;
    this.nextDoubleNormal = state.nextDoubleNormal;
    this.nextFloatNormal = state.nextFloatNormal;
    return this;
  }
}

/** The global generator behind {@link manualSeed} and every random function without `{ generator }`. */
export const defaultGenerator = new Generator();

/** Seeds the global generator, like `torch.manual_seed`, and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
