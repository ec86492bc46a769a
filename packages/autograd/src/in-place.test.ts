import { Tensor as BaseTensor } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { enableGrad, noGrad } from './grad-mode';
import { tensor } from './factories';
import { gradcheck } from './gradcheck';
import { Tensor } from './tensor';

const LEAF = new Error(
  'a leaf Variable that requires grad is being used in an in-place operation.',
);

/** Every differentiable in-place op of @descent/tensor, applied to a tensor of positive values. */
const IN_PLACE: Array<[string, (t: Tensor, other: Tensor) => unknown]> = [
  ['add_', (t, o) => t.add_(o)],
  ['sub_', (t, o) => t.sub_(o)],
  ['mul_', (t, o) => t.mul_(o)],
  ['div_', (t, o) => t.div_(o)],
  ['pow_', (t, o) => t.pow_(o)],
  ['maximum_', (t, o) => t.maximum_(o)],
  ['minimum_', (t, o) => t.minimum_(o)],
  ['neg_', (t) => t.neg_()],
  ['abs_', (t) => t.abs_()],
  ['exp_', (t) => t.exp_()],
  ['log_', (t) => t.log_()],
  ['log1p_', (t) => t.log1p_()],
  ['expm1_', (t) => t.expm1_()],
  ['sqrt_', (t) => t.sqrt_()],
  ['rsqrt_', (t) => t.rsqrt_()],
  ['reciprocal_', (t) => t.reciprocal_()],
  ['sin_', (t) => t.sin_()],
  ['cos_', (t) => t.cos_()],
  ['tanh_', (t) => t.tanh_()],
  ['sigmoid_', (t) => t.sigmoid_()],
  ['relu_', (t) => t.relu_()],
  ['sign_', (t) => t.sign_()],
  ['floor_', (t) => t.floor_()],
  ['ceil_', (t) => t.ceil_()],
  ['clamp_', (t) => t.clamp_(0.8, 1.6)],
  ['clip_', (t) => t.clip_(0.8, 1.6)],
  ['indexPut_', (t, o) => t.indexPut_([tensor([0, 2], { dtype: 'int32' })], o.narrow(0, 0, 2))],
  ['fill_', (t) => t.fill_(2)],
  ['zero_', (t) => t.zero_()],
  ['copy_', (t, o) => t.copy_(o)],
  ['addcmul_', (t, o) => t.addcmul_(o, o, 0.5)],
  ['addcdiv_', (t, o) => t.addcdiv_(o, o.add(1), 0.5)],
  ['lerp_', (t, o) => t.lerp_(o, 0.3)],
  ['maskedFill_', (t) => t.maskedFill_(tensor([true, false, true]), 3)],
];

