import { describe, expect, it } from 'vitest';
import { arange, tensor } from './index';
import { inScope, keep, markPersistent, scope } from './scope';
import type { Storage } from './storage';

/** Whether the pools still count `storage`'s array as lent out (false once a scope gave it back). */
const lentOut = (storage: Storage): boolean => storage.pooled && storage.data.length > 0;

describe('scope (issue #23)', () => {
  it('recycles what was made inside and not returned; the next scope gets the same arrays back', () => {
    const x = arange(6).reshape([2, 3]);
    let inner: Storage | null = null;
    const y = scope(() => {
      const t = x.add(1);
      inner = t.storage;
      return t.mul(2).sum().item();
    });
    expect(y).toBe(2 * (15 + 6));
    // Given back to the pools (no longer lent), and the next same-sized result reuses it.
    expect(lentOut(inner!)).toBe(false);
    const again = scope(() => x.add(1).tolist());
    expect(again).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(x.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('keeps the returned tensors, arrays and objects of them, and views of them', () => {
    const x = tensor([1, 2, 3, 4]);
    const { a, list } = scope(() => ({ a: x.mul(10), list: [x.add(1), x.sub(1).view([2, 2])] }));
    // Fill the pools' buckets with other results, which must not land in the kept arrays.
    scope(() => x.neg().add(x.neg()).mul(x.neg()));
    expect(a.tolist()).toEqual([10, 20, 30, 40]);
    expect(list[0]!.tolist()).toEqual([2, 3, 4, 5]);
    expect(list[1]!.tolist()).toEqual([[0, 1], [2, 3]]);
    const view = scope(() => x.mul(3).view([2, 2]).transpose(0, 1));
    scope(() => x.mul(-1).add(7));
    expect(view.tolist()).toEqual([[3, 9], [6, 12]]);
  });

  it('hands what an inner scope returns to the outer one, which recycles it unless it returns it too', () => {
    const x = tensor([1, 2, 3]);
    let fromInner: Storage | null = null;
    const outer = scope(() => {
      const t = scope(() => x.add(1));
      fromInner = t.storage;
      expect(lentOut(fromInner)).toBe(true); // still alive inside the outer scope
      const kept = scope(() => x.mul(t));
      return kept;
    });
    expect(lentOut(fromInner!)).toBe(false);
    expect(outer.tolist()).toEqual([2, 6, 12]);
  });

  it('never recycles kept or persistent storages, nor arrays made before the scope', () => {
    const x = tensor([1, 2]);
    let held: ReturnType<typeof x.add> | null = null;
    let marked: ReturnType<typeof x.add> | null = null;
    scope(() => {
      held = keep(x.add(5));
      marked = x.add(7);
      markPersistent(marked);
      // A storage born here around an older array (as flat optimizer buffers do) is not the scope's.
      x.view([2]);
    });
    scope(() => [x.add(100), x.add(200), x.add(300)]);
    expect(held!.tolist()).toEqual([6, 7]);
    expect(marked!.tolist()).toEqual([8, 9]);
    expect(x.tolist()).toEqual([1, 2]);
  });

  it('an exception restores the scope state and recycles nothing', () => {
    const x = tensor([1, 2, 3]);
    let made: Storage | null = null;
    expect(() =>
      scope(() => {
        made = x.add(1).storage;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(inScope()).toBe(false);
    expect(lentOut(made!)).toBe(true);
    expect(Array.from(made!.data)).toEqual([2, 3, 4]);
    // Nested: the inner failure hands its storages to the outer scope, which recycles them.
    scope(() => {
      try {
        scope(() => {
          made = x.add(2).storage;
          throw new RangeError('inner');
        });
      } catch (error) {
        expect((error as Error).message).toBe('inner');
      }
      expect(inScope()).toBe(true);
    });
    expect(lentOut(made!)).toBe(false);
  });

  it('rejects a non-function and an async function, naming what it got', () => {
    expect(() => scope(42 as unknown as () => void)).toThrow('scope(): fn must be a function, got number');
    expect(() => scope(() => Promise.resolve(1))).toThrow('scope(): fn returned a Promise');
    expect(inScope()).toBe(false);
  });
});
