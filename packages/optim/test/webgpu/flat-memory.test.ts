/**
 * GPU memory without dispose(): a 1,000-step training loop that awaits its loss once per step and
 * never uses a scope keeps the GPU buffer pool bounded. Dead activations reach the pool when the
 * collector finalizes their tensors (and backward's own temporaries at once), so the pool grows to
 * cover one collection cycle and then only by the odd buffer when a cycle runs longer. (A scope
 * makes it exactly flat: step-counters.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@descent/autograd';
import { manualSeed, randint, randn } from '@descent/autograd';
import { webgpuCounters } from '@descent/tensor';
import { Adam } from '../../src/index';
import { hasGPU } from './gpu-device';

/** FLAT_STEPS: a longer run (at least 1,000) to watch the pool settle. */
const STEPS = Math.max(1000, Number(process.env.FLAT_STEPS ?? 1000));
describe.runIf(hasGPU)('a 1,000-step webgpu training loop without a scope', () => {
  it('keeps the GPU pool bounded (live + pooled bytes, buffers created)', { timeout: 240_000 }, async () => {
    manualSeed(11);
    const make = (shape: number[]): Tensor => {
      const t = randn(shape).mul(0.2).to('webgpu');
      t.requiresGrad = true;
      return t;
    };
    const [w1, b1, w2, b2] = [make([16, 8]), make([16]), make([3, 16]), make([3])] as [Tensor, Tensor, Tensor, Tensor];
    const x = randn([8, 8]).to('webgpu');
    const y = randint(0, 3, [8]).to('webgpu');
    const opt = new Adam([w1, b1, w2, b2], { lr: 1e-2 });
    const totals: number[] = [];
    const created: number[] = [];
    let first = 0;
    let last = 0;
    for (let i = 0; i < STEPS; i++) {
      opt.zeroGrad();
      const loss = x.matmul(w1.t()).add(b1).tanh().matmul(w2.t()).add(b2).logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
      loss.backward();
      opt.step();
      const value = await loss.itemAsync();
      if (i === 0) first = value;
      last = value;
      const c = webgpuCounters();
      totals.push(c.liveBytes + c.pooledBytes);
      created.push(c.buffersCreated);
    }
    const peak = (from: number, to: number): number => Math.max(...totals.slice(from, to));
    console.log(
      `[webgpu] ${STEPS} unscoped steps: pool peak ${peak(0, 250)} B in steps 1–250, ${peak(500, STEPS)} B in 501–${STEPS}; ` +
        `buffers created by steps 250/500/750/1000/end: ${[249, 499, 749, 999, STEPS - 1].map((k) => created[k]).join(' / ')}; loss ${first.toFixed(4)} → ${last.toFixed(4)}`,
    );
    // The loop trains (a wrong update would not bring the loss down this far).
    expect(last).toBeLessThan(first * 0.5);
    // Bounded: the pool grows while it learns to cover the collector's cycle, which lengthens as
    // the heap grows, so it still creates buffers in bursts later, far from a leak. Each step makes
    // about 30 kernel outputs: a loop that leaked them would create 30 buffers a step (15,000 in the
    // last 500 steps). Required: the last 500 steps hold at most twice the bytes the first 250 held,
    // and create at most as many buffers as the first 500 did. Measured here: 434–901 buffers by
    // step 500, 0–213 more by step 1,000; 140–300 KB in all.
    expect(peak(500, STEPS)).toBeLessThanOrEqual(peak(0, 250) * 2);
    expect((created[STEPS - 1] as number) - (created[499] as number)).toBeLessThanOrEqual(created[499] as number);
  });
});