describe('in-place ops under autograd', () => {
  it('overrides every in-place op of @descent/tensor', () => {
    const inPlace = Object.getOwnPropertyNames(BaseTensor.prototype).filter(
      (name) => name.endsWith('_') && name !== 'view_',
    );
    const missing = inPlace.filter((name) => !Object.hasOwn(Tensor.prototype, name));
    expect(missing).toEqual([]);
    const random = ['uniform_', 'normal_', 'bernoulli_'];
    expect(inPlace.filter((n) => !random.includes(n)).sort()).toEqual(
      IN_PLACE.map(([n]) => n).sort(),
    );
  });

  it.each(IN_PLACE)('refuses %s on a leaf that requires grad, values unchanged', (_name, op) => {
    const w = tensor([1.5, 0.5, 1.25], { requiresGrad: true });
    expect(() => op(w, tensor([0.75, 2, 1.1]))).toThrow(LEAF);
    expect(Array.from(w.toTypedArray())).toEqual([1.5, 0.5, 1.25]);
  });

  it.each(IN_PLACE)(
    '%s on a non-leaf gives the gradients of its out-of-place form',
    (_name, op) => {
      // Values away from the kinks of relu/clamp/floor/maximum, so finite differences are valid.
      const x = tensor([1.3, 0.55, 1.7], { dtype: 'float64', requiresGrad: true });
      const o = tensor([0.7, 2.1, 1.15], { dtype: 'float64', requiresGrad: true });
      const f = (a: Tensor, b: Tensor): Tensor => {
        const h = a.mul(1);
        op(h, b);
        return h.mul(a);
      };
      expect(gradcheck(f, [x, o])).toBe(true);
    },
  );

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

  it('keeps retainGrad on a tensor whose history was rebased', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(1);
    h.retainGrad();
    h.mul_(2);
    h.mul(3).sum().backward();
    expect(Array.from(h.grad!.toTypedArray())).toEqual([3, 3]);
    expect(Array.from(x.grad!.toTypedArray())).toEqual([6, 6]);
  });

  it('makes a plain tensor require grad when an operand does', () => {
    const w = tensor([2, 3], { dtype: 'float64', requiresGrad: true });
    const buffer = tensor([1, 1], { dtype: 'float64' });
    buffer.mul_(w);
    expect(buffer.requiresGrad).toBe(true);
    buffer.sum().backward();
    expect(Array.from(w.grad!.toTypedArray())).toEqual([1, 1]);
  });

  it('an in-place op through a view rebases the base (CopySlices)', () => {
    const x = tensor([1, 2, 3, 4], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(1);
    const v = h.narrow(0, 1, 2);
    v.mul_(3);
    expect(h.gradFn!.name).toBe('CopySlices');
    expect(v.requiresGrad).toBe(true);
    expect(Array.from(h.toTypedArray())).toEqual([1, 6, 9, 4]);
    h.sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([1, 3, 3, 1]);
  });

  it('sends gradient to an operand written through a view', () => {
    const w = tensor([5, 7], { dtype: 'float64', requiresGrad: true });
    const buffer = tensor(
      [
        [1, 1],
        [1, 1],
      ],
      { dtype: 'float64' },
    );
    buffer.select(0, 1).add_(w.mul(w));
    expect(buffer.requiresGrad).toBe(true);
    buffer.sum().backward();
    expect(Array.from(w.grad!.toTypedArray())).toEqual([10, 14]);
  });

  it('regenerates the history of another view of the same base', () => {
    const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const h = x.mul(1);
    const a = h.narrow(0, 0, 2);
    const b = h.narrow(0, 1, 2);
    b.mul_(2); // h = [x0, 2·x1, 2·x2], so a = [x0, 2·x1]
    a.sum().backward();
    expect(Array.from(x.grad!.toTypedArray())).toEqual([1, 2, 0]);
  });

  it('a view made before its base came to require grad records ops afterwards', () => {
    const w = tensor([2, 3], { dtype: 'float64', requiresGrad: true });
    const buffer = tensor([1, 1, 1, 1], { dtype: 'float64' });
    const head = buffer.narrow(0, 0, 2);
    const tail = buffer.narrow(0, 2, 2);
    tail.mul_(w); // buffer now requires grad; head was made before
    expect(head.isLeaf).toBe(false);
    expect(head.toString()).toBe(
      'tensor([1., 1.], dtype=torch.float64, grad_fn=<AsStridedBackward0>)',
    );
    expect(head.mul(2).requiresGrad).toBe(true);
    tail.mul(head).sum().backward(); // = Σ w·1, d/dw = 1
    expect(Array.from(w.grad!.toTypedArray())).toEqual([1, 1]);
  });

  it('refuses in-place ops on a view of a leaf that requires grad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.narrow(0, 0, 1).add_(1)).toThrow(
      new Error(
        'a view of a leaf Variable that requires grad is being used in an in-place operation.',
      ),
    );
  });

  it('refuses writes through a view with overlapping elements', () => {
    const h = tensor([1], { requiresGrad: true }).mul(1);
    expect(() => h.expand([3]).add_(1)).toThrow(
      new Error(
        'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.',
      ),
    );
  });

  it('in-place ops through views pass gradcheck (transposed and sliced windows)', () => {
    const x = tensor(
      [
        [0.5, -1, 2],
        [1.5, 0.3, -0.7],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const w = tensor([0.2, -0.4], { dtype: 'float64', requiresGrad: true });
    const f = (a: Tensor, b: Tensor): Tensor => {
      const h = a.mul(a);
      h.t().select(0, 1).mul_(b); // column 1 of h scaled by b
      h.slice(1, 0, 3, 2).add_(b.unsqueeze(1)); // columns 0 and 2 shifted by b
      return h.exp();
    };
    expect(gradcheck(f, [x, w])).toBe(true);
  });

  it('refuses random fills of a non-leaf that requires grad', () => {
    const h = tensor([1, 2], { requiresGrad: true }).mul(2);
    expect(() => h.normal_()).toThrow(
      new Error(
        'normal_: in-place random fill of a tensor that requires grad is not supported; fill a detached tensor instead',
      ),
    );
  });
});
