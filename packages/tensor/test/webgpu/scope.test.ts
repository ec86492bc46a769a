/**
 * The opt-in memory scope on the GPU: storages born inside and not returned give their buffers back
 * to the GPU pool when the scope ends; what is returned or kept stays readable with its values.
 */
import { describe, expect, it } from 'vitest';
import { keep, randn, scope, webgpuCounters } from '../../src/index';
import type { Tensor } from '../../src/index';
import { hasGPU } from './device';

describe.runIf(hasGPU)('scope() on webgpu tensors', () => {
  it('returns the dead intermediates to the pool and keeps the result and kept tensors', async () => {
    const xCPU = randn([64, 64]);
    const x = xCPU.to('webgpu');
    let kept: Tensor | null = null;
    const run = (): Tensor =>
      scope(() => {
        const a = x.mul(2).add(1); // dead at the end
        const b = a.tanh(); // dead
        kept = keep(b.sum(1)); // kept by the user
        return b.mean(0); // returned
      });
    run(); // warm-up: the pool gets its buffers
    await x.sum().itemAsync();
    const before = webgpuCounters();
    const out = run();
    const after = webgpuCounters();
    // The two dead 64×64 intermediates (16 KiB each) went back to the pool and served again: at
    // most the two small results needed new buffers (the warm-up's results wait for the collector),
    // and only they (one 256-byte size class each) stayed live.
    expect(after.buffersCreated - before.buffersCreated).toBeLessThanOrEqual(2);
    expect(after.liveBytes - before.liveBytes).toBeLessThanOrEqual(2 * 256);
    const expected = xCPU.mul(2).add(1).tanh();
    const got = await out.dataAsync();
    const want = expected.mean(0).dataSync();
    for (let i = 0; i < 64; i++) expect(got[i]).toBeCloseTo(want[i] as number, 5);
    const gotKept = await (kept as unknown as Tensor).dataAsync();
    const wantKept = expected.sum(1).dataSync();
    for (let i = 0; i < 64; i++) expect(gotKept[i]).toBeCloseTo(wantKept[i] as number, 4);
  });

  it('gives back the intermediate of a returned expression', () => {
    const x = randn([8]).to('webgpu');
    const before = webgpuCounters();
    scope(() => x.add(1).mul(3));
    const mid = webgpuCounters();
    // add(1)'s 256-byte buffer was given back; only the returned result stays live.
    expect(mid.liveBytes - before.liveBytes).toBeLessThanOrEqual(256);
  });
});
