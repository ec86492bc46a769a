import { describe, expect, it } from 'vitest';
import { fusedMultiplyAdd } from './range-values';

/** x = m / 2^k exactly, with m an integer. */
function exact(x: number): [bigint, number] {
  let k = 0;
  while (!Number.isInteger(x * 2 ** k)) k++;
  return [BigInt(x * 2 ** k), k];
}

/** a·b + c rounded once, in exact integer arithmetic (Number(bigint) rounds to nearest, ties to even). */
function referenceFma(a: number, b: number, c: number): number {
  const [ma, ka] = exact(a);
  const [mb, kb] = exact(b);
  const [mc, kc] = exact(c);
  const k = Math.max(ka + kb, kc);
  const n = ma * mb * 2n ** BigInt(k - ka - kb) + mc * 2n ** BigInt(k - kc);
  return Number(n) * 2 ** -k;
}

describe('fusedMultiplyAdd', () => {
  it('rounds a·b + c once, as an exact reference does', () => {
    let s = 7;
    const rand = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const cases: [number, number, number][] = [];
    for (let i = 0; i < 3000; i++) {
      const a = (rand() - 0.5) * 2 ** Math.floor(rand() * 20 - 10);
      const b = (rand() - 0.5) * 2 ** Math.floor(rand() * 20 - 10);
      // c near −a·b makes the low bits of the product decide the result.
      const c = i % 2 === 0 ? -(a * b) * (1 + (rand() - 0.5) * 2 ** -40) : (rand() - 0.5) * 8;
      cases.push([a, b, c]);
    }
    // Near-ties: products of (1 + 2^-52·i)(1 + 2^-52·j) land on and around rounding midpoints.
    for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) cases.push([1 + i * 2 ** -52, 1 + j * 2 ** -52, 2 ** -53 * (i % 3)]);
    for (const [a, b, c] of cases) expect(fusedMultiplyAdd(a, b, c)).toBe(referenceFma(a, b, c));
  });

  it('keeps signed zeros and infinities as plain arithmetic does', () => {
    expect(Object.is(fusedMultiplyAdd(-0.5, 0, -0), -0)).toBe(true);
    expect(Object.is(fusedMultiplyAdd(0.5, 0, -0), 0)).toBe(true);
    expect(fusedMultiplyAdd(Infinity, 2, 1)).toBe(Infinity);
  });
});
