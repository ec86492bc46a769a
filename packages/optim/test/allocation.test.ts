import { describe, expect, it } from 'vitest';
import { Generator, randn, scope, tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { Adam } from '../src/index';
import { installAllocCounter } from './alloc-counter';

/**
 * Issue #23: what a steady-state training step allocates, counted over 1,000 steps after warm-up.
 * New ArrayBuffers and WebAssembly memory growth come from the counter (alloc-counter.ts); blocks
 * taken from the wasm heap are counted by wrapping `WasmKernels.alloc`, since a block reused
 * from the heap's free list grows nothing but is still an allocation.
 */
const STEPS = 1_000;
const WARMUP = 50;

function mlp(): { params: Tensor[]; x: Tensor; target: Tensor } {
  const generator = new Generator().manualSeed(0);
  const x = randn([32, 64], { generator });
  const target = tensor(Array.from({ length: 32 }, (_, i) => Array.from({ length: 10 }, (_, c) => (c === i % 10 ? 1 : 0))));
  const w1 = randn([64, 128], { generator }).mul(0.1).detach().requiresGrad_();
  const b1 = zeros([128], { requiresGrad: true });
  const w2 = randn([128, 10], { generator }).mul(0.1).detach().requiresGrad_();
  const b2 = zeros([10], { requiresGrad: true });
  return { params: [w1, b1, w2, b2], x, target };
}

/** Counts bytes of blocks handed out by the wasm heap (alloc / allocViews), while `on`. */
function countWasmBlocks(): { bytes: () => number; reset: () => void } {
  let bytes = 0;
  const k = wasmKernels() as unknown as Record<'alloc', (dtype: string, length: number) => ArrayBufferView> | null;
  if (k !== null) {
    const original = k.alloc.bind(k);
    k.alloc = (dtype, length) => {
      const result = original(dtype, length);
      bytes += result.byteLength;
      return result;
    };
  }
  return { bytes: () => bytes, reset: () => void (bytes = 0) };
}

describe('allocation per training step (issue #23)', () => {
  for (const setToNone of [false, true]) {
  it(`after warm-up a step allocates only the forward pass's own arrays: nothing for backward, Adam or zeroGrad (setToNone: ${setToNone})`, () => {
    const counter = installAllocCounter();
    const blocks = countWasmBlocks();
    const { params, x, target } = mlp();
    const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
    const optimizer = new Adam(params, { lr: 1e-3 });
    let buffers = 0, bufferBytes = 0, blockBytes = 0, growth = 0, resultBytes = 0;
    let first = NaN, last = NaN;
    const results: Tensor[] = [];
    for (let i = 0; i < WARMUP + STEPS; i++) {
      counter.reset();
      blocks.reset();
      // The forward, op by op: each result is one new float32 array of numel × 4 bytes.
      results.length = 0;
      const keep = (t: Tensor): Tensor => (results.push(t), t);
      const h = keep(keep(keep(x.matmul(w1)).add(b1)).relu());
      const logits = keep(keep(h.matmul(w2)).add(b2));
      const loss = keep(keep(keep(keep(keep(logits.logSoftmax(1)).mul(target)).sum()).neg()).div(32));
      loss.backward();
      optimizer.step();
      // Zeroed in place, .grad stays; set to null, the engine's .grad (read by nobody outside the
      // library) goes back to the pools and the next backward takes it again. Either way what a
      // step leaves behind is only the graph's activations.
      optimizer.zeroGrad({ setToNone });
      if (i >= WARMUP) {
        const c = counter.read();
        buffers += c.buffers;
        bufferBytes += c.bytes;
        growth += c.wasmGrowth;
        blockBytes += blocks.bytes();
        resultBytes += results.reduce((sum, t) => sum + t.numel() * 4, 0);
      }
      if (i === 0) first = loss.item();
      last = loss.item();
    }
    // Backward's gradients and temporaries go back to the storage pools at the end of the pass
    // and come out again the next step; the optimizer's state and scratch are made once; the
    // element-wise tables and scalar operands are reused. No wasm block, no wasm growth:
    expect(blockBytes).toBe(0);
    expect(growth).toBe(0);
    // The forward's results (which the caller could still hold, so only the collector frees
    // them): 16,384 × 3 + 1,280 × 4 + 4 × 3 bytes a step, by the shapes above.
    expect(resultBytes).toBe(STEPS * (16_384 * 3 + 1_280 * 4 + 4 * 3));
    // New ArrayBuffers a step: those results and nothing else. logSoftmax's temporaries (the row
    // maxima, x − max, its exp, their row sums and logs) go back to the pools as it returns, and
    // backward's seed with the pass's gradients; nothing that backward's rules, Adam or zeroGrad
    // made stays out either.
    if (wasmKernels() !== null) {
      expect(bufferBytes).toBe(resultBytes);
      expect(buffers).toBe(STEPS * results.length);
    } else {
      // The TypeScript fallback's matmul and element-wise kernels still make scratch arrays of
      // their own (measured: 282,000 bytes a step here, against 57,232 on the wasm path): only
      // the lower bound holds there until they take their scratch from the pools too.
      expect(bufferBytes).toBeGreaterThanOrEqual(resultBytes);
    }
    // And it trains: cross entropy starts near ln 10 and falls.
    expect(first).toBeGreaterThan(1.5);
    expect(last).toBeLessThan(first);
  });
  }

  for (const setToNone of [true, false]) {
    it(`inside scope() a step allocates nothing at all (zeroGrad setToNone: ${setToNone})`, () => {
      const counter = installAllocCounter();
      const blocks = countWasmBlocks();
      const { params, x, target } = mlp();
      const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
      // Adam is made inside the first scope and its state on the first step inside a scope: both kept.
      let optimizer: Adam | null = null;
      let buffers = 0, bufferBytes = 0, blockBytes = 0, growth = 0;
      const sites = new Map<string, number>();
      const losses: number[] = [];
      for (let i = 0; i < WARMUP + STEPS; i++) {
        counter.reset();
        blocks.reset();
        const loss = scope(() => {
          optimizer ??= new Adam(params, { lr: 1e-3 });
          const h = x.matmul(w1).add(b1).relu();
          const l = h.matmul(w2).add(b2).logSoftmax(1).mul(target).sum().neg().div(32);
          l.backward();
          optimizer.step();
          optimizer.zeroGrad({ setToNone });
          return l.item();
        });
        losses.push(loss);
        if (i >= WARMUP) {
          const c = counter.read();
          buffers += c.buffers;
          bufferBytes += c.bytes;
          growth += c.wasmGrowth;
          blockBytes += blocks.bytes();
          for (const [site, , bytes] of c.sites) sites.set(site, (sites.get(site) ?? 0) + bytes);
        }
      }
      expect([...sites]).toEqual([]);
      expect(bufferBytes).toBe(0);
      expect(buffers).toBe(0);
      expect(growth).toBe(0);
      expect(blockBytes).toBe(0);
      expect(losses[0]).toBeGreaterThan(1.5);
      expect(losses.at(-1)).toBeLessThan(losses[0]!);
    });
  }
});
