import { describe, expect, it } from 'vitest';
import { arange, cat, eye, linspace, ones, randperm, split, tensor, where, zeros } from '../src/index';
import type { DType, Tensor } from '../src/index';

// Every expected value, dtype and message below is what PyTorch 1.13 (Debian's python3-torch)
// prints for the same call; int64 results of torch are int32 here.
const f64 = { dtype: 'float64' } as const;
const i32 = { dtype: 'int32' } as const;
const bool = { dtype: 'bool' } as const;

describe('result dtype follows torch.result_type', () => {
  it.each<[string, () => Tensor, DType]>([
    // torch.ones(3) + torch.tensor(1., dtype=torch.float64) → float32: a 0-d tensor does not widen
    ['float32[3] + float64 0-d', () => ones([3]).add(tensor(1, f64)), 'float32'],
    ['float64 0-d + float32[3]', () => tensor(1, f64).add(ones([3])), 'float32'],
    // ...but it lifts the category: int32 with a floating 0-d tensor is that float
    ['int32[2] + float64 0-d', () => ones([2], i32).add(tensor(2.5, f64)), 'float64'],
    ['bool[1] + float64 0-d', () => ones([1], bool).add(tensor(2.5, f64)), 'float64'],
    ['bool[1] + int32 0-d', () => ones([1], bool).add(tensor(2, i32)), 'int32'],
    ['float64 0-d + float32 0-d', () => tensor(1, f64).add(tensor(2)), 'float64'],
    ['int32[2] + float32 0-d', () => ones([2], i32).add(tensor(2.5)), 'float32'],
    ['float32[2] < float64 0-d', () => ones([2]).maximum(tensor(2, f64)), 'float32'],
    ['where(c, float32, float64 0-d)', () => where(ones([2], bool), ones([2]), tensor(7.5, f64)), 'float32'],
    ['where(c, int32, 0.5)', () => where(ones([2], bool), ones([2], i32), 0.5), 'float32'],
    ['where(c, 1, 0)', () => where(ones([2], bool), 1, 0), 'int32'],
    ['int32.clamp(0.5)', () => ones([3], i32).clamp(0.5), 'float32'],
    ['bool.clamp(0)', () => ones([3], bool).clamp(0), 'int32'],
    ['bool + bool', () => ones([2], bool).add(ones([2], bool)), 'bool'],
  ])('%s is %s', (_label, make, want) => {
    expect(make().dtype).toBe(want);
  });

  it('converts a 0-d operand to the common dtype before the op', () => {
    // torch.tensor([0.1]) + torch.tensor(0.2, dtype=torch.float64) → 0.30000001192092896
    expect(tensor([0.1]).add(tensor(0.2, f64)).item()).toBe(0.30000001192092896);
    // torch.tensor([1., 2.]).where(tensor([True, False]), tensor(7.5, float64)) → [1., 7.5]
    expect(where(tensor([true, false]), tensor([1, 2]), tensor(7.5, f64)).tolist()).toEqual([1, 7.5]);
  });

  it('rounds an int32 operand to float32 before a float32 op', () => {
    // torch.tensor([16777217], dtype=torch.int32) + torch.tensor(1.) → tensor([16777216.])
    expect(tensor([16777217], i32).add(tensor(1)).tolist()).toEqual([16777216]);
  });
});

