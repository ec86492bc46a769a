import { describe, expect, it } from 'vitest';
import { pooledArrayBytes } from '@descent/tensor';
import { gradOf, dropGrad } from './scope-grads';
import { tensor } from './factories';
import { scope } from '@descent/tensor';

/**
 * Issue #23: an engine-made `.grad` that nobody outside the library read goes back to the storage
 * pools when it is dropped; one read through the public getter keeps its values.
 */
describe('dropping a .grad', () => {
  // A length no other test array has, so the pool's bucket for it is this test's alone.
  const N = 7919;
  const loss = (w: ReturnType<typeof tensor>) => w.mul(w).sum();
  const weights = () => tensor(Array.from({ length: N }, (_, i) => (i % 13) - 6), { requiresGrad: true });

  it('recycles a .grad the engine made and nobody read: its storage is emptied and its bytes are pooled', () => {
    const w = weights();
    loss(w).backward();
    const grad = gradOf(w)!;
    expect(grad.storage.data.length).toBe(N);
    const pooled = pooledArrayBytes();
    dropGrad(w);
    expect(w.grad).toBeNull();
    expect(grad.storage.data.length).toBe(0);
    expect(pooledArrayBytes()).toBe(pooled + N * 4);
  });

  it('`p.grad = null` recycles it too, and so does replacing it with another tensor', () => {
    const w = weights();
    loss(w).backward();
    const first = gradOf(w)!;
    w.grad = null;
    expect(first.storage.data.length).toBe(0);
    loss(w).backward();
    const second = gradOf(w)!;
    w.grad = tensor(new Array<number>(N).fill(1));
    expect(second.storage.data.length).toBe(0);
    expect(Array.from(w.grad.toTypedArray()).every((v) => v === 1)).toBe(true);
  });

  it('keeps a .grad read through the public getter: the reference stays valid, with its values', () => {
    const w = weights();
    loss(w).backward();
    const seen = w.grad!;
    const expected = Array.from({ length: N }, (_, i) => 2 * ((i % 13) - 6));
    const pooled = pooledArrayBytes();
    dropGrad(w);
    w.grad = null;
    expect(pooledArrayBytes()).toBe(pooled);
    // The next backward takes arrays from the pools: none may be the user's.
    loss(w.mul(3)).backward();
    expect(Array.from(seen.toTypedArray())).toEqual(expected);
  });

  it('keeps a .grad read before a second backward accumulated into it', () => {
    const w = weights();
    loss(w).backward();
    const seen = w.grad!;
    loss(w).backward(); // accumulates in place into the same tensor
    w.grad = null;
    loss(w).backward();
    expect(Array.from(seen.toTypedArray())).toEqual(Array.from({ length: N }, (_, i) => 4 * ((i % 13) - 6)));
  });

  it('a recycled array comes back as the next .grad, with the right values', () => {
    const w = weights();
    for (let step = 1; step <= 3; step++) {
      loss(w.mul(step)).backward();
      // d/dw sum((s·w)²) = 2 s² w
      expect(Array.from(gradOf(w)!.toTypedArray())).toEqual(Array.from({ length: N }, (_, i) => 2 * step * step * ((i % 13) - 6)));
      dropGrad(w);
    }
  });

  it('inside a scope, a dropped .grad is handed to the scope, which keeps it when the result reaches it', () => {
    const w = weights();
    const kept = scope(() => {
      loss(w).backward();
      const g = gradOf(w)!;
      dropGrad(w);
      // Not recycled yet: the scope decides at its end.
      expect(g.storage.data.length).toBe(N);
      return g;
    });
    expect(kept.storage.data.length).toBe(N);
  });
});
