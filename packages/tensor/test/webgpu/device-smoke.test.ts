import { describe, expect, it } from 'vitest';
import { hasGPU } from './device';
import { tensor, randn, zeros } from '../../src/index';

describe.runIf(hasGPU)('smoke', () => {
  it('adds', async () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const g = a.to('webgpu');
    expect(g.device).toBe('webgpu');
    const s = g.add(1).mul(g).sum(1);
    expect(await s.toArray()).toEqual([20, 92]);
    expect(String(g)).toContain("webgpu");
    const m = randn([5, 7], { device: 'webgpu' }).matmul(randn([7, 3], { device: 'webgpu' }));
    expect(m.shape).toEqual([5, 3]);
    await m.dataAsync();
    expect(() => g.item()).toThrow(/itemAsync/);
    expect(() => g.add(a)).toThrow(/same device/);
    expect(() => zeros([2]).add(g)).toThrow(/same device/);
  });
});
