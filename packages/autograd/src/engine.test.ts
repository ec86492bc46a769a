import { describe, expect, it } from 'vitest';
import * as base from '@descent/tensor';
import { grad } from './backward';
import { noGrad } from './grad-mode';
import { tensor } from './factories';
import type { Tensor } from './tensor';

const FREED =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

describe('backward engine', () => {
  it('runs a chain of 100,000 ops without overflowing the stack', () => {
    const x = tensor([1], { dtype: 'float64', requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1);
    y.sum().backward();
    // d(x + 100000)/dx = 1
    expect(x.grad!.item()).toBe(1);
    expect(y.item()).toBe(100_001);
  });

  it('runs grad() through a chain of 100,000 recorded ops (tensor operands, saved tensors)', () => {
    const x = tensor([2], { dtype: 'float64', requiresGrad: true });
    const minusOne = tensor([-1], { dtype: 'float64' });
    let y = x;
    for (let i = 0; i < 33_334; i++) y = y.mul(minusOne).exp().log(); // 100,002 ops
    // y = (−1)^33334 · x = x, so dy/dx = 1 (up to the rounding of exp/log)
    const [g] = grad(y.sum(), [x]);
    expect(g!.item()).toBeCloseTo(1, 6);
  });

  it('sums the gradients of every path into a node (diamond graph)', () => {
    const x = tensor(3, { dtype: 'float64', requiresGrad: true });
    const a = x.mul(2);
    const y = a.mul(a).add(a); // y = 4x² + 2x, dy/dx = 8x + 2 = 26
    y.backward();
    expect(x.grad!.item()).toBe(26);
  });

  it('accumulates into .grad across backward calls until it is reset', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([6, 6]);
    x.grad = null;
    x.mul(x).sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([2, 4]);
  });

  it('does not alias the stored .grad with the seed gradient', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const seed = tensor([1, 1], { dtype: 'float64' });
    x.add(0).backward(seed);
    x.add(0).backward(seed);
    expect(Array.from(seed.toTypedArray())).toEqual([1, 1]);
    expect(Array.from(x.grad!.toTypedArray())).toEqual([2, 2]);
  });

  it('recycles the implicit seed of a plain pass, never a .grad made from it (issue #23)', () => {
    const { acquireArray, recycleArray } = base;
    /** Tops the one-element float32 bucket with marker arrays (-3), so what a pass gives back comes out first. */
    const markers = (): void => {
      for (let i = 0; i < 4; i++) recycleArray('float32', new Float32Array(1).fill(-3));
    };
    // A leaf loss: its .grad is a copy of the seed; the seed (ones) goes back to the pools last.
    const leaf = tensor(3, { requiresGrad: true });
    markers();
    leaf.backward();
    const reused = acquireArray('float32', 1, false);
    expect(reused[0]).toBe(1);
    reused.fill(-7);
    expect(leaf.grad!.item()).toBe(1);
    // A retained root whose rule passes the seed straight on to a leaf: both .grads survive.
    const w = tensor(2, { requiresGrad: true });
    const root = w.mul(1);
    root.retainGrad();
    markers();
    root.backward();
    for (let i = 0; i < 4; i++) acquireArray('float32', 1, false).fill(-7);
    expect(root.grad!.item()).toBe(1);
    expect(w.grad!.item()).toBe(1);
    // A seed the caller passed is never recycled.
    const seed = tensor(5);
    markers();
    w.mul(1).backward(seed);
    for (let i = 0; i < 4; i++) acquireArray('float32', 1, false).fill(-7);
    expect(seed.item()).toBe(5);
    expect(w.grad!.item()).toBe(6);
  });

  it('frees saved tensors: a second backward through them throws', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(new Error(FREED));
  });

  it('allows a second backward with retainGraph', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([4, 8]);
  });

  it('allows a second backward through nodes that saved nothing (as PyTorch)', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.add(1).sum();
    y.backward();
    y.backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([2, 2]);
  });

  it('keeps .grad of a non-leaf only after retainGrad()', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(2);
    const k = x.mul(3);
    h.retainGrad();
    h.mul(k).sum().backward();
    // d(h·k)/dh = k = 3x
    expect(Array.from(h.grad!.toTypedArray())).toEqual([3, 6]);
    expect(h.retainsGrad).toBe(true);
    expect(k.grad).toBeNull();
  });

  it('records nothing under noGrad', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
  });
});

describe('version counter', () => {
  it('catches an in-place change of a saved output', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.exp();
    const z = y.sum();
    noGrad(() => y.add_(1));
    expect(() => z.backward()).toThrow(
      new Error(
        'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
      ),
    );
  });

  it.each([
    ['an in-place op with grad mode on', (h: Tensor) => h.mul_(2)],
    ['an in-place op through a view', (h: Tensor) => h.narrow(0, 1, 2).mul_(2)],
  ])('names the op that saved the output when %s rebased it (PyTorch 1.13)', (_n, op) => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.sigmoid();
    op(h);
    expect(() => h.sum().backward()).toThrow(
      new Error(
        'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
      ),
    );
  });

  it('names a saved non-leaf input by its current history (PyTorch 1.13)', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const w = tensor([1, 1, 1], { requiresGrad: true });
    const h = x.exp();
    const y = h.mul(w).sum();
    h.add_(1);
    expect(() => y.backward()).toThrow(
      /\[torch\.FloatTensor \[3\]\], which is output 0 of AddBackward0, is at version 1/,
    );
  });

  it('catches an in-place change of a saved leaf', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const x = tensor([4, 5, 6]);
    noGrad(() => x.add_(0)); // version 1
    const y = w.mul(x).sum();
    x.mul_(2); // version 2
    expect(() => y.backward()).toThrow(
      new Error(
        'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]] is at version 2; expected version 1 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
      ),
    );
  });

  const versionError = (type: string, shape: string): Error =>
    new Error(
      `one of the variables needed for gradient computation has been modified by an inplace operation: [${type} [${shape}]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
    );

  it('catches an in-place change of a saved index (gather, indexSelect)', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    const index = tensor([[1], [0]], { dtype: 'int32' });
    const y = x.gather(1, index).sum();
    const z = x.indexSelect(0, index.flatten()).sum();
    index.add_(0);
    // PyTorch 1.13 prints the same for an int32 index.
    expect(() => y.backward()).toThrow(versionError('torch.IntTensor', '2, 1'));
    expect(() => z.backward()).toThrow(versionError('torch.IntTensor', '2'));
  });

  it('catches an in-place change of a saved mask or condition (maskedFill, where)', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const mask = tensor([true, false]);
    const y = x.maskedFill(mask, 0).sum();
    const z = x.where(mask, x.mul(2)).sum();
    mask.copy_(tensor([false, true]));
    expect(() => y.backward()).toThrow(versionError('CPUBoolType', '2'));
    expect(() => z.backward()).toThrow(versionError('CPUBoolType', '2'));
  });
});

describe('freeing saved tensors', () => {
  it.each([
    ['gather', (x: Tensor) => x.gather(0, tensor([1, 0], { dtype: 'int32' }))],
    ['indexSelect', (x: Tensor) => x.indexSelect(0, tensor([1, 1], { dtype: 'int32' }))],
    ['maskedFill', (x: Tensor) => x.maskedFill(tensor([true, false]), 0)],
    ['where', (x: Tensor) => x.where(tensor([true, false]), 0)],
  ])('a second backward through %s fails (its index or mask was freed), as PyTorch', (_n, f) => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = f(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(new Error(FREED));
  });
});
