import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initWebGPU, releaseWebGPU, webgpuContext, webgpuInfo } from '../../src/webgpu/runtime';
import { initWebGPU as initNode } from '../../src/webgpu-node';
import { sizeClass } from '../../src/webgpu/pool';

describe('webgpu runtime without an adapter', () => {
  it('resolves false without navigator.gpu, and asking for the device says why', async () => {
    expect(await initWebGPU()).toBe(false);
    expect(() => webgpuContext()).toThrow("WebGPU is not available: this environment has no WebGPU (navigator.gpu is undefined; in Node, use initWebGPU from @descent/tensor/webgpu-node). Await initWebGPU() and check that it returns true before using the 'webgpu' device.");
  });

  it('resolves false when requestAdapter finds none', async () => {
    const gpu = { requestAdapter: () => Promise.resolve(null) };
    expect(await initWebGPU({ gpu })).toBe(false);
    expect(() => webgpuInfo()).toThrow('no WebGPU adapter was found (requestAdapter() returned null)');
  });

  it('rejects options that are not an object', async () => {
    await expect(initWebGPU(3 as never)).rejects.toThrow('initWebGPU(): options must be an object, got 3');
  });

  it('buckets sizes by powers of two from 256 bytes', () => {
    expect([0, 1, 256, 257, 1000, 4096, 4097].map(sizeClass)).toEqual([256, 256, 256, 512, 1024, 4096, 8192]);
    expect(() => sizeClass(-1)).toThrow('byteLength must be a non-negative integer, got -1');
  });
});

const hasGPU = await initNode();
releaseWebGPU();

describe.skipIf(!hasGPU)('webgpu runtime on an adapter', () => {
  it('requests the adapter\'s real limits and reports shader-f16 only when offered', async () => {
    expect(await initNode()).toBe(true);
    const info = webgpuInfo();
    const { device } = webgpuContext();
    expect(info.maxStorageBufferBindingSize).toBe(device.limits.maxStorageBufferBindingSize);
    expect(info.maxComputeWorkgroupStorageSize).toBeGreaterThanOrEqual(16384);
    expect(info.shaderF16).toBe(device.features.has('shader-f16'));
    releaseWebGPU();
    expect(() => webgpuContext()).toThrow('the WebGPU device was released; call initWebGPU() again');
  });

  it('lets a Node process exit once the device is released', async () => {
    const child = fileURLToPath(new URL('./release-child.ts', import.meta.url));
    const started = Date.now();
    const { stdout, code } = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      const proc = execFile(process.execPath, ['--conditions=@descent/source', '--import', 'tsx', child], { timeout: 30_000, env: process.env }, (error, out) => {
        resolve({ stdout: out, code: error === null ? 0 : ((error as { code?: number }).code ?? null) });
      });
      proc.stdin?.end();
    });
    expect(code).toBe(0);
    expect(stdout).toContain('values 1,4,9');
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
