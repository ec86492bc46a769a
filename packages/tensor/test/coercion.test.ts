/** A tensor used as a JavaScript number throws (it would be NaN); printing it still works. */
import { describe, expect, it } from 'vitest';
import { tensor } from '../src/index';

const message = /use tensor methods for arithmetic \(t\.mul\(2\), t\.add\(1\), t\.lt\(0\)\), t\.item\(\)/;

describe('Tensor coercion', () => {
  const t = tensor([1, 2]);
  it.each<[string, () => unknown]>([
    ['2 * t', () => 2 * (t as unknown as number)],
    ['t + 1', () => (t as unknown as number) + 1],
    ['t < 0', () => (t as unknown as number) < 0],
    ['Number(t)', () => Number(t)],
    ['-t', () => -(t as unknown as number)],
    ['t == 1 (hint default)', () => (t as unknown as number) == 1],
    ["'' + t (hint default)", () => '' + (t as unknown as string)],
    ['Math.max(t)', () => Math.max(t as unknown as number)],
  ])('%s throws a TypeError naming the fix', (_label, use) => {
    expect(use).toThrow(TypeError);
    expect(use).toThrow(message);
  });

  it('string conversion prints the tensor', () => {
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the conversion under test
    expect(`${t}`).toBe('tensor([1., 2.])');
    expect(String(t)).toBe('tensor([1., 2.])');
    expect(t.toString()).toBe('tensor([1., 2.])');
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the conversion under test
    expect(`${tensor(3)}`).toBe('tensor(3.)');
  });

  it('item() gives the number of a one-element tensor', () => {
    expect(2 * tensor([1.5]).item()).toBe(3);
  });
});
