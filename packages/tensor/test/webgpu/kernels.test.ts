import { describe, expect, it } from 'vitest';
import { manualSeed, randint, randn, tensor, zeros } from '../../src/index';
import { readback, upload, viewOf } from '../../src/webgpu/array';
import { binary } from '../../src/webgpu/elementwise';
import { indexSelect, scatterAdd } from '../../src/webgpu/indexing';
import { matmul } from '../../src/webgpu/matmul';
import { reduce } from '../../src/webgpu/reduction';
import { softmax } from '../../src/webgpu/softmax';
import { expectClose, gpu, hasGPU, toGPU } from './device';

describe.skipIf(!hasGPU)('webgpu reductions, softmax, indexing and matmul against the CPU ops', () => {
  manualSeed(1);
  const x = randn([3, 700, 5]);

  it('sum / mean over each dim and over all, also of a transposed view', async () => {
    const ctx = gpu();
    for (const dim of [0, 1, 2, -1]) {
      expectClose(await readback(ctx, reduce(ctx, 'sum', toGPU(x), dim)), x.sum(dim).toTypedArray(), 1e-5, 1e-4);
      expectClose(await readback(ctx, reduce(ctx, 'mean', toGPU(x), dim)), x.mean(dim).toTypedArray(), 1e-5, 1e-5);
    }
    expectClose(await readback(ctx, reduce(ctx, 'sum', toGPU(x))), x.sum().toTypedArray(), 1e-5, 1e-3);
    const view = x.transpose(0, 2);
    expectClose(await readback(ctx, reduce(ctx, 'sum', toGPU(view), 1)), view.sum(1).toTypedArray(), 1e-5, 1e-4);
  });

  it('max / min / argmax / argmin over a dim and over all, first index on ties', async () => {
    const ctx = gpu();
    for (const dim of [0, 1, 2]) {
      expectClose(await readback(ctx, reduce(ctx, 'max', toGPU(x), dim)), x.amax(dim).toTypedArray(), 0, 0);
      expectClose(await readback(ctx, reduce(ctx, 'min', toGPU(x), dim)), x.amin(dim).toTypedArray(), 0, 0);
      expect(Array.from(await readback(ctx, reduce(ctx, 'argmax', toGPU(x), dim)))).toEqual(Array.from(x.argmax(dim).toTypedArray()));
      expect(Array.from(await readback(ctx, reduce(ctx, 'argmin', toGPU(x), dim)))).toEqual(Array.from(x.argmin(dim).toTypedArray()));
    }
    expect(Array.from(await readback(ctx, reduce(ctx, 'argmax', toGPU(x))))).toEqual(Array.from(x.argmax().toTypedArray()));
    const ties = tensor([[1, 3, 3, 0], [2, 2, 2, 2], [5, Number.NaN, 7, Number.NaN]]);
    expect(Array.from(await readback(ctx, reduce(ctx, 'argmax', toGPU(ties), 1)))).toEqual(Array.from(ties.argmax(1).toTypedArray()));
    expectClose(await readback(ctx, reduce(ctx, 'max', toGPU(ties), 1)), ties.amax(1).toTypedArray(), 0, 0);
    const ints = randint(-50, 50, [4, 300], { dtype: 'int32' });
    expect(Array.from(await readback(ctx, reduce(ctx, 'sum', toGPU(ints), 1)))).toEqual(Array.from(ints.sum(1).toTypedArray()));
    expect(Array.from(await readback(ctx, reduce(ctx, 'max', toGPU(ints), 0)))).toEqual(Array.from(ints.amax(0).toTypedArray()));
  });

  it('softmax and logSoftmax along the last dim, large logits included', async () => {
    const ctx = gpu();
    const logits = randn([6, 1000]).mul(30);
    expectClose(await readback(ctx, softmax(ctx, toGPU(logits), false)), logits.softmax(-1).toTypedArray(), 1e-4, 1e-7);
    expectClose(await readback(ctx, softmax(ctx, toGPU(logits), true)), logits.logSoftmax(-1).toTypedArray(), 1e-5, 1e-4);
    const view = randn([5, 3]).t();
    expectClose(await readback(ctx, softmax(ctx, toGPU(view), false)), view.softmax(-1).toTypedArray(), 1e-5, 1e-7);
  });

  it('index_select along each dim and scatter_add (float32 and int32)', async () => {
    const ctx = gpu();
    const table = randn([7, 4, 3]);
    const ids = tensor([6, 0, 3, 3, 1], { dtype: 'int32' });
    for (const dim of [0, 1, 2]) {
      const idx = dim === 0 ? ids : tensor([2, 0, 2], { dtype: 'int32' });
      expectClose(await readback(ctx, indexSelect(ctx, toGPU(table), dim, toGPU(idx))), table.indexSelect(dim, idx).toTypedArray(), 0, 0);
    }
    const self = randn([5, 6]);
    const src = randn([8, 6]);
    const index = randint(0, 5, [8, 6], { dtype: 'int32' });
    expectClose(await readback(ctx, scatterAdd(ctx, toGPU(self), 0, toGPU(index), toGPU(src))), self.scatterReduce(0, index, src, 'sum').toTypedArray(), 1e-5, 1e-5);
    const index1 = randint(0, 6, [5, 4], { dtype: 'int32' });
    const src1 = randn([5, 9]);
    expectClose(await readback(ctx, scatterAdd(ctx, toGPU(self), 1, toGPU(index1), toGPU(src1))), self.scatterReduce(1, index1, src1, 'sum').toTypedArray(), 1e-5, 1e-5);
    const counts = zeros([4], { dtype: 'int32' });
    const labels = tensor([3, 1, 3, 3, 0], { dtype: 'int32' });
    const ones = tensor([1, 1, 1, 1, 1], { dtype: 'int32' });
    expect(Array.from(await readback(ctx, scatterAdd(ctx, toGPU(counts), 0, toGPU(labels), toGPU(ones))))).toEqual([1, 1, 0, 3]);
  });

  it('matmul across tile edges, transposed operands, batched with broadcasting', async () => {
    const ctx = gpu();
    const a = randn([70, 33]);
    const b = randn([33, 130]);
    const out = matmul(ctx, toGPU(a), toGPU(b));
    expect(out.shape).toEqual([70, 130]);
    expectClose(await readback(ctx, out.array), a.matmul(b).toTypedArray(), 1e-4, 1e-4);
    const at = randn([33, 70]).t();
    const bt = randn([130, 33]).t();
    expectClose(await readback(ctx, matmul(ctx, toGPU(at), toGPU(bt)).array), at.matmul(bt).toTypedArray(), 1e-4, 1e-4);
    const batched = randn([2, 3, 17, 9]);
    const shared = randn([3, 9, 20]);
    const r = matmul(ctx, toGPU(batched), toGPU(shared));
    expect(r.shape).toEqual([2, 3, 17, 20]);
    expectClose(await readback(ctx, r.array), batched.matmul(shared).toTypedArray(), 1e-4, 1e-4);
    expect(() => matmul(ctx, toGPU(a), toGPU(a))).toThrow('mat1 and mat2 shapes cannot be multiplied (70x33 and 70x33)');
  });

  it('records N dispatches into one submission, reuses pooled buffers and compiles once per kernel', async () => {
    const ctx = gpu();
    const a = upload(ctx, new Float32Array([1, 2, 3, 4]), 'float32');
    binary(ctx, 'add', viewOf(a, [4]), viewOf(a, [4])); // compiles add:float32 if no test did
    ctx.batcher.flush();
    const before = { ...ctx.batcher.counters };
    const compiled = ctx.pipelines.counters.compiled;
    let acc = viewOf(a, [4]);
    for (let k = 0; k < 50; k++) acc = viewOf(binary(ctx, 'add', acc, viewOf(a, [4])), [4]);
    expect(ctx.batcher.counters.submissions).toBe(before.submissions);
    expect(Array.from(await readback(ctx, acc.array))).toEqual([51, 102, 153, 204]);
    expect(ctx.batcher.counters.dispatches - before.dispatches).toBe(50);
    expect(ctx.batcher.counters.submissions - before.submissions).toBe(1);
    expect(ctx.batcher.counters.readbacks - before.readbacks).toBe(1);
    expect(ctx.pipelines.counters.compiled).toBe(compiled); // 50 launches, no new pipeline
    // A second round of the same shapes comes from the pool: no new buffers.
    const created = ctx.pool.counters.buffersCreated;
    const hits = ctx.pool.counters.reuseHits;
    let again = viewOf(a, [4]);
    for (let k = 0; k < 50; k++) {
      const next = binary(ctx, 'add', again, viewOf(a, [4]));
      if (again.array !== a) again.array.release();
      again = viewOf(next, [4]);
    }
    expect(Array.from(await readback(ctx, again.array))).toEqual([51, 102, 153, 204]);
    expect(ctx.pool.counters.buffersCreated - created).toBeLessThanOrEqual(2);
    expect(ctx.pool.counters.reuseHits - hits).toBeGreaterThanOrEqual(98);
  });
});
