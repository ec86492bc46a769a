import { describe, expect, it } from 'vitest';
import { arange, cat, eye, linspace, ones, stack, tensor, where, zeros } from '../src/index';

const list = (t: { tolist(): unknown }): unknown => t.tolist();

describe('dtype promotion', () => {
  it.each([
    [tensor([1], { dtype: 'float32' }).add(tensor([1], { dtype: 'float64' })).dtype, 'float64'],
    [tensor([1], { dtype: 'int32' }).add(tensor([1.5])).dtype, 'float32'],
    [tensor([1], { dtype: 'float32' }).add(2.5).dtype, 'float32'],
    [tensor([3], { dtype: 'int32' }).add(2).dtype, 'int32'],
    [tensor([3], { dtype: 'int32' }).add(0.5).dtype, 'float32'],
    [tensor([3], { dtype: 'int32' }).div(tensor([2], { dtype: 'int32' })).dtype, 'float32'],
    [tensor([1]).lt(2).dtype, 'bool'],
  ])('gives %s (expected %s)', (got, want) => {
    expect(got).toBe(want);
  });

  it('rounds a JS number to float32 before a float32 op, as PyTorch', () => {
    // float32(0.1) = 0.100000001490116…; 3 · that rounds to float32 0.3 (0.30000001192…).
    expect(tensor([3]).mul(0.1).item()).toBe(Math.fround(3 * Math.fround(0.1)));
  });
});

describe('reductions and softmax', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float64' });
  it.each([
    ['sum()', x.sum(), 21],
    ['mean()', x.mean(), 3.5],
    ['prod()', x.prod(), 720],
    ['max()', x.max(), 6],
    ['var()', x.var(), 3.5], // Σ(x − 3.5)² = 17.5, / (6 − 1)
    ['var(correction 0)', x.var(undefined, { correction: 0 }), 17.5 / 6],
    ['norm()', x.norm(), Math.sqrt(91)],
    ['norm(1)', x.norm(1), 21],
    ['norm(inf)', x.norm(Infinity), 6],
  ])('%s', (_label, got, want) => {
    expect(got.item()).toBeCloseTo(want, 12);
  });

  it('reduces over dims with keepdim', () => {
    expect(list(x.sum(1))).toEqual([6, 15]);
    expect(list(x.sum([0, 1], true))).toEqual([[21]]);
    expect(list(x.mean(-2))).toEqual([2.5, 3.5, 4.5]);
    expect(list(x.cumsum(1))).toEqual([[1, 3, 6], [4, 9, 15]]);
  });

  it('returns values and first indices of max/min along a dim', () => {
    const t = tensor([[3, 7, 7], [2, 2, 1]]);
    const { values, indices } = t.max(1);
    expect(list(values)).toEqual([7, 2]);
    expect(list(indices)).toEqual([1, 0]);
    expect(list(t.argmin(1))).toEqual([0, 2]);
    expect(t.argmax().item()).toBe(1);
  });

  it('computes softmax, logSoftmax and logsumexp stably for huge logits', () => {
    const big = tensor([1000, 1001, 1002], { dtype: 'float64' });
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const s = e[0]! + e[1]! + e[2]!;
    (big.softmax(0).tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(e[i]! / s, 14));
    expect(big.logsumexp(0).item()).toBeCloseTo(1002 + Math.log(s), 10);
    (big.logSoftmax(0).tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(Math.log(e[i]! / s), 12));
  });
});

describe('matmul shapes', () => {
  const a = arange(6).reshape([2, 3]);
  const b = arange(12).reshape([3, 4]);
  it.each([
    ['1-D · 1-D', arange(3).matmul(arange(3)).shape, []],
    ['2-D · 1-D', a.matmul(arange(3)).shape, [2]],
    ['1-D · 2-D', arange(3).matmul(b).shape, [4]],
    ['batched · 2-D', ones([5, 2, 3]).matmul(b).shape, [5, 2, 4]],
    ['broadcast batches', ones([5, 1, 2, 3]).matmul(ones([4, 3, 2])).shape, [5, 4, 2, 2]],
  ])('%s', (_l, got, want) => {
    expect([...got]).toEqual(want);
  });
  it('computes a small product by hand', () => {
    // [[0,1,2],[3,4,5]] · [[0..3],[4..7],[8..11]]
    expect(list(a.matmul(b))).toEqual([[20, 23, 26, 29], [56, 68, 80, 92]]);
  });
});

