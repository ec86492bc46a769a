/**
 * Gradients through device copies: `x.to('webgpu')` of a CPU tensor requiring grad (its backward
 * reads the gradient back asynchronously: backwardAsync), `await t.toAsync('cpu')` of a GPU tensor
 * (its backward uploads synchronously), and the slice-scatter backward of views on the GPU.
 */
import { describe, expect, it } from 'vitest';
import { manualSeed, noGrad, randn, tensor } from '../../src/index';
import type { Tensor } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

describe.runIf(hasGPU)('gradients across devices', () => {
  it("x.to('webgpu') records ToCopyBackward0 and backwardAsync brings the gradient to the CPU leaf", async () => {
    manualSeed(0);
    const w = randn([2, 3], { requiresGrad: true });
    const y = w.to('webgpu');
    expect(y.device).toBe('webgpu');
    expect(y.gradFn?.name).toBe('ToCopyBackward0');
    const loss = y.mul(y).mul(tensor([[1, 2, 3], [4, 5, 6]]).to('webgpu')).sum();
    expect(() => loss.backward()).toThrow(/use await t.backwardAsync\(\)/);
    await loss.backwardAsync();
    expect(w.grad?.device).toBe('cpu');
    const weights = [1, 2, 3, 4, 5, 6];
    expectClose(w.grad!.dataSync(), Array.from(w.dataSync(), (v, i) => 2 * v * weights[i]!), 1e-5, 1e-6, 'w.grad');
  });

  it('backwardAsync sums the CPU and GPU paths of a mixed graph', async () => {
    manualSeed(1);
    const w = randn([4], { requiresGrad: true });
    const gpuPart = await w.to('webgpu').exp().sum().toAsync('cpu');
    const loss = gpuPart.add(w.mul(3).sum());
    await loss.backwardAsync();
    expectClose(w.grad!.dataSync(), Array.from(w.dataSync(), (v) => Math.exp(v) + 3), 1e-5, 1e-6, 'w.grad');
  });

  it("await t.toAsync('cpu') of a GPU tensor is differentiable with a plain backward()", async () => {
    manualSeed(2);
    const x = randn([3]).to('webgpu').requiresGrad_();
    const y = await x.mul(2).toAsync('cpu');
    expect(y.device).toBe('cpu');
    expect(y.gradFn?.name).toBe('ToCopyBackward0');
    y.square().sum().backward();
    expect(x.grad?.device).toBe('webgpu');
    const xv = await x.dataAsync();
    expectClose(await x.grad!.dataAsync(), Array.from(xv, (v) => 8 * v), 1e-5, 1e-6, 'x.grad');
  });

  it('a device copy without requiresGrad, or under noGrad, records nothing', () => {
    const y = randn([2]).to('webgpu');
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    const w = randn([2], { requiresGrad: true });
    const z = noGrad(() => w.to('webgpu'));
    expect(z.requiresGrad).toBe(false);
    expect(z.gradFn).toBeNull();
  });

  it('slice, narrow, select and chunk backward on the GPU match the CPU', async () => {
    manualSeed(3);
    const base = randn([5, 4]);
    const f = (t: Tensor): Tensor => {
      const [a, b] = t.chunk(2, 1) as [Tensor, Tensor];
      return t.slice(0, 1, 5, 2).sum().add(t.narrow(1, 1, 2).mul(a.sum()).sum()).add(t.select(0, 3).mul(b.sum(0).sum()).sum());
    };
    const c = base.detach().requiresGrad_();
    f(c).backward();
    const g = base.to('webgpu').requiresGrad_();
    f(g).backward();
    expectClose(await g.grad!.dataAsync(), c.grad!.dataSync(), 1e-5, 1e-5, 'grad');
  });
});
