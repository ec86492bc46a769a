import { describe, expect, it } from 'vitest';
import { WASM_GC_BUDGET, wasmKernels } from './index';
import { WasmHeap } from './heap';
import { webAssembly } from './wasm-api';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const kernels = wasmKernels();

describe.skipIf(kernels === null)('wasm memory stays flat', () => {
  it('10,000 Adam steps, matmuls and adds grow neither wasm memory nor the JS heap materially', () => {
    const k = kernels!;
    const n = 4099;
    const p = new Float32Array(n).fill(0.5), g = new Float32Array(n).fill(0.01), m = new Float32Array(n), v = new Float32Array(n);
    const a = new Float32Array(24 * 24).fill(1), out = new Float32Array(24 * 24);
    const step = (t: number): void => {
      k.adam(p, g, m, v, null, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, step: t });
      k.matmul(a, a, out, { m: 24, k: 24, n: 24 });
      k.binary('add', p, g, g);
    };
    for (let t = 1; t <= 100; t++) step(t);
    const wasmBefore = k.memoryBytes();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let t = 101; t <= 10_100; t++) step(t);
    expect(k.memoryBytes()).toBe(wasmBefore);
    // Each call makes a few short-lived views; 10,000 calls leaking even 1 KiB each would add 10 MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(8 * 2 ** 20);
    expect(out[0]).toBe(24);
  });

  it('reuses and coalesces freed blocks', () => {
    const api = webAssembly()!;
    const heap = new WasmHeap(new api.Memory({ initial: 2, maximum: 100 }));
    const a = heap.alloc(100_000);
    const b = heap.alloc(100);
    heap.free(a, 100_000);
    heap.free(b, 100);
    // Both blocks returned: the next request of their combined size starts where `a` did.
    expect(heap.alloc(100_064)).toBe(a);
    // Blocks start after the unused first page: 65536 + 100,064 bytes needs 3 pages (growth is at
    // least ×1.5 of 2 pages = 3 pages), and the second request reused that space instead of growing.
    expect(heap.byteLength).toBe(3 * 65536);
  });

  it('release gives a block back at once, for alloc and allocViews alike', () => {
    const k = kernels!;
    const pending = k.gcBytes();
    const a = k.alloc('float64', 3000);
    expect(k.owns(a)).toBe(true);
    expect(k.gcBytes()).toBe(pending + 24_000);
    const at = a.byteOffset;
    k.release(a);
    expect(k.gcBytes()).toBe(pending);
    // First fit: the next block of that size starts where the released one did.
    const b = k.alloc('float64', 3000);
    expect(b.byteOffset).toBe(at);
    expect(Array.from(b.subarray(0, 3))).toEqual([0, 0, 0]);
    const { whole, views } = k.allocViews('float32', [1000, 2000]);
    expect(views[1]!.byteOffset).toBe(whole.byteOffset + 4000);
    expect(k.gcBytes()).toBe(pending + 24_000 + 12_000);
    k.release(whole);
    k.release(whole); // a second release is a no-op
    k.release(new Float32Array(4)); // not from alloc: left alone
    expect(k.gcBytes()).toBe(pending + 24_000);
    k.release(b);
    expect(k.gcBytes()).toBe(pending);
  });
  it('arrays the collector must free stop taking wasm memory at the budget in a loop that never yields', async () => {
    const k = kernels!;
    const before = k.memoryBytes();
    const pending = k.gcBytes();
    // 16 KiB per array, dropped at once, as an optimizer constructed per step drops its state. No
    // FinalizationRegistry callback can run inside this loop: 20,000 arrays would be 312 MiB.
    const n = 4096;
    let owned = 0;
    let at10k = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = k.alloc('float32', n);
      if (k.owns(a)) owned++;
      a[n - 1] = i;
      expect(a[0]).toBe(0);
      if (i === 9_999) at10k = k.memoryBytes();
    }
    // As many arrays as fit in the budget were resident; the rest were plain arrays.
    expect(owned).toBe(Math.floor((WASM_GC_BUDGET - pending) / (n * 4)));
    expect(k.gcBytes()).toBe(pending + owned * n * 4);
    expect(k.memoryBytes() - before).toBeLessThanOrEqual(WASM_GC_BUDGET * 1.5);
    // Flat over the second half of the loop.
    expect(k.memoryBytes()).toBe(at10k);
    // Once the loop yields, the collector returns the dropped blocks and arrays are resident again.
    for (let tries = 0; tries < 50 && k.gcBytes() > pending; tries++) {
      collect();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(k.gcBytes()).toBeLessThanOrEqual(pending);
    expect(k.owns(k.alloc('float32', n))).toBe(true);
  });

});
