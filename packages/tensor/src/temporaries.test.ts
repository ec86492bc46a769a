import { describe, expect, it } from 'vitest';
import { randn, tensor, Generator } from './index';
import type { Tensor } from './tensor';
import { acquireArray } from './storage-pool';
import { watchStorageBirths, type Storage } from './storage';
import { withTemporaries } from './temporaries';
import { MAX } from './kernels/reduce';
import { reduceWith } from './ops/reduction';

/** The composed formulas the methods run, op by op with nothing recycled: the values to match bit for bit. */
function shift(x: Tensor, dim: number): Tensor {
  const m = reduceWith(x, MAX, [dim], true, x.dtype);
  const data = m.storage.data;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) data[i] = 0;
  return m;
}
const byHand = {
  softmax: (x: Tensor, d: number) => {
    const e = x.sub(shift(x, d)).exp();
    return e.div(e.sum(d, true));
  },
  logSoftmax: (x: Tensor, d: number) => {
    const s = x.sub(shift(x, d));
    return s.sub(s.exp().sum(d, true).log());
  },
  logsumexp: (x: Tensor, d: number) => {
    const m = shift(x, d);
    return x.sub(m).exp().sum(d, true).log().add(m).reshape(x.shape.filter((_, i) => i !== d));
  },
};

/** Overwrites whatever the pools hold now with garbage, so a result that shared a recycled array would change. */
function scribble(): void {
  const arrays = [];
  for (let i = 0; i < 64; i++) arrays.push(acquireArray('float32', [1, 4, 24, 96, 120][i % 5]!, false));
  for (const a of arrays) a.fill(-12345);
}

describe('withTemporaries: a composed op gives its temporaries back (issue #23)', () => {
  const x = randn([4, 6, 5], { generator: new Generator().manualSeed(3) }).mul(4);
  for (const name of ['softmax', 'logSoftmax', 'logsumexp'] as const) {
    for (const d of [0, 1, 2]) {
      it(`${name}(${d}) is bit for bit the composed formula, keeps its result, and recycles the rest`, () => {
        const expected = Array.from(byHand[name](x, d).toTypedArray());
        const born: Storage[] = [];
        const previous = watchStorageBirths((s) => void born.push(s));
        let out: Tensor;
        try {
          out = x[name](d);
        } finally {
          watchStorageBirths(previous);
        }
        // The caller's watcher hears of the result only; the temporaries are back in the pools.
        expect(born).toEqual([out.storage]);
        scribble();
        expect(Array.from(out.toTypedArray())).toEqual(expected);
      });
    }
  }

  it('keeps a result that is a view of what the body made, and recycles nothing when the body throws', () => {
    const base = tensor([[1, 2], [3, 4]]);
    let inner: Storage | null = null;
    const view = withTemporaries(() => {
      const t = base.add(1);
      inner = t.storage;
      return t.mul(2).transpose(0, 1);
    });
    expect(inner!.pooled).toBe(false); // t was a temporary: recycled
    scribble();
    expect(view.tolist()).toEqual([[4, 8], [6, 10]]);
    let thrown: Storage | null = null;
    expect(() =>
      withTemporaries(() => {
        thrown = base.add(1).storage;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(thrown!.pooled && thrown!.data.length === 4).toBe(true);
  });
});
