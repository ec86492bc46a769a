import { describe, expect, it } from 'vitest';
import { acquireArray, pooledArrayBytes, recycleArray } from './storage-pool';
import { Storage } from './storage';

describe('storage pools', () => {
  it('a storage made right over a lent array is pooled; a second storage over it, or one over a user array, is not', () => {
    const lent = acquireArray('float32', 37);
    const first = new Storage(lent);
    const second = new Storage(lent);
    const user = new Storage(new Float32Array(37));
    expect(first.pooled).toBe(true);
    expect(second.pooled).toBe(false);
    expect(user.pooled).toBe(false);
  });

  it('an array wrapped after a few more were lent is still claimed (ops allocate several results before wrapping them)', () => {
    const values = acquireArray('float32', 5);
    const indices = acquireArray('int32', 5);
    const scratch = acquireArray('float64', 5);
    expect(new Storage(indices).pooled).toBe(true);
    expect(new Storage(values).pooled).toBe(true);
    expect(scratch.length).toBe(5);
  });

  it('a given-back array comes back zero-filled for the same dtype and length, and not for another', () => {
    const a = acquireArray('float32', 41);
    a.fill(3);
    const before = pooledArrayBytes();
    expect(recycleArray('float32', a)).toBe(true);
    expect(pooledArrayBytes()).toBe(before + 41 * 4);
    const other = acquireArray('float64', 41);
    expect(other).not.toBe(a);
    const again = acquireArray('float32', 41);
    expect(again).toBe(a);
    expect(Array.from(again)).toEqual(new Array<number>(41).fill(0));
    expect(pooledArrayBytes()).toBe(before);
    expect(recycleArray('float32', new Float32Array(0))).toBe(false);
  });
});
