import { describe, expect, it } from 'vitest';
import type { Tensor} from '@descent/autograd';
import { manualSeed, randint, randn } from '@descent/autograd';
import { webgpuCounters } from '@descent/tensor';
import { Adam, SGD } from '../../src/index';
import { cnnLoss, cnnSetup } from './cnn';
import { hasGPU } from './gpu-device';

describe.runIf(hasGPU)('a steady-state MLP training step on webgpu', () => {
  it('makes few submissions, no new buffers and one readback (the loss)', async () => {
    manualSeed(3);
    const make = (shape: number[]): Tensor => {
      const t = randn(shape).mul(0.05).to('webgpu');
      t.requiresGrad = true;
      return t;
    };
    const [w1, b1, w2, b2] = [make([64, 784]), make([64]), make([10, 64]), make([10])] as [Tensor, Tensor, Tensor, Tensor];
    const x = randn([32, 784]).to('webgpu');
    const y = randint(0, 10, [32]).to('webgpu');
    const opt = new Adam([w1, b1, w2, b2], { lr: 1e-3 });
    const step = async (): Promise<number> => {
      opt.zeroGrad();
      const loss = x.matmul(w1.t()).add(b1).relu().matmul(w2.t()).add(b2).logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
      loss.backward();
      opt.step();
      return loss.itemAsync();
    };
    for (let i = 0; i < 40; i++) await step();
    const steps = 20;
    const before = webgpuCounters();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await step();
    const ms = (performance.now() - t0) / steps;
    const after = webgpuCounters();
    const per = (k: 'submissions' | 'dispatches' | 'readbacks' | 'buffersCreated'): number => (after[k] - before[k]) / steps;
    console.log(
      `[webgpu] MLP 784→64→10 Adam step, batch 32: ${per('submissions')} submissions, ${per('dispatches')} dispatches, ` +
        `${per('buffersCreated')} new buffers, ${per('readbacks')} readbacks per step; ${ms.toFixed(1)} ms/step; ` +
        `live ${after.liveBytes} B, pooled ${after.pooledBytes} B`,
    );
    expect(per('submissions')).toBeLessThanOrEqual(10);
    expect(per('readbacks')).toBe(1);
    expect(per('buffersCreated')).toBeLessThanOrEqual(1);
  });
});

describe.runIf(hasGPU)('a steady-state CNN training step on webgpu', () => {
  it('makes few submissions, at most one new buffer and one readback (the loss)', async () => {
    const { params, x, y } = cnnSetup('webgpu');
    const opt = new SGD(params, { lr: 0.05, momentum: 0.9 });
    const step = async (): Promise<number> => {
      opt.zeroGrad();
      const loss = cnnLoss(params, x, y);
      loss.backward();
      opt.step();
      return loss.itemAsync();
    };
    // Forward activations return to the pool when the collector finalizes them, so the pool takes
    // a few dozen steps to reach the size of the live set.
    for (let i = 0; i < 30; i++) await step();
    const steps = 20;
    const before = webgpuCounters();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await step();
    const ms = (performance.now() - t0) / steps;
    const after = webgpuCounters();
    const per = (k: 'submissions' | 'dispatches' | 'readbacks' | 'buffersCreated'): number => (after[k] - before[k]) / steps;
    console.log(
      `[webgpu] CNN (conv-relu-maxpool-conv-relu-adaptiveavg-linear) SGD step, batch 16 of 8×8: ${per('submissions')} submissions, ` +
        `${per('dispatches')} dispatches, ${per('buffersCreated')} new buffers, ${per('readbacks')} readbacks per step; ${ms.toFixed(1)} ms/step`,
    );
    expect(per('submissions')).toBeLessThanOrEqual(10);
    expect(per('readbacks')).toBe(1);
    expect(per('buffersCreated')).toBeLessThanOrEqual(1);
  });
});
