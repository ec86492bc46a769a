import { describe, expect, it } from 'vitest';
import { manualSeed, randn, rand, tensor } from '../../src/index';
import type { Tensor } from '../../src/tensor';
import { readback, upload, viewOf } from '../../src/webgpu/array';
import { binary, contiguous, unary } from '../../src/webgpu/elementwise';
import type { BinaryOp, UnaryOp } from '../../src/webgpu/elementwise';
import { expectClose, gpu, hasGPU, toGPU } from './device';

describe.skipIf(!hasGPU)('webgpu element-wise kernels against the CPU ops', () => {
  manualSeed(0);
  const x = randn([4, 5]).mul(2);
  const pos = rand([4, 5]).add(0.1);

  const unaryCases: [UnaryOp, (t: Tensor) => Tensor, Tensor][] = [
    ['neg', (t) => t.neg(), x],
    ['abs', (t) => t.abs(), x],
    ['sign', (t) => t.sign(), x],
    ['square', (t) => t.square(), x],
    ['exp', (t) => t.exp(), x],
    ['log', (t) => t.log(), pos],
    ['sqrt', (t) => t.sqrt(), pos],
    ['rsqrt', (t) => t.rsqrt(), pos],
    ['reciprocal', (t) => t.reciprocal(), pos],
    ['sin', (t) => t.sin(), x],
    ['cos', (t) => t.cos(), x],
    ['tanh', (t) => t.tanh(), x.mul(10)],
    ['sigmoid', (t) => t.sigmoid(), x.mul(10)],
    ['relu', (t) => t.relu(), x],
    ['floor', (t) => t.floor(), x],
    ['ceil', (t) => t.ceil(), x],
  ];
  it.each(unaryCases)('%s (float32), contiguous and through a transposed view', async (op, cpu, input) => {
    const ctx = gpu();
    // WGSL promises sin and cos only to an absolute error of 2⁻¹¹ (SwiftShader is near 5e-5);
    // the other functions here are within a few float32 ulps.
    const atol = op === 'sin' || op === 'cos' ? 2 ** -11 : 1e-6;
    expectClose(await readback(ctx, unary(ctx, op, toGPU(input))), cpu(input).toTypedArray(), 2e-6, atol);
    const view = input.t();
    expectClose(await readback(ctx, unary(ctx, op, toGPU(view))), cpu(view).toTypedArray(), 2e-6, atol);
  });

  const y = randn([5]);
  const yCol = randn([4, 1]);
  const binaryCases: [BinaryOp, (a: Tensor, b: Tensor) => Tensor][] = [
    ['add', (a, b) => a.add(b)],
    ['sub', (a, b) => a.sub(b)],
    ['mul', (a, b) => a.mul(b)],
    ['div', (a, b) => a.div(b)],
    ['maximum', (a, b) => a.maximum(b)],
    ['minimum', (a, b) => a.minimum(b)],
    ['eq', (a, b) => a.eq(b)],
    ['ne', (a, b) => a.ne(b)],
    ['lt', (a, b) => a.lt(b)],
    ['le', (a, b) => a.le(b)],
    ['gt', (a, b) => a.gt(b)],
    ['ge', (a, b) => a.ge(b)],
  ];
  it.each(binaryCases)('%s (float32) broadcasting [4,5]·[5], [4,1]·[5] and a strided slice', async (op, cpu) => {
    const ctx = gpu();
    expectClose(await readback(ctx, binary(ctx, op, toGPU(x), toGPU(y))), cpu(x, y).toTypedArray());
    expectClose(await readback(ctx, binary(ctx, op, toGPU(yCol), toGPU(y))), cpu(yCol, y).toTypedArray());
    // A view with an offset and steps: every other column of x's transpose, against a column.
    const sliced = x.t().slice(0, 1, 5, 2);
    expectClose(await readback(ctx, binary(ctx, op, toGPU(sliced), toGPU(yCol.t()))), cpu(sliced, yCol.t()).toTypedArray());
  });

  it('pow takes negative bases with integral exponents, as torch.pow', async () => {
    const ctx = gpu();
    const a = tensor([-2, -2, 0, 0, 3, -1.5, 2]);
    const b = tensor([2, 3, 2, -1, 0.5, 0.5, -2]);
    expectClose(await readback(ctx, binary(ctx, 'pow', toGPU(a), toGPU(b))), a.pow(b).toTypedArray());
  });

  it('int32 arithmetic and comparisons, bool logic', async () => {
    const ctx = gpu();
    const a = tensor([[1, -2, 3], [4, 5, -6]], { dtype: 'int32' });
    const b = tensor([3, -2, 1], { dtype: 'int32' });
    for (const [op, cpu] of [['add', a.add(b)], ['sub', a.sub(b)], ['mul', a.mul(b)], ['maximum', a.maximum(b)], ['lt', a.lt(b)], ['eq', a.eq(b)]] as const) {
      expect(Array.from(await readback(ctx, binary(ctx, op, toGPU(a), toGPU(b))))).toEqual(Array.from(cpu.toTypedArray()));
    }
    expect(Array.from(await readback(ctx, unary(ctx, 'abs', toGPU(a))))).toEqual([1, 2, 3, 4, 5, 6]);
    const p = tensor([true, false, true, false]);
    const q = tensor([true, true, false, false]);
    expect(Array.from(await readback(ctx, binary(ctx, 'logicalAnd', toGPU(p), toGPU(q))))).toEqual(Array.from(p.logicalAnd(q).toTypedArray()));
    expect(Array.from(await readback(ctx, binary(ctx, 'logicalOr', toGPU(p), toGPU(q))))).toEqual(Array.from(p.logicalOr(q).toTypedArray()));
    expect(Array.from(await readback(ctx, unary(ctx, 'logicalNot', toGPU(p))))).toEqual(Array.from(p.logicalNot().toTypedArray()));
  });

  it('contiguous() of a permuted, expanded view', async () => {
    const ctx = gpu();
    const base = randn([2, 3, 4]);
    const view = base.permute(2, 0, 1).unsqueeze(1).expand(4, 3, 2, 3);
    expect(Array.from(await readback(ctx, contiguous(ctx, toGPU(view))))).toEqual(Array.from(view.toTypedArray()));
  });

  it('refuses float64 with WebGPU\'s reason, and mixed dtypes naming both', () => {
    const ctx = gpu();
    expect(() => upload(ctx, new Float64Array(2), 'float64')).toThrow('WebGPU has no float64');
    const f = upload(ctx, new Float32Array(2), 'float32');
    const i = upload(ctx, new Int32Array(2), 'int32');
    expect(() => binary(ctx, 'add', viewOf(f, [2]), viewOf(i, [2]))).toThrow('got float32 and int32');
    expect(() => unary(ctx, 'exp', viewOf(i, [2]))).toThrow('exp is not implemented for int32');
  });
});
