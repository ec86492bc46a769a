/**
 * Module.loadStateDict across devices: a CPU state dict (a checkpoint read from disk) loads into a
 * module on webgpu, as torch's load_state_dict copies across devices; a GPU dict into a CPU module
 * is refused before anything changes, naming the key and the asynchronous way.
 */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '@descent/autograd';
import { BatchNorm1d, Linear, Sequential } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

describe.runIf(hasGPU)('loadStateDict across devices', () => {
  it('loads a CPU state dict into a webgpu module (parameters and buffers), which then computes as the CPU model', async () => {
    manualSeed(1);
    const source = new Sequential(new Linear(4, 3), new BatchNorm1d(3));
    source.train();
    source.forward(randn([8, 4])); // running statistics and num_batches_tracked move away from their defaults
    source.eval();
    manualSeed(2);
    const target = new Sequential(new Linear(4, 3), new BatchNorm1d(3)).to('webgpu');
    target.eval();
    target.loadStateDict(source.stateDict());
    for (const [key, value] of Object.entries(target.stateDict())) {
      expect([key, value.device]).toEqual([key, 'webgpu']);
      expectClose(await value.dataAsync(), source.stateDict()[key]!.dataSync(), 0, 0, key);
    }
    const x = randn([5, 4]);
    expectClose(await target.forward(x.to('webgpu')).dataAsync(), source.forward(x).dataSync(), 1e-5, 1e-6, 'output');
  });

  it('refuses a webgpu state dict for a CPU module, leaving the module unchanged', async () => {
    manualSeed(3);
    const gpu = new Linear(2, 2).to('webgpu');
    manualSeed(4);
    const cpu = new Linear(2, 2);
    const before = cpu.weight.dataSync().slice();
    const dict = { weight: randn([2, 2]), bias: gpu.bias! };
    expect(() => cpu.loadStateDict(dict)).toThrow(
      "Error(s) in loading state_dict for Linear: 'bias' is on webgpu and the module on cpu; read it back first with await t.toAsync('cpu'), or move the module with module.to('webgpu')",
    );
    expect(Array.from(cpu.weight.dataSync())).toEqual(Array.from(before));
    expect(await gpu.bias!.dataAsync()).toHaveLength(2);
  });
});