describe('values as torch', () => {
  it.each<[string, () => unknown, unknown]>([
    // (torch.tensor([True]) + torch.tensor([True])).tolist() → [True]: bool storage stays 0/1
    ['true + true', () => tensor([true, false]).add(tensor([true, true])).tolist(), [1, 1]],
    ['bool add_ bool', () => tensor([true, false]).add_(tensor([true, false])).tolist(), [1, 0]],
    // NaN is non-zero, so it is true in logical ops
    ['logicalAnd with NaN', () => tensor([NaN, 0, 1]).logicalAnd(tensor([1, 1, 1])).tolist(), [1, 0, 1]],
    ['logicalOr with NaN', () => tensor([NaN, 0]).logicalOr(tensor([0, 0])).tolist(), [1, 0]],
    ['logicalNot with NaN', () => tensor([NaN, 0]).logicalNot().tolist(), [0, 1]],
    ['all() with NaN', () => tensor([NaN, 1]).all().item(), 1],
    ['any() with NaN', () => tensor([NaN, 0]).any().item(), 1],
    // torch.tensor([nan, -0., 2, -3]).sign() → [0., 0., 1., -1.]
    ['sign', () => tensor([NaN, -0, 2, -3]).sign().tolist(), [0, 0, 1, -1]],
    ['argmax() keepdim', () => [...tensor([[1, 5, 2], [7, 0, 3]]).argmax(undefined, true).shape], [1, 1]],
    ['argmax() keepdim value', () => tensor([[1, 5, 2], [7, 0, 3]]).argmax(undefined, true).item(), 3],
    // torch.zeros(0).norm(inf) → 0; torch.zeros(2, 0).norm(inf, 1) → [0., 0.]
    ['norm(inf) of nothing', () => zeros([0]).norm(Infinity).item(), 0],
    ['norm(inf) along an empty dim', () => zeros([2, 0]).norm(Infinity, 1).tolist(), [0, 0]],
    ['norm(0) counts non-zeros', () => tensor([1, 0, 2]).norm(0).item(), 2],
    ['norm(3)', () => tensor([1, 2, 3]).norm(3).item(), Math.fround(3.301927328109741)],
    // torch.zeros(3).masked_fill(torch.ones(2, 3, dtype=torch.bool), 1) → shape [2, 3]
    ['maskedFill broadcasts', () => [...zeros([3]).maskedFill(ones([2, 3], bool), 1).shape], [2, 3]],
    ['maskedFill casts the value', () => ones([3], i32).maskedFill(tensor([true, false, true]), 2.5).tolist(), [2, 1, 2]],
    ['lerp_ with a tensor weight', () => tensor([1, 2]).lerp_(tensor([3, 4]), tensor([0.5, 0.25])).tolist(), [2, 2.5]],
    ['addcmul_ on int32', () => ones([3], i32).addcmul_(ones([3], i32), ones([3], i32)).tolist(), [2, 2, 2]],
    ['a.add_(a)', () => tensor([1, 2, 3]).add_(tensor([1, 2, 3])).tolist(), [2, 4, 6]],
    ['split(0) of an empty dim', () => split(zeros([0]), 0).map((t) => [...t.shape]), [[0]]],
    ['chunk(4) of 6', () => arange(6).chunk(4).map((t) => t.numel()), [2, 2, 2]],
    ['0-d cumsum', () => tensor(2).cumsum(-1).item(), 2],
    // int32 products wrap modulo 2^32: (2^31 − 1)² → 1, 123456789² → −1757895751
    ['int32 mul wraps', () => tensor([2147483647, 123456789, -7], i32).mul(tensor([2147483647, 123456789, -7], i32)).tolist(), [1, -1757895751, 49]],
    ['int32 mul_ by a number wraps', () => tensor([2147483647], i32).mul_(2147483647).tolist(), [1]],
    // torch.tensor([True, 2.5]) → tensor([1.0000, 2.5000]): bool only when every leaf is a bool
    ['mixed bool and number leaves', () => [tensor([true, 2.5]).dtype, tensor([true, 2.5]).tolist()], ['float32', [1, 2.5]]],
    ['nested bools', () => tensor([[true], [false]]).dtype, 'bool'],
    // An integer typed array other than int32 becomes int32 (no int16/uint8 dtypes here)
    ['an Int16Array', () => [tensor(new Int16Array([1, -2]) as unknown as Int32Array).dtype, tensor(new Int16Array([1, -2]) as unknown as Int32Array).tolist()], ['int32', [1, -2]]],
  ])('%s', (_label, run, want) => {
    expect(run()).toEqual(want);
  });

  it('self-aliased add_ reads each element before writing it', () => {
    const t = tensor([1, 2, 3]);
    t.add_(t);
    expect(t.tolist()).toEqual([2, 4, 6]);
    expect(t.storage.version).toBe(1);
  });

  it('maskedFill_ writes in place through a broadcast mask', () => {
    const t = zeros([2, 3]);
    expect(t.maskedFill_(tensor([true, false, true]), 5)).toBe(t);
    expect(t.tolist()).toEqual([[5, 0, 5], [5, 0, 5]]);
    expect(t.storage.version).toBe(1);
  });
});

