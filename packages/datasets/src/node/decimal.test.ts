import { Generator } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { isDecimal } from './decimal';

// The language the CSV reader accepted before, as a regular expression: the reference (slow only
// on long inputs, so it is run on short ones).
const reference = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

describe('isDecimal', () => {
  it.each(['0', '-4.9e0', '.5', '5.', '+1E+10', '1e-1', '007'])('accepts %j', (text) => {
    expect(isDecimal(text)).toBe(true);
  });

  it.each(['', '.', '-', '+.', 'e5', '1e', '1e+', '1.2.3', '1x', ' 1', '١', '0x10', 'Infinity'])(
    'rejects %j',
    (text) => {
      expect(isDecimal(text)).toBe(false);
    },
  );

  it('agrees with the regular expression on 20,000 random short strings', () => {
    const g = new Generator().manualSeed(25);
    const alphabet = '0123456789..eE+-x ';
    const disagreements: string[] = [];
    let accepted = 0;
    for (let k = 0; k < 20000; k++) {
      const length = g.random() % 9;
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[g.random() % alphabet.length] as string;
      if (isDecimal(text) !== reference.test(text)) disagreements.push(text);
      if (reference.test(text)) accepted++;
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(500); // the sample reaches both answers
  });

  it('reads each character at most a constant number of times (counted through a proxy string)', () => {
    // Count charCodeAt / index reads on cells of 1k and 64k digits followed by 'x': linear work
    // means the count per character stays the same.
    const reads = (n: number): number => {
      const text = `${'9'.repeat(n)}x`;
      let count = 0;
      const counted = new Proxy(new String(text), {
        get(target, key) {
          if (key === 'charCodeAt')
            return (i: number) => {
              count++;
              return text.charCodeAt(i);
            };
          if (key === 'length') return text.length;
          if (typeof key === 'string' && /^\d+$/.test(key)) {
            count++;
            return text[Number(key)];
          }
          return Reflect.get(target, key) as unknown;
        },
      }) as unknown as string;
      expect(isDecimal(counted)).toBe(false);
      return count;
    };
    const small = reads(1024);
    const large = reads(65536);
    expect(large / 65537).toBeLessThanOrEqual((small / 1025) * 1.01);
    expect(large).toBeLessThan(3 * 65537);
  });
});
