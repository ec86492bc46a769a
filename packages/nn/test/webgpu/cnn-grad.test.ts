import { describe, expect, it } from 'vitest';
import { manualSeed, randint, randn } from '@descent/autograd';
import { AdaptiveAvgPool2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, functional as F } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

/** conv → relu → max-pool → conv (reflect padding) → relu → adaptive avg pool → flatten → linear, from nn's layers. */
function cnn(): Sequential {
  return new Sequential(
    new Conv2d(1, 4, 3, { padding: 1 }),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(4, 8, 3, { padding: 1, paddingMode: 'reflect' }),
    new ReLU(),
    new AdaptiveAvgPool2d(1),
    new Flatten(),
    new Linear(8, 10),
  );
}

describe.runIf(hasGPU)("a CNN of nn layers on webgpu", () => {
  it('computes the same loss and parameter gradients as on the CPU', async () => {
    manualSeed(5);
    const cpu = cnn();
    manualSeed(5);
    const gpu = cnn().to('webgpu');
    const x = randn([6, 1, 8, 8]);
    const y = randint(0, 10, [6]);
    const lossCPU = F.crossEntropy(cpu.forward(x), y);
    lossCPU.backward();
    const lossGPU = F.crossEntropy(gpu.forward(x.to('webgpu')), y.to('webgpu'));
    expect(lossGPU.device).toBe('webgpu');
    lossGPU.backward();
    expectClose([await lossGPU.itemAsync()], [lossCPU.item()], 1e-5, 1e-6, 'loss');
    const pc = [...cpu.parameters()];
    const pg = [...gpu.parameters()];
    expect(pg.length).toBe(6);
    for (let i = 0; i < pc.length; i++) {
      expect(pg[i]!.grad!.device).toBe('webgpu');
      expectClose(await pg[i]!.grad!.dataAsync(), pc[i]!.grad!.dataSync(), 1e-4, 1e-6, `grad ${i}`);
    }
  });
});
