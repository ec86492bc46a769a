import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Generator, noGrad, randn, tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { Adam } from '../src/index';

// A real collection before each heap reading, so the comparison sees retained memory, not garbage
// that has not been collected yet.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * A 64-128-10 MLP trained with Adam on a fixed batch: large enough that its matmuls, element-wise
 * ops and Adam steps take the WebAssembly kernels (state buffers in wasm memory), small enough for
 * 10,000 steps in a test. Users never dispose anything: the test checks that nothing piles up.
 */
function trainer(): { step: () => number } {
  const generator = new Generator().manualSeed(0);
  const x = randn([32, 64], { generator });
  const target = tensor(Array.from({ length: 32 }, (_, i) => Array.from({ length: 10 }, (_, c) => (c === i % 10 ? 1 : 0))));
  const w1 = randn([64, 128], { generator }).mul(0.1).detach().requiresGrad_();
  const b1 = zeros([128], { requiresGrad: true });
  const w2 = randn([128, 10], { generator }).mul(0.1).detach().requiresGrad_();
  const b2 = zeros([10], { requiresGrad: true });
  const optimizer = new Adam([w1, b1, w2, b2], { lr: 1e-3 });
  return {
    step: () => {
      optimizer.zeroGrad();
      const logits: Tensor = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
      const loss = logits.logSoftmax(1).mul(target).sum().neg().div(32);
      loss.backward();
      optimizer.step();
      return loss.item();
    },
  };
}

describe('memory over a long training loop', () => {
  it('10,000 steps grow neither WebAssembly memory nor the JS heap, and the loss falls', () => {
    const { step } = trainer();
    const first = step();
    // Warm-up: the first thousands of steps also grow the heap with optimised code and inline
    // caches (measured: about 0.5 MB over the first 10,000 steps, 17 kB over the next 10,000).
    for (let i = 0; i < 1999; i++) step();
    const k = wasmKernels();
    const wasmBefore = k?.memoryBytes() ?? 0;
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    let last = first;
    for (let i = 0; i < 10_000; i++) last = step();
    collect();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(k?.memoryBytes() ?? 0).toBe(wasmBefore);
    // A leak of one small object per step (a graph node, a saved tensor, a cached view: 100 bytes
    // or more) would add at least 1 MB over 10,000 steps.
    expect(heapGrowth).toBeLessThan(1 << 20);
    // The batch's labels are learnable: cross entropy starts near ln 10 and drops well below it.
    expect(first).toBeGreaterThan(1.5);
    expect(last).toBeLessThan(0.1);
  });

  // Two loops that never yield to the event loop, so no FinalizationRegistry callback can run in
  // them: before the collector-freed wasm memory had a budget (WASM_GC_BUDGET), both failed here
  // (measured: the first grew wasm memory by 38 KiB a step, 759 MiB in 20,000 steps; the second,
  // run alone, from 42 MiB past 300 MiB in these 2,500 steps, without end).
  it('an Adam constructed every step keeps wasm memory flat in a synchronous loop', () => {
    const k = wasmKernels();
    const p = randn([4096], { generator: new Generator().manualSeed(1) }).requiresGrad_();
    p.grad = randn([4096], { generator: new Generator().manualSeed(2) });
    const first = p.detach().clone();
    const readings: number[] = [];
    for (let i = 0; i < 8_000; i++) {
      new Adam([p], { lr: 1e-3 }).step();
      if (i % 1000 === 999) {
        collect();
        readings.push(k?.memoryBytes() ?? 0);
      }
    }
    // 8,000 steps at 38 KiB would be 300 MiB; with the budget the memory stops growing by
    // the 5,000th step (the budget's 128 MiB of state at 32 KiB a step, plus the heap's ×1.5 growth).
    expect(readings[7]).toBe(readings[4]);
    expect((readings[7] as number) - (readings[0] as number)).toBeLessThanOrEqual(192 * 2 ** 20);
    // Each fresh Adam's first step moves θ by lr·sign(g) (m̂/√v̂ = g/|g| up to ε).
    const moved = p.detach().sub(first).div(p.grad.sign()).neg();
    expect(moved.max().item()).toBeCloseTo(8, 2);
    expect(moved.min().item()).toBeCloseTo(8, 2);
  });

  it('round-tripping the optimizer state and the model every 10 steps keeps wasm memory flat', () => {
    const k = wasmKernels();
    const generator = new Generator().manualSeed(3);
    const params = [randn([256, 512], { generator }), randn([512], { generator }), randn([512, 64], { generator })].map((p) => p.mul(0.05).detach().requiresGrad_());
    const grads = params.map((p) => randn([...p.shape], { generator }).mul(1e-3));
    const optimizer = new Adam(params, { lr: 1e-4 });
    const readings: number[] = [];
    for (let i = 0; i < 2_500; i++) {
      params.forEach((p, j) => (p.grad = grads[j] as Tensor));
      optimizer.step();
      if (i % 10 === 9) {
        optimizer.loadStateDict(optimizer.stateDict());
        const checkpoint = params.map((p) => p.detach().clone());
        noGrad(() => params.forEach((p, j) => p.copy_(checkpoint[j] as Tensor)));
      }
      if (i % 250 === 249) {
        collect();
        readings.push(k?.memoryBytes() ?? 0);
      }
    }
    expect(readings[9]).toBe(readings[5]);
    expect((readings[9] as number) - (readings[0] as number)).toBeLessThanOrEqual(192 * 2 ** 20);
    expect(optimizer.stateDict().state[0]?.step).toBe(2_500);
  });
});
