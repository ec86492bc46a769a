import { describe, expect, it } from 'vitest';
import { cat, gradcheck, randn, tensor } from '../src/index';

// The autograd overrides take PyTorch's varargs spellings too, and record the same gradients.
describe('varargs spellings through autograd', () => {
  it('permute(1, 0), flip(0), view(6), reshape(3, 2) and expand(2, 2, 3) are differentiable', () => {
    const x = randn([2, 3], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((t) => t.permute(1, 0).flip(0).view(6).reshape(3, 2).unsqueeze(0).expand(2, 3, 2), [x])).toBe(true);
    expect(x.permute(1, 0).gradFn?.name).toBe('PermuteBackward0');
  });

  it('squeeze([0, 2]) keeps the gradient shape', () => {
    const x = tensor([[[1], [2]]], { dtype: 'float64', requiresGrad: true });
    x.squeeze([0, 2]).mul(tensor([3, 4], { dtype: 'float64' })).sum().backward();
    expect([x.grad!.shape, x.grad!.tolist()]).toEqual([[1, 2, 1], [[[3], [4]]]]);
  });

  it('cat gives an empty operand an empty gradient (torch: grad of shape [45, 0, 9])', () => {
    const a = randn([45, 2, 9], { requiresGrad: true });
    const empty = randn([45, 0, 9], { requiresGrad: true });
    cat([a, empty], 1).sum().backward();
    expect(empty.grad?.shape).toEqual([45, 0, 9]);
  });

  it('reductions of a 0-d tensor over dim 0 pass gradcheck', () => {
    const x = tensor(0.7, { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((t) => t.sum(0).add(t.prod(0, true)).add(t.logsumexp(0)).add(t.cumsum(0)), [x])).toBe(true);
  });
});
