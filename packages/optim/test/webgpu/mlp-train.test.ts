import { describe, expect, it } from 'vitest';
import type { Tensor} from '@descent/autograd';
import { manualSeed, randint, randn } from '@descent/autograd';
import type { Device } from '@descent/tensor';
import { Adam, AdamW, SGD } from '../../src/index';
import type { Optimizer } from '../../src/optimizer';
import { expectClose, hasGPU } from './gpu-device';

/** A 784→64→10 MLP's parameters (the same values on each device) and a fixed batch of 32. */
function setup(device: Device): { params: Tensor[]; x: Tensor; y: Tensor } {
  manualSeed(7);
  const make = (shape: number[], scale: number): Tensor => {
    const t = randn(shape).mul(scale).to(device);
    t.requiresGrad = true;
    return t;
  };
  const params = [make([64, 784], 0.05), make([64], 0.05), make([10, 64], 0.1), make([10], 0.1)];
  const x = randn([32, 784]).to(device);
  const y = randint(0, 10, [32]).to(device);
  return { params, x, y };
}

function loss(params: Tensor[], x: Tensor, y: Tensor): Tensor {
  const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
  const logits = x.matmul(w1.t()).add(b1).relu().matmul(w2.t()).add(b2);
  return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
}

async function train(device: Device, make: (params: Tensor[]) => Optimizer<object>, steps: number): Promise<number[]> {
  const { params, x, y } = setup(device);
  const opt = make(params);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    const l = loss(params, x, y);
    l.backward();
    opt.step();
    losses.push(await l.itemAsync());
  }
  return losses;
}

const OPTIMIZERS: [string, (params: Tensor[]) => Optimizer<object>][] = [
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.05, momentum: 0.9 }) as unknown as Optimizer<object>],
  ['Adam', (p) => new Adam(p, { lr: 1e-3 }) as unknown as Optimizer<object>],
  ['AdamW', (p) => new AdamW(p, { lr: 1e-3, weightDecay: 0.1 }) as unknown as Optimizer<object>],
];

describe.runIf(hasGPU)('training a 784→64→10 MLP for 50 steps on webgpu', () => {
  for (const [name, make] of OPTIMIZERS) {
    it(`${name} ends at the CPU's loss`, async () => {
      const cpu = await train('cpu', make, 50);
      const gpu = await train('webgpu', make, 50);
      // The loss falls, and every step's loss agrees with the CPU's to float32 rounding.
      expect(cpu[49]!).toBeLessThan(cpu[0]! * 0.5);
      expectClose(gpu, cpu, 2e-3, 1e-4, `${name} losses`);
    });
  }
});
