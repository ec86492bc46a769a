/**
 * Every op dispatched on 'webgpu' against the same op on the CPU, on the same inputs (float32
 * tolerance): element-wise ops with broadcasting, scalars, type promotion and strided views,
 * comparisons / where / maskedFill, reductions over dims, matmul, softmax, gather / indexSelect,
 * in-place updates, factories; plus the device rules (mixed devices, float64, sync reads, printing).
 */
import { describe, expect, it } from 'vitest';
import { arange, full, fullLike, manualSeed, ones, onesLike, rand, randn, tensor, zeros, zerosLike } from '../../src/index';
import type { Tensor } from '../../src/index';
import { expectClose, hasGPU } from './device';

const gpu = (t: Tensor): Tensor => t.to('webgpu');

/** Runs `op` on CPU inputs and on their GPU copies and compares the results (values, shape, dtype, device). */
async function expectSame(op: (...xs: Tensor[]) => Tensor, inputs: Tensor[], rtol = 1e-5, atol = 1e-6): Promise<void> {
  const expected = op(...inputs);
  const actual = op(...inputs.map(gpu));
  expect(actual.device).toBe('webgpu');
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  expectClose(await actual.dataAsync(), expected.dataSync(), rtol, atol);
}

describe.runIf(hasGPU)("ops on 'webgpu' match the CPU", () => {
  manualSeed(11);
  const a = randn([4, 5]);
  const b = randn([5]);
  const c = randn([4, 1]);
  const pos = rand([4, 5]).add(0.1);
  const ints = tensor([[3, -2, 0, 7, 1], [4, 4, -5, 2, 9]], { dtype: 'int32' });

  it('element-wise binary ops with broadcasting, scalars and promotion', async () => {
    for (const op of ['add', 'sub', 'mul', 'div', 'maximum', 'minimum'] as const) {
      await expectSame((x, y) => x[op](y), [a, b]);
      await expectSame((x, y) => x[op](y), [a, c]);
    }
    await expectSame((x) => x.add(2.5), [a]);
    await expectSame((x) => x.mul(-3), [a]);
    await expectSame((x) => x.div(7), [a]);
    await expectSame((x, y) => x.pow(y), [pos, a]);
    await expectSame((x) => x.pow(2), [a]);
    await expectSame((x) => x.add(1), [ints]);
    await expectSame((x) => x.mul(0.5), [ints]);
    await expectSame((x) => x.div(2), [ints]);
    await expectSame((x, y) => x.add(y), [ints, ints.float()]);
  });

  it('strided views: transposes, slices, expands', async () => {
    await expectSame((x) => x.t().exp(), [a]);
    await expectSame((x, y) => x.t().add(y.t()), [a, pos]);
    await expectSame((x) => x.narrow(1, 1, 3).mul(2), [a]);
    await expectSame((x) => x.select(0, 2).neg(), [a]);
    await expectSame((x) => x.t().contiguous(), [a]);
    await expectSame((x) => x.t().clone(), [a]);
    await expectSame((x) => x.t().reshape([20]), [a]);
    await expectSame((x) => x.unsqueeze(0).expand([3, 4, 5]).sum(0), [a]);
  });

  it('unary math', async () => {
    // GPU transcendentals are accurate to a few float32 ulps (WGSL's sin/cos/exp/log), not correctly rounded.
    for (const op of ['neg', 'abs', 'sign', 'square', 'relu', 'floor', 'ceil'] as const) await expectSame((x) => x[op](), [a]);
    for (const op of ['exp', 'sin', 'cos', 'tanh', 'sigmoid'] as const) await expectSame((x) => x[op](), [a], 2e-4, 1e-5);
    for (const op of ['log', 'sqrt', 'rsqrt', 'reciprocal'] as const) await expectSame((x) => x[op](), [pos], 2e-4, 1e-5);
    await expectSame((x) => x.abs(), [ints]);
    await expectSame((x) => x.exp(), [ints], 2e-4, 1e-3);
  });

  it('comparisons, logical ops, where and maskedFill', async () => {
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) {
      await expectSame((x, y) => x[op](y), [a, b]);
      await expectSame((x) => x[op](0), [a]);
      await expectSame((x) => x[op](2), [ints]);
    }
    await expectSame((x) => x.gt(0).logicalNot(), [a]);
    await expectSame((x, y) => x.gt(0).logicalAnd(y.lt(0)), [a, c]);
    await expectSame((x, y) => x.gt(0).logicalOr(y.lt(0)), [a, c]);
    await expectSame((x, y) => x.where(x.gt(0), y), [a, c]);
    await expectSame((x) => x.where(x.gt(0), 0), [a]);
    await expectSame((x) => x.maskedFill(x.lt(0), -1), [a]);
    await expectSame((x) => x.maskedFill(x.lt(0), 5), [ints]);
  });

  it('dtype conversion', async () => {
    await expectSame((x) => x.to('int32'), [a.mul(3)]);
    await expectSame((x) => x.to('bool'), [a]);
    await expectSame((x) => x.float(), [ints]);
    await expectSame((x) => x.gt(0).to('float32'), [a]);
    await expectSame((x) => x.int().float(), [ints.gt(1)]);
  });

  it('reductions over all elements and over dims', async () => {
    await expectSame((x) => x.sum(), [a], 1e-5, 1e-5);
    await expectSame((x) => x.sum(0), [a], 1e-5, 1e-5);
    await expectSame((x) => x.sum(1, true), [a], 1e-5, 1e-5);
    await expectSame((x) => x.sum([0, 1], true), [a], 1e-5, 1e-5);
    await expectSame((x) => x.sum(-1), [ints]);
    await expectSame((x) => x.gt(0).sum(), [a]);
    await expectSame((x) => x.mean(), [a], 1e-5, 1e-6);
    await expectSame((x) => x.mean(0), [a], 1e-5, 1e-6);
    await expectSame((x) => x.mean([1], true), [a], 1e-5, 1e-6);
    await expectSame((x) => x.max(), [a]);
    await expectSame((x) => x.min(), [a]);
    await expectSame((x) => x.max(1).values, [a]);
    await expectSame((x) => x.max(1).indices, [a]);
    await expectSame((x) => x.min(0, true).indices, [a]);
    await expectSame((x) => x.amax([0, 1]), [a]);
    await expectSame((x) => x.amin(1), [a]);
    await expectSame((x) => x.argmax(1), [a]);
    await expectSame((x) => x.argmin(), [a]);
    await expectSame((x) => x.t().sum(1), [a], 1e-5, 1e-5);
  });

  it('matmul, batched matmul, mm, bmm', async () => {
    const m = randn([5, 3]);
    await expectSame((x, y) => x.matmul(y), [a, m], 1e-4, 1e-5);
    await expectSame((x, y) => x.mm(y), [a, m], 1e-4, 1e-5);
    await expectSame((x, y) => x.matmul(y.t()), [a, pos], 1e-4, 1e-5);
    await expectSame((x, y) => x.t().matmul(y), [a, pos], 1e-4, 1e-5);
    await expectSame((x, y) => x.matmul(y), [randn([2, 3, 70, 33]), randn([33, 65])], 1e-4, 1e-4);
    await expectSame((x, y) => x.bmm(y), [randn([3, 4, 6]), randn([3, 6, 2])], 1e-4, 1e-5);
    await expectSame((x, y) => x.matmul(y), [a, b], 1e-4, 1e-5);
    await expectSame((x, y) => x.matmul(y), [b, randn([5, 2])], 1e-4, 1e-5);
  });

  it('softmax and logSoftmax along any dim', async () => {
    await expectSame((x) => x.softmax(1), [a]);
    await expectSame((x) => x.softmax(0), [a]);
    await expectSame((x) => x.logSoftmax(-1), [a], 1e-5, 1e-5);
    await expectSame((x) => x.logSoftmax(0), [a.mul(30)], 1e-5, 1e-4);
  });

  it('gather and indexSelect', async () => {
    const index = tensor([[0, 4], [3, 3], [1, 0], [2, 2]], { dtype: 'int32' });
    await expectSame((x, i) => x.gather(1, i), [a, index]);
    await expectSame((x, i) => x.gather(0, i), [randn([5, 2]), index]);
    await expectSame((x, i) => x.indexSelect(0, i), [a, tensor([3, 0, 3], { dtype: 'int32' })]);
    await expectSame((x, i) => x.indexSelect(1, i), [a, tensor([4, 1], { dtype: 'int32' })]);
  });

  it('in-place updates: fill_, zero_, add_, mul_, copy_, maskedFill_', async () => {
    await expectSame((x) => x.clone().fill_(3), [a]);
    await expectSame((x) => x.clone().zero_(), [a]);
    await expectSame((x, y) => x.clone().add_(y), [a, b]);
    await expectSame((x) => x.clone().mul_(0.5), [a]);
    await expectSame((x, y) => x.clone().sub_(y), [a, c]);
    await expectSame((x, y) => x.clone().div_(y), [a, pos]);
    await expectSame((x, y) => x.clone().copy_(y), [a, b]);
    await expectSame((x) => x.clone().maskedFill_(x.gt(0), 0), [a]);
    const t = gpu(a.clone());
    const version = t.storage.version;
    t.add_(1);
    expect(t.storage.version).toBe(version + 1);
    // A view of part of the storage is written through its strides (the rest stays).
    const part = gpu(a.clone());
    part.narrow(1, 0, 2).fill_(0);
    const expected = a.clone();
    expected.narrow(1, 0, 2).fill_(0);
    expectClose(await part.dataAsync(), expected.dataSync());
  });

  it('factories: { device } and the *Like factories follow the device', async () => {
    manualSeed(5);
    const r1 = randn([3, 4]);
    manualSeed(5);
    const r2 = randn([3, 4], { device: 'webgpu' });
    expect(r2.device).toBe('webgpu');
    expect(await r2.dataAsync()).toEqual(r1.dataSync());
    manualSeed(6);
    const u1 = rand([7]);
    manualSeed(6);
    expect(await rand([7], { device: 'webgpu' }).dataAsync()).toEqual(u1.dataSync());
    expect(await zeros([2, 3], { device: 'webgpu' }).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(await ones([2], { device: 'webgpu', dtype: 'int32' }).toArray()).toEqual([1, 1]);
    expect(await full([2], 2.5, { device: 'webgpu' }).toArray()).toEqual([2.5, 2.5]);
    expect(await tensor([[1, 2]], { device: 'webgpu' }).toArray()).toEqual([[1, 2]]);
    const g = gpu(a);
    for (const [t, v] of [[zerosLike(g), 0], [onesLike(g), 1], [fullLike(g, 4), 4]] as const) {
      expect(t.device).toBe('webgpu');
      expect(Array.from(await t.dataAsync())).toEqual(new Array(20).fill(v));
    }
  });

  it('reads are asynchronous on every device; sync reads on webgpu name the async form', async () => {
    const g = gpu(arange(6).reshape([2, 3]));
    expect(await g.toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(await g.t().toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(await g.sum().itemAsync()).toBe(15);
    expect(await arange(3).toArray()).toEqual([0, 1, 2]);
    expect(await tensor([2.5]).itemAsync()).toBe(2.5);
    expect(Array.from(await arange(3).dataAsync())).toEqual([0, 1, 2]);
    expect(() => g.item()).toThrow(/await t\.itemAsync\(\)/);
    expect(() => g.tolist()).toThrow(/await t\.toArray\(\)/);
    expect(() => g.dataSync()).toThrow(/await t\.dataAsync\(\)/);
    const back = await g.toAsync('cpu');
    expect(back.device).toBe('cpu');
    expect(back.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(() => g.to('cpu')).toThrow(/toAsync\('cpu'\)/);
  });

  it('prints its device without reading back', () => {
    expect(String(gpu(a))).toBe("tensor(<size [4, 5], not read back: await t.dataAsync()>, device='webgpu')");
    expect(String(gpu(ints))).toBe("tensor(<size [2, 5], not read back: await t.dataAsync()>, device='webgpu', dtype=int32)");
  });

  it('refuses mixed devices, float64 and ops without a GPU kernel', () => {
    const g = gpu(a);
    const message = 'Expected all tensors to be on the same device, but found at least two devices, webgpu and cpu!';
    expect(() => g.add(b)).toThrow(message);
    expect(() => a.add(gpu(b))).toThrow(message);
    expect(() => g.matmul(randn([5, 2]))).toThrow(message);
    expect(() => a.double().to('webgpu')).toThrow(/WebGPU has no float64/);
    expect(() => g.double()).toThrow(/WebGPU has no float64/);
    expect(() => randn([2], { dtype: 'float64', device: 'webgpu' })).toThrow(/WebGPU has no float64/);
    expect(() => g.cumsum(0)).toThrow('cumsum() is not implemented on webgpu');
    expect(() => g.sort()).toThrow('sort() is not implemented on webgpu');
    expect(() => a.to('gpu' as 'webgpu')).toThrow(/dtype|device/);
  });
});