describe('errors worded as PyTorch 1.13', () => {
  const i = tensor([1, -2], i32);
  const b = tensor([true, false]);
  it.each<[string, () => unknown, ErrorConstructor, string]>([
    ['abs of bool', () => b.abs(), TypeError, `"abs_cpu" not implemented for 'Bool'`],
    ['relu of bool', () => b.relu(), TypeError, 'Boolean inputs not supported for relu'],
    ['floor of bool', () => b.floor(), TypeError, `"floor_vml_cpu" not implemented for 'Bool'`],
    ['argmax of bool', () => b.argmax(), TypeError, `"argmax_cpu" not implemented for 'Bool'`],
    ['pow of bools', () => b.pow(b), TypeError, `"pow" not implemented for 'Bool'`],
    ['int pow −1', () => i.pow(-1), RangeError, 'Integers to negative integer powers are not allowed.'],
    ['norm of int', () => i.norm(), TypeError, 'norm(): input dtype should be either floating point or complex. Got Int instead.'],
    ['var of int', () => i.var(), TypeError, 'std and var only support floating point and complex dtypes'],
    ['mean of bool', () => b.mean(), TypeError, 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Bool'],
    ['softmax of int, last dim', () => ones([2, 3], i32).softmax(-1), TypeError, `"softmax_lastdim_kernel_impl" not implemented for 'Int'`],
    ['softmax of int, dim 0', () => ones([2, 3], i32).softmax(0), TypeError, `"softmax_kernel_impl" not implemented for 'Int'`],
    ['logSoftmax of int', () => i.logSoftmax(0), TypeError, `"log_softmax_lastdim_kernel_impl" not implemented for 'Int'`],
    ['mm of bools', () => ones([2, 3], bool).mm(ones([3, 2], bool)), TypeError, `"addmm_impl_cpu_" not implemented for 'Bool'`],
    ['dot of bools', () => b.dot(b), TypeError, `"dot" not implemented for 'Bool'`],
    ['uniform_ of int', () => ones([2], i32).uniform_(), TypeError, `"check_uniform_bounds" not implemented for 'Int'`],
    ['normal_ of int', () => ones([2], i32).normal_(), TypeError, `"normal_kernel_cpu" not implemented for 'Int'`],
    ['where with a float condition', () => where(ones([2]), ones([2]), 0), TypeError, 'where expected condition to be a boolean tensor, but got a tensor with dtype Float'],
    ['2-D · 1-D mismatch', () => ones([2, 3]).matmul(ones([4])), RangeError, 'size mismatch, got 2, 2x3,4'],
    ['3-D · 2-D mismatch (folded)', () => ones([2, 2, 3]).matmul(ones([4, 5])), RangeError, 'mat1 and mat2 shapes cannot be multiplied (4x3 and 4x5)'],
    ['3-D · 1-D mismatch (folded)', () => ones([2, 2, 3]).matmul(ones([4])), RangeError, 'size mismatch, got 4, 4x3,4'],
    ['2-D · 3-D mismatch (transposed)', () => ones([2, 3]).matmul(ones([2, 4, 5])), RangeError, 'mat1 and mat2 shapes cannot be multiplied (10x4 and 3x2)'],
    ['1-D · 3-D mismatch (transposed)', () => ones([3]).matmul(ones([2, 4, 5])), RangeError, 'size mismatch, got 10, 10x4,3'],
    ['3-D · 3-D inner mismatch', () => ones([2, 2, 3]).matmul(ones([2, 4, 5])), RangeError, 'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].'],
    ['batch broadcast before inner sizes', () => ones([5, 2, 2, 3]).matmul(ones([3, 4, 5])), RangeError, 'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1'],
    ['mm of a vector', () => ones([3]).mm(ones([3, 2])), RangeError, 'self must be a matrix'],
    ['bmm of a matrix', () => ones([2, 3]).bmm(ones([2, 3])), RangeError, 'batch1 must be a 3D tensor'],
    ['outer of a matrix', () => ones([3]).outer(ones([2, 2])), RangeError, 'outer: Expected 1-D argument vec2, but got 2-D'],
    ['reshape with −2', () => ones([2, 3]).reshape([-2, 3]), RangeError, 'invalid shape dimension -2'],
    ['reshape empty with −1', () => zeros([0, 3]).reshape([-1, 0]), RangeError, 'cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified dimension size -1 can be any value and is ambiguous'],
    ['permute with a repeat', () => ones([2, 3]).permute([0, 0]), RangeError, 'permute(): duplicate dims are not allowed, got dims [0, 0].'],
    ['expand with a leading −1', () => ones([2, 3]).expand([-1, 2, 3]), RangeError, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0"],
    ['expand names the tensor type', () => ones([2, 3], i32).expand([3]), RangeError, 'expand(torch.IntTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)'],
    ['transpose of 0-d with dim 3', () => tensor(3).transpose(3, 0), RangeError, 'Dimension out of range (expected to be in range of [-1, 0], but got 3)'],
    ['squeeze of 0-d with dim 1', () => tensor(3).squeeze(1), RangeError, 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['narrow of 0-d', () => tensor(3).narrow(0, 0, 1), RangeError, 'narrow() cannot be applied to a 0-dim tensor.'],
    ['cumsum of 0-d with dim 1', () => tensor(3).cumsum(1), RangeError, 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['split(0) of a non-empty dim', () => ones([2, 3]).split(0), RangeError, 'split_size can only be 0 if dimension size is 0, but got dimension size of 2'],
    ['split with a negative size', () => ones([2, 3]).split([1, -1, 3], 1), RangeError, 'split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[1, -1, 3]'],
    ['cat of a 0-d tensor', () => cat([ones([2]), tensor(1)]), RangeError, 'zero-dimensional tensor (at position 1) cannot be concatenated'],
    ['gather with a negative index', () => ones([3]).gather(0, tensor([-1], i32)), RangeError, 'index -1 is out of bounds for dimension 0 with size 3'],
    ['indexSelect with a negative index', () => ones([3]).indexSelect(0, tensor([-1], i32)), RangeError, 'index out of range in self: index -1 for dimension 0 with size 3'],
    ['amax of nothing', () => zeros([0]).amax(), RangeError, "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."],
    ['amax along an empty dim', () => zeros([2, 0]).amax(1), RangeError, 'amax(): Expected reduction dim 1 to have non-zero size.'],
    ['argmax along an empty dim', () => zeros([2, 0]).argmax(1), RangeError, 'argmax(): Expected reduction dim 1 to have non-zero size.'],
    ['argmin of nothing', () => zeros([2, 0]).argmin(), RangeError, 'argmin(): Expected reduction dim to be specified for input.numel() == 0.'],
    ['zeros with a negative size', () => zeros([-1]), RangeError, 'Trying to create tensor with negative dimension -1: [-1]'],
    ['randperm(−1)', () => randperm(-1), RangeError, 'Trying to create tensor with negative dimension -1: [-1]'],
    ['eye(−1)', () => eye(-1), RangeError, 'n must be greater or equal to 0, got -1'],
    ['linspace with −1 steps', () => linspace(0, 1, -1), RangeError, 'number of steps must be non-negative, got -1'],
  ])('%s', (_label, run, cls, message) => {
    expect(run).toThrow(new cls(message));
  });
});

describe('failed in-place ops leave the tensor unchanged', () => {
  it.each<[string, DType, (t: Tensor) => unknown, ErrorConstructor, string]>([
    // torch's clamp_ spells the destination in lower case
    ['int clamp_ to 0.5', 'int32', (t) => t.clamp_(0.5), TypeError, "result type Float can't be cast to the desired output type int"],
    ['int lerp_', 'int32', (t) => t.lerp_(ones([3], i32), 0.5), TypeError, `"lerp_kernel_scalar" not implemented for 'Int'`],
    ['lerp_ to float64', 'float32', (t) => t.lerp_(ones([3], f64), 0.5), TypeError, 'expected dtype float for `end` but got dtype double'],
    ['int addcdiv_ of ints', 'int32', (t) => t.addcdiv_(ones([3], i32), ones([3], i32)), TypeError, 'Integer division with addcdiv is no longer supported'],
    ['addcmul_ to a larger shape', 'float32', (t) => t.addcmul_(ones([2, 3]), ones([3])), RangeError, "output with shape [3] doesn't match the broadcast shape [2, 3]"],
    ['lerp_ to a larger shape', 'float32', (t) => t.lerp_(ones([2, 3]), 0.5), RangeError, "output with shape [3] doesn't match the broadcast shape [2, 3]"],
    ['maskedFill_ with a larger mask', 'float32', (t) => t.maskedFill_(ones([2, 3], bool), 0), RangeError, "output with shape [3] doesn't match the broadcast shape [2, 3]"],
    ['copy_ from a larger shape', 'float32', (t) => t.copy_(ones([2, 3])), RangeError, "output with shape [3] doesn't match the broadcast shape [2, 3]"],
    ['int pow_ −1', 'int32', (t) => t.pow_(-1), RangeError, 'Integers to negative integer powers are not allowed.'],
    ['bool relu_', 'bool', (t) => t.relu_(), TypeError, 'Boolean inputs not supported for relu'],
    ['float normal_ with std −1', 'float32', (t) => t.normal_(0, -1), RangeError, 'normal expects std >= 0.0, but found std -1'],
  ])('%s', (_label, dtype, run, cls, message) => {
    const t = tensor([1, 2, 3], { dtype });
    const before = t.tolist();
    expect(() => run(t)).toThrow(cls);
    expect(() => run(t)).toThrow(message);
    expect(t.tolist()).toEqual(before);
    expect(t.storage.version).toBe(0);
  });
});
