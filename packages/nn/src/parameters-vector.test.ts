/**
 * vectorToParameters writes the parameters in place (issue #25): autograd must see the write, so a
 * graph built before it refuses to backpropagate afterwards, as after any other in-place op.
 */
import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Parameter, vectorToParameters } from './index';

describe('vectorToParameters is an in-place write', () => {
  it('bumps the storage version of every parameter it writes', () => {
    const a = new Parameter(tensor([[1, 2], [3, 4]]));
    const b = new Parameter(tensor([5]));
    const before = [a.storage.version, b.storage.version];
    vectorToParameters(tensor([9, 8, 7, 6, 5]), [a, b]);
    expect(a.storage.version).toBeGreaterThan(before[0] as number);
    expect(b.storage.version).toBeGreaterThan(before[1] as number);
    expect(a.tolist()).toEqual([[9, 8], [7, 6]]);
  });

  it('a graph that saved a parameter before the write raises the in-place error on backward', () => {
    const w = new Parameter(tensor([0.5, -1, 2]));
    const y = w.pow(2).sum();
    vectorToParameters(tensor([1, 1, 1]), [w]);
    expect(() => y.backward()).toThrow(/one of the variables needed for gradient computation has been modified by an inplace operation/);
  });
});
