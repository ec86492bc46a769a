import { loadGolden } from '@descent/fixtures';
import { Generator, manualSeed, randn } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Linear } from '../src/index';

const cases = loadGolden('rng').cases.flatMap((c) => (c.kind === 'linear' ? [c] : []));

describe('Linear default initialisation', () => {
  it('has golden cases to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`seed ${c.seed}, ${c.in} → ${c.out}`, c] as const))('matches torch.nn.Linear bit for bit (%s)', (_label, c) => {
    manualSeed(c.seed);
    const layer = new Linear(c.in, c.out);
    expect(layer.weight.shape).toEqual([c.out, c.in]);
    expect(Array.from(layer.weight.storage.data)).toEqual(c.weight);
    expect(Array.from(layer.bias!.storage.data)).toEqual(c.bias);
  });

  it.each(cases.slice(0, 2).map((c) => [c.seed, c] as const))('draws the same numbers from an explicit generator (seed %s)', (_seed, c) => {
    manualSeed(c.seed + 1000);
    const layer = new Linear(c.in, c.out, { generator: new Generator().manualSeed(c.seed) });
    expect(Array.from(layer.weight.storage.data)).toEqual(c.weight);
    expect(Array.from(layer.bias!.storage.data)).toEqual(c.bias);
  });

  // PyTorch 1.13: torch.nn.Linear(5, 2)(torch.randn(*shape)) for each shape below.
  it.each([
    [[4, 3], '4x3 and 5x2'],
    [[4, 6, 3], '24x3 and 5x2'],
    [[3], '1x3 and 5x2'],
    [[2, 1, 4, 3], '8x3 and 5x2'],
  ])('rejects a %j input with PyTorch message (%s)', (shape, sizes) => {
    const error = new RangeError(`mat1 and mat2 shapes cannot be multiplied (${sizes})`);
    expect(() => new Linear(5, 2).forward(randn(shape))).toThrow(error);
    expect(() => new Linear(5, 2, { bias: false }).forward(randn(shape))).toThrow(error);
  });
});
