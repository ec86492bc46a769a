/**
 * Each optimizer that runs on webgpu against itself on the CPU: the same parameters and loss,
 * 10 steps, the parameters compared after every step (float32 tolerance). The layer-wise ones,
 * SAM and LBFGS's Error are in layerwise-trajectories.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Device } from '@descent/tensor';
import { ASGD, Adadelta, Adagrad, Adam, Adamax, Lion, Lookahead, NAdam, RAdam, RMSprop, Rprop } from '../../src/index';
import type { Optimizer } from '../../src/optimizer';
import { expectClose, hasGPU } from './gpu-device';

type Make = (params: Tensor[]) => Optimizer<object>;
const as = (o: unknown): Optimizer<object> => o as Optimizer<object>;

/** A weight [5, 4] and a bias [5] (the same values on each device), and a fixed batch. */
function setup(device: Device): { params: Tensor[]; x: Tensor; y: Tensor } {
  manualSeed(21);
  const params = [randn([5, 4]).mul(0.5), randn([5]).mul(0.1)].map((t) => t.to(device).requiresGrad_());
  return { params, x: randn([8, 4]).to(device), y: randn([8, 5]).to(device) };
}

function loss([w, b]: Tensor[], x: Tensor, y: Tensor): Tensor {
  return x.matmul(w!.t()).add(b!).tanh().sub(y).square().mean();
}

/** The parameters after each of `steps` steps. */
async function trajectory(device: Device, make: Make, steps: number): Promise<number[][]> {
  const { params, x, y } = setup(device);
  const opt = make(params);
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    loss(params, x, y).backward();
    opt.step();
    const values: number[] = [];
    for (const p of params) values.push(...(await p.dataAsync()));
    out.push(values);
  }
  return out;
}

const RUN_ON_GPU: [string, Make][] = [
  ['RMSprop', (p) => as(new RMSprop(p, { lr: 0.01 }))],
  ['RMSprop centered, momentum, weightDecay', (p) => as(new RMSprop(p, { lr: 0.01, alpha: 0.9, centered: true, momentum: 0.8, weightDecay: 0.1 }))],
  ['RMSprop momentum, maximize', (p) => as(new RMSprop(p, { lr: 0.005, momentum: 0.5, maximize: true }))],
  ['Adagrad', (p) => as(new Adagrad(p, { lr: 0.1 }))],
  ['Adagrad lrDecay, initialAccumulatorValue, weightDecay', (p) => as(new Adagrad(p, { lr: 0.1, lrDecay: 0.05, initialAccumulatorValue: 0.5, weightDecay: 0.1 }))],
  ['Adagrad maximize', (p) => as(new Adagrad(p, { lr: 0.05, maximize: true }))],
  ['Adamax', (p) => as(new Adamax(p, { lr: 0.02, weightDecay: 0.1 }))],
  ['Adadelta', (p) => as(new Adadelta(p, { lr: 1, rho: 0.8, weightDecay: 0.05 }))],
  ['NAdam', (p) => as(new NAdam(p, { lr: 0.01, weightDecay: 0.05 }))],
  ['RAdam (rectified from step 6)', (p) => as(new RAdam(p, { lr: 0.01, betas: [0.9, 0.9], weightDecay: 0.05 }))],
  ['Lion', (p) => as(new Lion(p, { lr: 1e-3, weightDecay: 0.5 }))],
  ['ASGD', (p) => as(new ASGD(p, { lr: 0.05, lambd: 1e-3, t0: 4, weightDecay: 0.05 }))],
  ['Rprop', (p) => as(new Rprop(p, { lr: 0.01, etas: [0.4, 1.3], stepSizes: [1e-4, 0.05] }))],
  ['Rprop maximize', (p) => as(new Rprop(p, { lr: 0.01, maximize: true }))],
  ['Lookahead over Adam (k = 3)', (p) => as(new Lookahead(new Adam(p, { lr: 0.01 }), { k: 3, alpha: 0.5 }))],
];

describe.runIf(hasGPU)('optimizers on webgpu: 10 steps against the CPU', () => {
  it.each(RUN_ON_GPU)('%s', async (_name, make) => {
    const cpu = await trajectory('cpu', make, 10);
    const gpu = await trajectory('webgpu', make, 10);
    // The parameters move, and after every step they agree with the CPU's to float32 rounding.
    expect(Math.max(...cpu[9]!.map((v, i) => Math.abs(v - cpu[0]![i]!)))).toBeGreaterThan(1e-4);
    for (let s = 0; s < 10; s++) expectClose(gpu[s]!, cpu[s]!, 1e-4, 2e-6, `step ${s + 1}`);
  });

});
