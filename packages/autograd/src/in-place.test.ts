import { describe, expect, it } from 'vitest';
import { enableGrad, noGrad } from './grad-mode';
import { tensor } from './factories';

const LEAF = new Error('a leaf Variable that requires grad is being used in an in-place operation.');

describe('in-place ops under autograd', () => {
  it.each([
    ['add_', (t: ReturnType<typeof tensor>) => t.add_(1)],
    ['mul_', (t: ReturnType<typeof tensor>) => t.mul_(2)],
    ['zero_', (t: ReturnType<typeof tensor>) => t.zero_()],
    ['copy_', (t: ReturnType<typeof tensor>) => t.copy_(tensor([0, 0]))],
    ['uniform_', (t: ReturnType<typeof tensor>) => t.uniform_()],
  ])('refuses %s on a leaf that requires grad', (_name, op) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => op(w)).toThrow(LEAF);
    expect(Array.from(w.toTypedArray())).toEqual([1, 2]);
  });

  it('allows in-place ops on a leaf under noGrad (optimizer updates) and bumps the version', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    noGrad(() => w.sub_(tensor([0.5, 0.5])));
    expect(Array.from(w.toTypedArray())).toEqual([0.5, 1.5]);
    expect(w.storage.version).toBe(1);
    expect(() => noGrad(() => enableGrad(() => w.add_(1)))).toThrow(LEAF);
  });

  it('rebases the history of a non-leaf onto the in-place op', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(3);
    h.mul_(x); // h = 3x², dh/dx = 6x
    h.add_(1);
    expect(h.gradFn!.name).toBe('AddBackward0');
    h.sum().backward();
    expect(Array.from(h.toTypedArray())).toEqual([4, 13]);
    expect(Array.from(x.grad!.toTypedArray())).toEqual([6, 12]);
  });

  it('makes a plain tensor require grad when an operand does', () => {
    const w = tensor([2, 3], { dtype: 'float64', requiresGrad: true });
    const buffer = tensor([1, 1], { dtype: 'float64' });
    buffer.mul_(w);
    expect(buffer.requiresGrad).toBe(true);
    buffer.sum().backward();
    expect(Array.from(w.grad!.toTypedArray())).toEqual([1, 1]);
  });

  it('refuses in-place ops on a differentiable view', () => {
    const x = tensor([1, 2, 3, 4], { requiresGrad: true });
    const v = x.mul(1).reshape([2, 2]);
    expect(() => v.add_(1)).toThrow(
      new Error(
        'in-place operation on a view (or on a tensor that has a view) that requires grad is not supported by @descent/autograd; use the out-of-place op instead',
      ),
    );
  });

  it('refuses random fills of a non-leaf that requires grad', () => {
    const h = tensor([1, 2], { requiresGrad: true }).mul(2);
    expect(() => h.normal_()).toThrow(
      new Error('normal_: in-place random fill of a tensor that requires grad is not supported; fill a detached tensor instead'),
    );
  });
});
