/**
 * cat, flip and in-place writes into a view of part of a storage on 'webgpu' against the CPU on
 * the same inputs (pad and narrow's gradient are built from them).
 */
import { describe, expect, it } from 'vitest';
import { cat, manualSeed, randint, randn, stack, zeros } from '../../src/index';
import { expectClose, hasGPU } from './device';

describe.runIf(hasGPU)("cat, flip and partial in-place writes on 'webgpu' match the CPU", () => {
  manualSeed(41);

  it('cat along every dim, with strided operands, promotion and stack', async () => {
    const a = randn([2, 3, 4]);
    const b = randn([2, 1, 4]);
    const c = randn([4, 3, 2]).permute([2, 1, 0]); // [2, 3, 4], not contiguous
    for (const [parts, dim] of [[[a, c], 0], [[a, b, a], 1], [[a, c, a], 2], [[a, b], -2]] as const) {
      const expected = cat([...parts], dim);
      const actual = cat(parts.map((t) => t.to('webgpu')), dim);
      expect(actual.device).toBe('webgpu');
      expect(actual.shape).toEqual(expected.shape);
      expectClose(await actual.dataAsync(), expected.dataSync(), 0, 0);
    }
    const ints = randint(-5, 5, [2, 3, 4]);
    const mixed = cat([ints.to('webgpu'), a.to('webgpu')], 0);
    expect(mixed.dtype).toBe('float32');
    expectClose(await mixed.dataAsync(), cat([ints, a], 0).dataSync(), 0, 0);
    expectClose(await stack([a.to('webgpu'), c.to('webgpu')], 1).dataAsync(), stack([a, c], 1).dataSync(), 0, 0);
    expect(() => cat([a.to('webgpu'), a], 0)).toThrow('Expected all tensors to be on the same device');
  });

  it('flip over one and several dims, of a view', async () => {
    const a = randn([3, 4, 5]);
    for (const dims of [[0], [2], [0, 2], [-1, 1]]) {
      expectClose(await a.to('webgpu').flip(dims).dataAsync(), a.flip(dims).dataSync(), 0, 0);
    }
    expectClose(await a.to('webgpu').transpose(0, 2).flip([1]).dataAsync(), a.transpose(0, 2).flip([1]).dataSync(), 0, 0);
  });

  it('copy_ / add_ / fill_ on a slice write through the view and leave the rest', async () => {
    const base = randn([4, 6]);
    const src = randn([4, 2]);
    const cpu = base.clone();
    cpu.narrow(1, 3, 2).copy_(src);
    cpu.narrow(0, 1, 2).add_(1.5);
    cpu.select(1, 0).fill_(-2);
    const gpu = base.to('webgpu');
    gpu.narrow(1, 3, 2).copy_(src.to('webgpu'));
    gpu.narrow(0, 1, 2).add_(1.5);
    gpu.select(1, 0).fill_(-2);
    expectClose(await gpu.dataAsync(), cpu.dataSync(), 0, 0);
    // Overlapping source and destination (one storage) and a broadcast source.
    const z = zeros([3, 5]);
    z.narrow(1, 0, 4).copy_(randn([1, 4]).expand([3, 4]));
    const zg = z.to('webgpu');
    const zc = z.clone();
    zg.narrow(1, 1, 4).copy_(zg.narrow(1, 0, 4));
    zc.narrow(1, 1, 4).copy_(zc.narrow(1, 0, 4).clone());
    expectClose(await zg.dataAsync(), zc.dataSync(), 0, 0);
    // An expanded view has several elements at one location: PyTorch refuses to write it.
    const row = zeros([1, 4]).to('webgpu');
    expect(() => row.expand([3, 4]).fill_(1)).toThrow('more than one element of the written-to tensor refers to a single memory location');
  });
});
