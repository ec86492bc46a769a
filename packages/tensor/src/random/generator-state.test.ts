/**
 * Generator state: setState validates the whole state before changing anything, and
 * stateDict/loadStateDict round-trip through JSON (the reference is the generator's own stream
 * with no save/restore in between: a restored generator must draw exactly what it would have).
 */
import { describe, expect, it } from 'vitest';
import { randn, rand, randperm } from '../creation';
import { Generator } from './index';
import type { GeneratorState } from './index';

const draw = (g: Generator): number[] => [
  ...(rand([5], { generator: g }).tolist() as number[]),
  // randn of fewer than 16 values takes the scalar Box–Muller path, which caches its second value
  ...(randn([3], { generator: g, dtype: 'float64' }).tolist() as number[]),
  ...(randn([3], { generator: g }).tolist() as number[]),
  ...(randperm(7, { generator: g }).tolist() as number[]),
];

describe('Generator.stateDict / loadStateDict', () => {
  it('round-trips through JSON: draw, save, draw, restore, draw again gives the same numbers', () => {
    const g = new Generator().manualSeed(1234);
    draw(g);
    randn([1], { generator: g, dtype: 'float64' }); // leave a cached normal value behind
    const saved = JSON.stringify(g.stateDict());
    expect(JSON.parse(saved)).toHaveProperty('nextDoubleNormal');
    expect((JSON.parse(saved) as { nextDoubleNormal: unknown }).nextDoubleNormal).not.toBeNull();
    const first = [...draw(g), ...draw(g)];
    g.loadStateDict(JSON.parse(saved) as ReturnType<Generator['stateDict']>);
    expect([...draw(g), ...draw(g)]).toEqual(first);
    // and a fresh generator restored from the JSON draws the same
    const h = new Generator().loadStateDict(JSON.parse(saved) as ReturnType<Generator['stateDict']>);
    expect([...draw(h), ...draw(h)]).toEqual(first);
    expect(h.initialSeed()).toBe(1234n);
  });

  it('keeps a uint64 seed exactly', () => {
    const g = new Generator().manualSeed(-1);
    const sd = JSON.parse(JSON.stringify(g.stateDict())) as ReturnType<Generator['stateDict']>;
    expect(sd.seed).toBe('18446744073709551615');
    expect(new Generator().loadStateDict(sd).initialSeed()).toBe(18446744073709551615n);
  });

  const valid = (): ReturnType<Generator['stateDict']> => new Generator().manualSeed(7).stateDict();
  it.each<[string, (sd: Record<string, unknown>) => unknown, string]>([
    ['index 1.5', (sd) => (sd.index = 1.5), 'Generator.loadStateDict: index must be an integer in [0, 624], got 1.5'],
    ['index -5', (sd) => (sd.index = -5), 'Generator.loadStateDict: index must be an integer in [0, 624], got -5'],
    ['index 625', (sd) => (sd.index = 625), 'Generator.loadStateDict: index must be an integer in [0, 624], got 625'],
    ["index '3'", (sd) => (sd.index = '3'), 'Generator.loadStateDict: index must be an integer in [0, 624], got string "3"'],
    ['623 words', (sd) => (sd.state as number[]).pop(), 'Generator.loadStateDict: expected 624 words, got 623'],
    ['a word of 2^32', (sd) => ((sd.state as number[])[3] = 2 ** 32), 'Generator.loadStateDict: state[3] must be an integer in [0, 2^32), got 4294967296'],
    ['a word NaN', (sd) => ((sd.state as number[])[0] = NaN), 'Generator.loadStateDict: state[0] must be an integer in [0, 2^32), got NaN'],
    ['all-zero words', (sd) => (sd.state as number[]).fill(0), 'Generator.loadStateDict: state is all zeros (it would draw only zeros)'],
    ['state a string', (sd) => (sd.state = 'x'), 'Generator.loadStateDict: state must be an array of 624 words, got string "x"'],
    ['seed a number', (sd) => (sd.seed = 5), 'Generator.loadStateDict: seed must be a decimal string of a uint64, got 5'],
    ['seed 2^64', (sd) => (sd.seed = '18446744073709551616'), 'Generator.loadStateDict: seed must be a bigint in [0, 2^64), got 18446744073709551616n'],
    ['a cached normal NaN', (sd) => (sd.nextFloatNormal = NaN), 'Generator.loadStateDict: nextFloatNormal must be a finite number or null, got NaN'],
  ])('refuses %s and leaves the generator unchanged', (_label, corrupt, message) => {
    const g = new Generator().manualSeed(99);
    rand([3], { generator: g });
    const before = g.stateDict();
    const sd = valid() as unknown as Record<string, unknown>;
    corrupt(sd);
    expect(() => g.loadStateDict(sd as never)).toThrow(message);
    expect(g.stateDict()).toEqual(before);
  });

  it.each([null, 'abc', 5, [1]])('refuses %j as a whole', (sd) => {
    expect(() => new Generator().loadStateDict(sd as never)).toThrow(TypeError);
    expect(() => new Generator().loadStateDict(sd as never)).toThrow(/^Generator\.loadStateDict: stateDict must be an object from stateDict\(\), got /);
  });
});

describe('Generator.setState', () => {
  const stateWith = (change: (s: GeneratorState) => void): GeneratorState => {
    const s = new Generator().manualSeed(3).getState();
    change(s);
    return s;
  };
  it.each<[string, GeneratorState, string]>([
    // issue #25's repro: an index of 1.5 or -5 was accepted and the generator then drew zeros
    ['index 1.5', stateWith((s) => (s.engine.index = 1.5)), 'Generator.setState: index must be an integer in [0, 624], got 1.5'],
    ['index -5', stateWith((s) => (s.engine.index = -5)), 'Generator.setState: index must be an integer in [0, 624], got -5'],
    ['a plain array of words', stateWith((s) => (s.engine.state = [1, 2] as never)), 'Generator.setState: state must be a Uint32Array, got an array of length 2'],
    ['a seed as a number', stateWith((s) => (s.seed = 3 as never)), 'Generator.setState: seed must be a bigint in [0, 2^64), got 3'],
    ['no engine', stateWith((s) => (s.engine = undefined as never)), 'Generator.setState: the engine state must be an object { state, index }, got undefined'],
  ])('refuses %s and leaves the generator unchanged', (_label, state, message) => {
    const g = new Generator().manualSeed(11);
    const before = g.stateDict();
    expect(() => g.setState(state)).toThrow(message);
    expect(g.stateDict()).toEqual(before);
    expect(rand([2], { generator: g }).tolist()).toEqual(rand([2], { generator: new Generator().manualSeed(11) }).tolist());
  });

  it('still restores a getState() snapshot (existing callers)', () => {
    const g = new Generator().manualSeed(5);
    const s = g.getState();
    const a = draw(g);
    g.setState(s);
    expect(draw(g)).toEqual(a);
  });
});
