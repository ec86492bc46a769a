import { describe, expect, it } from 'vitest';
import { wasmKernels } from './index';
import { WasmHeap } from './heap';
import { webAssembly } from './wasm-api';

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
});
