import type { Generator, GeneratorState } from '@descent/tensor';
import { formatValue } from '../format-value';
import type { StateDict } from './state-dict';
import { StateReader } from './read-state';

/** Words of MT19937's state. */
const WORDS = 624;

/**
 * A generator's state as JSON-safe data: `{ seed, state, index }` plus the cached normals when
 * present. The seed (a uint64) is a decimal string, the 624 state words plain numbers.
 */
export function generatorStateDict(generator: Generator): StateDict {
  // Read structurally: bigint or string seed, Uint32Array or number[] words.
  const s = generator.getState() as unknown as {
    seed: bigint | number | string;
    engine: { state: ArrayLike<number>; index: number };
    nextDoubleNormal: number | null;
    nextFloatNormal: number | null;
  };
  const out: StateDict = {
    seed: String(s.seed),
    state: Array.from(s.engine.state),
    index: s.engine.index,
  };
  if (s.nextDoubleNormal !== null) out.nextDoubleNormal = s.nextDoubleNormal;
  if (s.nextFloatNormal !== null) out.nextFloatNormal = s.nextFloatNormal;
  return out;
}

const KEYS = ['seed', 'state', 'index', 'nextDoubleNormal', 'nextFloatNormal'] as const;

/** Checks a state from {@link generatorStateDict} (at `path` in errors) and returns it for `setState`. */
export function readGeneratorState(owner: string, value: unknown, path: string): GeneratorState {
  const r = new StateReader(owner, value, path, KEYS);
  const seed = r.value.seed;
  if (typeof seed !== 'string' || !/^\d{1,20}$/.test(seed) || BigInt(seed) >= 1n << 64n)
    throw new TypeError(
      `${owner}.loadStateDict: ${r.at('seed')} must be a decimal string of a uint64, got ${formatValue(seed)}`,
    );
  const words = r.indices('state', WORDS, (w) => w >= 0 && w < 2 ** 32, 'a uint32');
  if (words.length !== WORDS)
    throw new RangeError(
      `${owner}.loadStateDict: ${r.at('state')} must hold ${WORDS} words, got ${words.length}`,
    );
  const index = r.integer('index', 0, WORDS);
  const normal = (key: 'nextDoubleNormal' | 'nextFloatNormal'): number | null => {
    const v = r.value[key];
    if (v === undefined) return null;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new TypeError(
        `${owner}.loadStateDict: ${r.at(key)} must be a finite number, got ${formatValue(v)}`,
      );
    return v;
  };
  return {
    seed: BigInt(seed),
    engine: { state: Uint32Array.from(words), index },
    nextDoubleNormal: normal('nextDoubleNormal'),
    nextFloatNormal: normal('nextFloatNormal'),
  };
}
