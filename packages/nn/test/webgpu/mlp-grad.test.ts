import { describe, expect, it } from 'vitest';
import { manualSeed, randint, randn } from '@descent/autograd';
import { Linear, ReLU, Sequential, functional as F } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

function mlp(): Sequential {
  return new Sequential(new Linear(20, 16), new ReLU(), new Linear(16, 5));
}

describe.runIf(hasGPU)('an MLP on webgpu', () => {
  it('computes the same loss and gradients as on the CPU', async () => {
    manualSeed(0);
    const cpu = mlp();
    manualSeed(0);
    const gpu = mlp().to('webgpu');
    const x = randn([8, 20]);
    const y = randint(0, 5, [8]);
    const lossCPU = F.crossEntropy(cpu.forward(x), y);
    lossCPU.backward();
    const lossGPU = F.crossEntropy(gpu.forward(x.to('webgpu')), y.to('webgpu'));
    expect(lossGPU.device).toBe('webgpu');
    lossGPU.backward();
    expectClose([await lossGPU.itemAsync()], [lossCPU.item()], 1e-5, 1e-6, 'loss');
    const pc = [...cpu.parameters()];
    const pg = [...gpu.parameters()];
    for (let i = 0; i < pc.length; i++) {
      expect(pg[i]!.grad!.device).toBe('webgpu');
      expectClose(await pg[i]!.grad!.dataAsync(), pc[i]!.grad!.dataSync(), 1e-4, 1e-6, `grad ${i}`);
    }
  });
});
