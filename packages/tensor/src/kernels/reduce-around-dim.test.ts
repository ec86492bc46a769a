import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';

// Σ over every dim but one (a conv bias gradient) has a fast path for contiguous operands; it must
// add in the generic loop's order (row-major over the reduced dims, in float64), so it equals the
// generic loop on a strided copy of the same values and a float64 re-computation in that order.
describe('sum over every dim but one inner dim', () => {
  it.each([
    ['float32', [4, 6, 5, 7], [0, 2, 3]],
    ['float64', [3, 5, 11], [0, 2]],
    ['float32', [2, 3, 4, 5, 6], [0, 1, 3, 4]],
  ] as const)('%s %j over %j', (dtype, shape, dims) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, (_, i) => Math.sin(i * 1.37) * 1e3 + 1e-3 * Math.cos(i));
    const x = tensor(values, { dtype }).reshape([...shape]);
    const k = shape.findIndex((_, d) => !(dims as readonly number[]).includes(d));
    // The same values through a strided layout (not contiguous, not one dense run): the generic loop.
    const last = shape.length - 1;
    const strided = x.transpose(k, last).contiguous().transpose(k, last);
    expect(strided.isContiguous()).toBe(false);
    const fast = Array.from(x.sum([...dims]).storage.data);
    const generic = Array.from(strided.sum([...dims]).storage.data);
    expect(fast).toEqual(generic);
    const data = Array.from(x.storage.data);
    const kept = shape[k] as number;
    const outer = shape.slice(0, k).reduce((a, b) => a * b, 1);
    const inner = shape.slice(k + 1).reduce((a, b) => a * b, 1);
    const reference = Array.from({ length: kept }, (_, c) => {
      let acc = 0;
      for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) acc += data[(o * kept + c) * inner + i] as number;
      return dtype === 'float32' ? Math.fround(acc) : acc;
    });
    expect(fast).toEqual(reference);
  });
});
