import { describe, expect, it } from 'vitest';
import type { Tensor } from '@descent/autograd';
import { manualSeed, randint, randn, scope } from '@descent/autograd';
import { webgpuCounters } from '@descent/tensor';
import { Adam, SGD } from '../../src/index';
import { cnnLoss, cnnSetup } from './cnn';
import { hasGPU } from './gpu-device';

type Counter = 'submissions' | 'dispatches' | 'readbacks' | 'buffersCreated';

/** What {@link measureScopedSteps} saw: counts per step, milliseconds per step and the counters at the end. */
interface Measured {
  per: (k: Counter) => number;
  ms: number;
  after: ReturnType<typeof webgpuCounters>;
}

/**
 * Ten warm-up steps, then 20 measured ones, of zeroGrad → `loss()` → backward → step in a scope,
 * each awaiting its loss. The opt-in scope gives the step's dead activations back to the pool when it
 * ends, so the counts do not depend on when the collector runs (flat-memory.test.ts covers the loop
 * without one). Only the loss outlives the step: its buffer returns when the collector takes it.
 */
async function measureScopedSteps(opt: { zeroGrad(): void; step(): unknown }, loss: () => Tensor): Promise<Measured> {
  const step = async (): Promise<number> => {
    const l = scope(() => {
      opt.zeroGrad();
      const value = loss();
      value.backward();
      opt.step();
      return value.detach();
    });
    return l.itemAsync();
  };
  for (let i = 0; i < 10; i++) await step();
  const steps = 20;
  const before = webgpuCounters();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await step();
  const ms = (performance.now() - t0) / steps;
  const after = webgpuCounters();
  return { per: (k) => (after[k] - before[k]) / steps, ms, after };
}

describe.runIf(hasGPU)('a steady-state MLP training step on webgpu (in a scope)', () => {
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
    const { per, ms, after } = await measureScopedSteps(opt, () => x.matmul(w1.t()).add(b1).relu().matmul(w2.t()).add(b2).logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean());
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

describe.runIf(hasGPU)('a steady-state CNN training step on webgpu (in a scope)', () => {
  it('makes few submissions, at most one new buffer and one readback (the loss)', async () => {
    const { params, x, y } = cnnSetup('webgpu');
    const opt = new SGD(params, { lr: 0.05, momentum: 0.9 });
    const { per, ms } = await measureScopedSteps(opt, () => cnnLoss(params, x, y));
    console.log(
      `[webgpu] CNN (conv-relu-maxpool-conv-relu-adaptiveavg-linear) SGD step, batch 16 of 8×8: ${per('submissions')} submissions, ` +
        `${per('dispatches')} dispatches, ${per('buffersCreated')} new buffers, ${per('readbacks')} readbacks per step; ${ms.toFixed(1)} ms/step`,
    );
    expect(per('submissions')).toBeLessThanOrEqual(10);
    expect(per('readbacks')).toBe(1);
    expect(per('buffersCreated')).toBeLessThanOrEqual(1);
  });
});
