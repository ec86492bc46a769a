import { describe, expect, it } from 'vitest';
import type { Tensor } from '@descent/autograd';
import type { Device } from '@descent/tensor';
import { Adam, SGD } from '../../src/index';
import type { Optimizer } from '../../src/optimizer';
import { cnnLoss, cnnSetup } from './cnn';
import { expectClose, hasGPU } from './gpu-device';

async function train(device: Device, make: (params: Tensor[]) => Optimizer<object>, steps: number): Promise<number[]> {
  const { params, x, y } = cnnSetup(device);
  const opt = make(params);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    const l = cnnLoss(params, x, y);
    l.backward();
    opt.step();
    losses.push(await l.itemAsync());
  }
  return losses;
}

const OPTIMIZERS: [string, (params: Tensor[]) => Optimizer<object>][] = [
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.05, momentum: 0.9 }) as unknown as Optimizer<object>],
  ['Adam', (p) => new Adam(p, { lr: 1e-2 }) as unknown as Optimizer<object>],
];

describe.runIf(hasGPU)('training a small CNN (conv → relu → max-pool → conv → relu → adaptive avg pool → linear) for 50 steps on webgpu', () => {
  for (const [name, make] of OPTIMIZERS) {
    it(`${name} ends at the CPU's loss from the same initial weights`, async () => {
      const cpu = await train('cpu', make, 50);
      const gpu = await train('webgpu', make, 50);
      console.log(`[webgpu] CNN ${name}: loss ${cpu[0]!.toFixed(4)} → cpu ${cpu[49]!.toFixed(6)}, webgpu ${gpu[49]!.toFixed(6)}`);
      // The loss falls, and every step's loss agrees with the CPU's to float32 rounding.
      expect(cpu[49]!).toBeLessThan(cpu[0]! * 0.8);
      expectClose(gpu, cpu, 2e-3, 1e-4, `${name} losses`);
    });
  }
});