describe('creation, joining and indexing', () => {
  it('builds ranges and identities', () => {
    expect(list(arange(1, 2, 0.25))).toEqual([1, 1.25, 1.5, 1.75]);
    expect(list(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(list(eye(2))).toEqual([[1, 0], [0, 1]]);
  });
  it('concatenates, stacks, splits and chunks', () => {
    expect(list(cat([ones([1, 2]), zeros([2, 2])]))).toEqual([[1, 1], [0, 0], [0, 0]]);
    expect([...stack([ones([2]), zeros([2])], 1).shape]).toEqual([2, 2]);
    expect(arange(5).split(2).map((t) => t.tolist())).toEqual([[0, 1], [2, 3], [4]]);
    expect(arange(6).chunk(3).length).toBe(3);
  });
  it('gathers, selects, masks and picks', () => {
    const t = tensor([[1, 2], [3, 4]]);
    expect(list(t.gather(1, tensor([[0, 0], [1, 0]], { dtype: 'int32' })))).toEqual([[1, 1], [4, 3]]);
    expect(list(t.indexSelect(0, tensor([1, 0, 1], { dtype: 'int32' })))).toEqual([[3, 4], [1, 2], [3, 4]]);
    expect(list(t.maskedFill(t.gt(2), -1))).toEqual([[1, 2], [-1, -1]]);
    expect(list(where(t.gt(2), t, 0))).toEqual([[0, 0], [3, 4]]);
  });
});

describe('in-place ops', () => {
  it('update in place, bump the version and return the same tensor', () => {
    const t = tensor([1, 2, 3]);
    const v = t.storage.version;
    expect(t.add_(1).mul_(2)).toBe(t);
    expect(list(t)).toEqual([4, 6, 8]);
    expect(t.storage.version).toBe(v + 2);
    t.addcmul_(tensor([1, 1, 1]), tensor([2, 2, 2]), 0.5).addcdiv_(tensor([2, 2, 2]), tensor([4, 4, 4]), 2);
    expect(list(t)).toEqual([6, 8, 10]);
    t.lerp_(tensor([0, 0, 0]), 0.5);
    expect(list(t)).toEqual([3, 4, 5]);
  });
  it('views a 0-d tensor under any one-element shape', () => {
    expect([...tensor(3).reshape([1, 1]).shape]).toEqual([1, 1]);
    expect(tensor(3).view([1]).tolist()).toEqual([3]);
  });
  it('writes through views into the shared storage', () => {
    const t = zeros([2, 3]);
    t.T.slice(0, 1).fill_(7);
    expect(list(t)).toEqual([[0, 7, 7], [0, 7, 7]]);
  });
});

describe('errors worded as PyTorch', () => {
  it.each([
    [() => ones([2, 3]).add(ones([2, 4])), RangeError, 'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1'],
    [() => ones([2, 3]).matmul(ones([4, 5])), RangeError, 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'],
    [() => ones([2, 3]).sum(2), RangeError, 'Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    [() => ones([2, 3]).reshape([4, 4]), RangeError, "shape '[4, 4]' is invalid for input of size 6"],
    [() => ones([2, 3]).T.view([6]), RangeError, "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."],
    [() => tensor([[1, 2], [3]]), RangeError, 'expected sequence of length 2 at dim 1 (got 1)'],
    [() => ones([2]).item(), RangeError, 'a Tensor with 2 elements cannot be converted to Scalar'],
    [() => ones([3], { dtype: 'int32' }).add_(0.5), TypeError, "result type Float can't be cast to the desired output type Int"],
    [() => ones([3]).add_(ones([2, 3])), RangeError, "output with shape [3] doesn't match the broadcast shape [2, 3]"],
    [() => ones([2], { dtype: 'int32' }).mean(), TypeError, 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int'],
  ])('%#: %s', (fn, cls, message) => {
    expect(fn).toThrow(new cls(message));
  });

  it('leaves the input unchanged when an in-place op fails', () => {
    const t = tensor([1, 2, 3]);
    expect(() => t.add_(ones([2, 3]))).toThrow(RangeError);
    expect(list(t)).toEqual([1, 2, 3]);
    expect(t.storage.version).toBe(0);
  });
});

describe('printing', () => {
  it.each([
    [tensor([[1.5, 2], [3, 4]]), 'tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])'],
    [tensor([1, 2]), 'tensor([1., 2.])'],
    [tensor([1, 2], { dtype: 'int32' }), 'tensor([1, 2], dtype=torch.int32)'],
    [tensor(3.5, { dtype: 'float64' }), 'tensor(3.5000, dtype=torch.float64)'],
    [tensor([true, false]), 'tensor([ True, False])'],
    [tensor([1e-5, 1]), 'tensor([1.0000e-05, 1.0000e+00])'],
  ])('prints %s', (t, want) => {
    expect(t.toString()).toBe(want);
  });
});

describe('ops on dtypes they do not support', () => {
  const b = tensor([1, 0], { dtype: 'bool' });
  it.each<[string, () => unknown, ErrorConstructor, string]>([
    ['bool − bool', () => b.sub(b), TypeError, 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.'],
    ['bool −= bool', () => b.clone().sub_(b), TypeError, 'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.'],
    ['−bool', () => b.neg(), TypeError, 'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.'],
    ['int32 sqrt_', () => tensor([4], { dtype: 'int32' }).sqrt_(), TypeError, "result type Float can't be cast to the desired output type Int"],
    ['int32 mean', () => tensor([4], { dtype: 'int32' }).mean(), TypeError, 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int'],
  ])('%s throws as PyTorch', (_label, run, cls, message) => {
    expect(run).toThrow(cls);
    expect(run).toThrow(message);
  });
});

describe('dtype conversion', () => {
  // torch.tensor([0.5, -1.7, 0., nan]).bool() → [True, True, False, True]; .int() → [0, -1, 0, 0]
  // (float → int casts truncate toward zero; NaN's int cast is undefined in C++, we give 0).
  it('converts to bool by non-zero, NaN included', () => {
    expect(tensor([0.5, -1.7, 0, NaN]).bool().tolist()).toEqual([1, 1, 0, 1]);
  });
  it('converts to int32 by truncation toward zero', () => {
    expect(tensor([0.5, -1.7, 2.9]).int().tolist()).toEqual([0, -1, 2]);
  });
  it.each([
    ['float32', 'torch.FloatTensor'],
    ['float64', 'torch.DoubleTensor'],
    ['int32', 'torch.IntTensor'],
    ['bool', 'torch.BoolTensor'],
  ] as const)('names a %s tensor %s', (dtype, name) => {
    expect(tensor([1], { dtype }).type()).toBe(name);
    expect(tensor([1]).type(dtype).dtype).toBe(dtype);
  });
});

describe('in-place unary ops', () => {
  it.each<[string, (t: ReturnType<typeof tensor>) => unknown, (x: number) => number]>([
    ['log1p_', (t) => t.log1p_(), Math.log1p],
    ['expm1_', (t) => t.expm1_(), Math.expm1],
    ['rsqrt_', (t) => t.rsqrt_(), (x) => 1 / Math.sqrt(x)],
    ['reciprocal_', (t) => t.reciprocal_(), (x) => 1 / x],
    ['sin_', (t) => t.sin_(), Math.sin],
    ['cos_', (t) => t.cos_(), Math.cos],
    ['sign_', (t) => t.sign_(), Math.sign],
    ['floor_', (t) => t.floor_(), Math.floor],
    ['ceil_', (t) => t.ceil_(), Math.ceil],
  ])('%s writes f(x) into a float64 tensor and bumps the version once', (_name, run, f) => {
    const xs = [0.25, 1.5, 3.75];
    const t = tensor(xs, { dtype: 'float64' });
    expect(run(t)).toBe(t);
    expect(t.storage.version).toBe(1);
    expect(t.tolist()).toEqual(xs.map(f));
  });
});

describe('failed in-place ops leave their inputs unchanged', () => {
  it.each<[string, (t: ReturnType<typeof tensor>) => unknown]>([
    ['addcmul_ with a non-broadcastable tensor', (t) => t.addcmul_(ones([2, 3]), ones([3]))],
    ['copy_ from a larger shape', (t) => t.copy_(ones([4]))],
    ['clamp_ without bounds', (t) => t.clamp_()],
  ])('%s throws and writes nothing', (_label, run) => {
    const t = tensor([1, 2, 3]);
    expect(() => run(t)).toThrow();
    expect(t.tolist()).toEqual([1, 2, 3]);
    expect(t.storage.version).toBe(0);
  });

  it('copy_ into bool treats any non-zero value (and NaN) as true, as torch', () => {
    // torch.zeros(4, dtype=torch.bool).copy_(torch.tensor([0.5, 0., -2., nan])) → [T, F, T, T]
    const b = zeros([4], { dtype: 'bool' }).copy_(tensor([0.5, 0, -2, NaN]));
    expect(b.tolist()).toEqual([1, 0, 1, 1]);
  });
});

describe('edge cases checked against torch 1.13', () => {
  it.each<[string, () => unknown, ErrorConstructor, string]>([
    // torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.float64)
    ['matmul of float32 and float64', () => ones([2, 2]).matmul(ones([2, 2], { dtype: 'float64' })), TypeError, 'expected scalar type Float but found Double'],
    ['mm of float64 and float32', () => ones([2, 2], { dtype: 'float64' }).mm(ones([2, 2])), TypeError, 'expected scalar type Double but found Float'],
    ['dot of float64 and float32', () => ones([2], { dtype: 'float64' }).dot(ones([2])), TypeError, 'dot : expected both vectors to have same dtype, but found Double and Float'],
  ])('%s throws as torch', (_label, run, cls, message) => {
    expect(run).toThrow(new cls(message));
  });

  it.each([
    // torch.tensor(2.).softmax(0) → tensor(1.); .logsumexp(0) → tensor(2.); .sum(0) → tensor(2.)
    ['softmax', tensor(2).softmax(0), 1],
    ['logSoftmax', tensor(2).logSoftmax(0), 0],
    ['logsumexp', tensor(2).logsumexp(0), 2],
    ['sum', tensor(2).sum(0), 2],
    ['mean', tensor(2).mean(-1), 2],
  ])('reduces a 0-d tensor over dim 0 (%s)', (_label, got, want) => {
    expect(got.ndim).toBe(0);
    expect(got.item()).toBe(want);
  });
});
