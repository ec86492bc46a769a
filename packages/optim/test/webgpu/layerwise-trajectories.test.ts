/**
 * The layer-wise and wrapper optimizers on webgpu against themselves on the CPU (Adafactor, LAMB,
 * LARS, Muon, Prodigy, AdEMAMix, the Schedule-Free pair, SAM): the same parameters and loss, 10
 * steps, the parameters compared after every step (float32 tolerance), with several option sets,
 * weight decay and parameter groups. Their scalars (norms, trust ratios, Prodigy's d) stay 0-d GPU
 * tensors; LBFGS keeps a clear Error.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, manualSeed, randn } from '@descent/autograd';
import type { Device } from '@descent/tensor';
import { AdEMAMix, Adafactor, Adam, AveragedModel, LAMB, LARS, LBFGS, Muon, Prodigy, SAM, SGD, ScheduleFreeAdamW, ScheduleFreeSGD } from '../../src/index';
import type { AveragedModelOptions } from '../../src/index';
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

/** The parameters after each of `steps` steps (with a closure that runs backward when `closure`). */
async function trajectory(device: Device, make: Make, steps: number, closure = false): Promise<{ values: number[][]; opt: Optimizer<object>; params: Tensor[] }> {
  const { params, x, y } = setup(device);
  const opt = make(params);
  const values: number[][] = [];
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    if (closure) {
      opt.step(() => {
        const l = loss(params, x, y);
        l.backward();
        return l;
      });
    } else {
      loss(params, x, y).backward();
      opt.step();
    }
    const v: number[] = [];
    for (const p of params) v.push(...(await p.dataAsync()));
    values.push(v);
  }
  return { values, opt, params };
}

async function compare(make: Make, closure = false, rtol = 1e-4, atol = 2e-6): Promise<{ cpu: Optimizer<object>; gpu: Optimizer<object>; cpuParams: Tensor[]; gpuParams: Tensor[]; moved: number }> {
  const cpu = await trajectory('cpu', make, 10, closure);
  const gpu = await trajectory('webgpu', make, 10, closure);
  const [c0, c9] = [cpu.values[0]!, cpu.values[9]!];
  // The parameters move, and after every step they agree with the CPU's to float32 rounding.
  const moved = Math.max(...c9.map((v, i) => Math.abs(v - c0[i]!)));
  expect(moved).toBeGreaterThan(1e-4);
  for (let s = 0; s < 10; s++) expectClose(gpu.values[s]!, cpu.values[s]!, rtol, atol, `step ${s + 1}`);
  return { cpu: cpu.opt, gpu: gpu.opt, cpuParams: cpu.params, gpuParams: gpu.params, moved };
}

function scheduleFree<T extends { train(): void }>(opt: T): Optimizer<object> {
  opt.train();
  return as(opt);
}

const RUN_ON_GPU: [string, Make][] = [
  ['Adafactor', (p) => as(new Adafactor(p))],
  ['Adafactor weightDecay, d, beta2Decay, maximize', (p) => as(new Adafactor(p, { lr: 0.05, weightDecay: 0.1, d: 1.5, beta2Decay: -0.5, maximize: true }))],
  ['Adafactor groups (eps given)', (p) => as(new Adafactor([{ params: [p[0]!], eps: [1e-20, 1e-3] }, { params: [p[1]!], lr: 0.03 }]))],
  ['LAMB', (p) => as(new LAMB(p, { lr: 0.01 }))],
  ['LAMB weightDecay, betas', (p) => as(new LAMB(p, { lr: 0.02, weightDecay: 0.1, betas: [0.8, 0.9] }))],
  ['LAMB groups', (p) => as(new LAMB([{ params: [p[0]!], weightDecay: 0.2 }, { params: [p[1]!], lr: 0.05 }], { lr: 0.01 }))],
  ['LARS', (p) => as(new LARS(p, { lr: 0.1 }))],
  ['LARS momentum, weightDecay, trustCoefficient', (p) => as(new LARS(p, { lr: 0.5, momentum: 0.9, dampening: 0.1, weightDecay: 0.01, trustCoefficient: 0.02 }))],
  ['LARS nesterov, groups', (p) => as(new LARS([{ params: [p[0]!], weightDecay: 0.05 }, { params: [p[1]!], weightDecay: 0 }], { lr: 0.3, momentum: 0.8, nesterov: true, trustCoefficient: 0.05 }))],
  ['Muon (AdamW for the bias)', (p) => as(new Muon(p, { lr: 0.02 }))],
  ['Muon no nesterov, weightDecay', (p) => as(new Muon(p, { lr: 0.03, nesterov: false, momentum: 0.9, weightDecay: 0.1, adamw: { lr: 0.01, weightDecay: 0.1 } }))],
  ['Prodigy', (p) => as(new Prodigy(p, { d0: 1e-3 }))],
  ['Prodigy coupled weightDecay, beta1 0, growthRate', (p) => as(new Prodigy(p, { d0: 1e-3, weightDecay: 0.1, decouple: false, betas: [0, 0.99], growthRate: 1.5 }))],
  ['Prodigy biasCorrection, safeguardWarmup, decoupled decay, groups', (p) => as(new Prodigy([{ params: [p[0]!], weightDecay: 0.05 }, { params: [p[1]!] }], { d0: 1e-3, biasCorrection: true, safeguardWarmup: true, beta3: 0.9 }))],
  ['AdEMAMix', (p) => as(new AdEMAMix(p, { lr: 0.01 }))],
  ['AdEMAMix beta1 0, warmups, weightDecay', (p) => as(new AdEMAMix(p, { lr: 0.01, betas: [0, 0.999, 0.99], alpha: 5, betaWarmup: 5, alphaWarmup: 5, weightDecay: 0.1 }))],
  ['ScheduleFreeAdamW', (p) => scheduleFree(new ScheduleFreeAdamW(p, { lr: 0.01 }))],
  ['ScheduleFreeAdamW warmup, weightDecay, r, groups', (p) => scheduleFree(new ScheduleFreeAdamW([{ params: [p[0]!], weightDecay: 0.1 }, { params: [p[1]!], lr: 0.02 }], { lr: 0.01, warmupSteps: 3, r: 1 }))],
  ['ScheduleFreeSGD', (p) => scheduleFree(new ScheduleFreeSGD(p, { lr: 0.05 }))],
  ['ScheduleFreeSGD momentum, weightDecay, warmup', (p) => scheduleFree(new ScheduleFreeSGD(p, { lr: 0.05, momentum: 0.8, weightDecay: 0.1, warmupSteps: 2 }))],
];

describe.runIf(hasGPU)('layer-wise optimizers on webgpu: 10 steps against the CPU', () => {
  it.each(RUN_ON_GPU)('%s', async (name, make) => {
    // Prodigy's d is a ratio of sums over every parameter (float64 on the CPU, float32 on the GPU)
    // that then scales every step: its trajectories agree to 1e-3 relative, the others to 1e-4.
    const { moved } = await compare(make, false, name.startsWith('Prodigy') ? 1e-3 : 1e-4);
    expect(moved).toBeGreaterThan(1e-4);
  });

  it.each([
    ['SAM over SGD with momentum', (p: Tensor[]) => as(new SAM(p, (q) => new SGD(q, { lr: 0.1, momentum: 0.9 }), { rho: 0.1 }))],
    ['SAM adaptive over Adam, groups', (p: Tensor[]) => as(new SAM([{ params: [p[0]!], rho: 0.5 }, { params: [p[1]!] }], (q) => new Adam(q, { lr: 0.02 }), { adaptive: true }))],
  ] as [string, Make][])('%s (the closure runs on the GPU; its loss is not read back)', async (_name, make) => {
    const { cpu, gpu } = await compare(make, true);
    const cpuLoss = (cpu as unknown as SAM).lastLoss as Tensor;
    const gpuLoss = (gpu as unknown as SAM).lastLoss as Tensor;
    expect(gpuLoss).toBeInstanceOf(Tensor);
    expect(gpuLoss.device).toBe('webgpu');
    expectClose(await gpuLoss.dataAsync(), await cpuLoss.dataAsync(), 1e-4, 1e-6, 'loss');
    // step returns the loss as a number on the CPU, undefined on the GPU (no readback).
    const { params, x, y } = setup('webgpu');
    const sam = new SAM(params, (q) => new SGD(q, { lr: 0.1 }));
    loss(params, x, y).backward();
    expect(sam.step(() => { const l = loss(params, x, y); l.backward(); return l; })).toBeUndefined();
  });

  it('ScheduleFree eval() and train() move GPU parameters between x and y as on the CPU', async () => {
    for (const make of [(p: Tensor[]) => scheduleFree(new ScheduleFreeAdamW(p, { lr: 0.02, warmupSteps: 2 })), (p: Tensor[]) => scheduleFree(new ScheduleFreeSGD(p, { lr: 0.05 }))]) {
      const { cpu, gpu, cpuParams, gpuParams } = await compare(make);
      for (const mode of ['eval', 'train'] as const) {
        const before = await gpuParams[0]!.dataAsync();
        (cpu as unknown as ScheduleFreeSGD)[mode]();
        (gpu as unknown as ScheduleFreeSGD)[mode]();
        const after = await gpuParams[0]!.dataAsync();
        expect(Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i]!)))).toBeGreaterThan(1e-5);
        for (let i = 0; i < 2; i++) expectClose(await gpuParams[i]!.dataAsync(), await cpuParams[i]!.dataAsync(), 1e-4, 2e-6, `${mode} param ${i}`);
      }
    }
  });

  it('LAMB keeps its norms and trust ratio as 0-d GPU tensors; stateDict round-trips', async () => {
    const make = (p: Tensor[]): Optimizer<object> => as(new LAMB(p, { lr: 0.02, weightDecay: 0.1 }));
    const { cpu, gpu, gpuParams } = await compare(make);
    const cpuState = cpu.stateDict().state[0]!;
    const saved = gpu.stateDict();
    const gpuState = saved.state[0]!;
    for (const key of ['weightNorm', 'adamNorm', 'trustRatio']) {
      const t = gpuState[key] as Tensor;
      expect(t.ndim).toBe(0);
      expect(t.device).toBe('webgpu');
      expectClose(await t.dataAsync(), [cpuState[key] as number], 1e-4, 1e-6, key);
    }
    const fresh = new LAMB(gpuParams, { lr: 0.02, weightDecay: 0.1 });
    fresh.loadStateDict(saved);
    expectClose(await (fresh.stateDict().state[0]!.trustRatio as Tensor).dataAsync(), await (gpuState.trustRatio as Tensor).dataAsync(), 0, 0, 'loaded');
  });

  it('Prodigy keeps d on the GPU: stateDict holds 0-d GPU tensors, dAsync reads it, d throws', async () => {
    const make = (p: Tensor[]): Optimizer<object> => as(new Prodigy(p, { d0: 1e-3 }));
    const { cpu, gpu } = await compare(make, false, 1e-3);
    const prodigy = gpu as unknown as Prodigy;
    const cpuD = (cpu as unknown as Prodigy).d;
    expect(cpuD).toBeGreaterThan(1e-3);
    expectClose([await prodigy.dAsync()], [cpuD], 1e-4, 0, 'd');
    expect(() => prodigy.d).toThrow(/Prodigy\.d: .*webgpu.*dAsync/);
    const group = gpu.stateDict().paramGroups[0] as Record<string, unknown>;
    for (const key of ['d', 'dMax', 'dNumerator', 'dDenom', 'dHat']) {
      expect((group[key] as Tensor).device).toBe('webgpu');
      expectClose(await (group[key] as Tensor).dataAsync(), [(cpu.stateDict().paramGroups[0] as Record<string, number>)[key]!], 1e-3, 1e-12, key);
    }
  });

  it('a CPU checkpoint resumes on webgpu, and a webgpu checkpoint in a fresh GPU optimizer (Prodigy, LAMB, Adafactor)', async () => {
    const makes: Make[] = [
      (p) => as(new Prodigy(p, { d0: 1e-3, weightDecay: 0.05 })),
      (p) => as(new LAMB(p, { lr: 0.02, weightDecay: 0.1 })),
      (p) => as(new Adafactor(p, { lr: 0.05 })),
    ];
    for (const make of makes) {
      const stepOnce = (opt: Optimizer<object>, params: Tensor[], x: Tensor, y: Tensor): void => {
        opt.zeroGrad();
        loss(params, x, y).backward();
        opt.step();
      };
      // 8 steps on the CPU as the reference; 4 on the CPU, 2 on the GPU from its checkpoint, 2 more from the GPU's.
      const ref = setup('cpu');
      const refOpt = make(ref.params);
      for (let i = 0; i < 8; i++) stepOnce(refOpt, ref.params, ref.x, ref.y);
      const cpu = setup('cpu');
      const cpuOpt = make(cpu.params);
      for (let i = 0; i < 4; i++) stepOnce(cpuOpt, cpu.params, cpu.x, cpu.y);
      const toGPU = (ts: Tensor[]): Tensor[] => ts.map((t) => t.detach().to('webgpu').requiresGrad_());
      const [x, y] = [cpu.x.to('webgpu'), cpu.y.to('webgpu')];
      const gpuParams = toGPU(cpu.params);
      const gpuOpt = make(gpuParams);
      gpuOpt.loadStateDict(cpuOpt.stateDict());
      for (let i = 0; i < 2; i++) stepOnce(gpuOpt, gpuParams, x, y);
      const fresh = make(gpuParams);
      fresh.loadStateDict(gpuOpt.stateDict());
      for (let i = 0; i < 2; i++) stepOnce(fresh, gpuParams, x, y);
      for (let i = 0; i < 2; i++) expectClose(await gpuParams[i]!.dataAsync(), await ref.params[i]!.dataAsync(), 1e-3, 2e-6, `${fresh.constructor.name} param ${i}`);
    }
  });

  it('Prodigy with every gradient zero leaves the parameters and d alone, as on the CPU', async () => {
    const { params } = setup('webgpu');
    const opt = new Prodigy(params, { d0: 1e-3 });
    for (const p of params) p.grad = p.detach().mul(0);
    const before = await params[0]!.dataAsync();
    opt.step();
    expect(Array.from(await params[0]!.dataAsync())).toEqual(Array.from(before));
    expect(await opt.dAsync()).toBeCloseTo(1e-3, 9);
  });

  it('LBFGS throws an Error naming itself and webgpu and saying to move the parameters to the CPU, and changes nothing', async () => {
    const { params, x, y } = setup('webgpu');
    const opt = new LBFGS(params);
    loss(params, x, y).backward();
    const before = await params[0]!.dataAsync();
    expect(() => opt.step(() => loss(params, x, y))).toThrow(/^LBFGS\.step\(\) does not run on webgpu .*Move the parameters to the CPU/);
    expect(Array.from(await params[0]!.dataAsync())).toEqual(Array.from(before));
  });
});

describe.runIf(hasGPU)('AveragedModel (SWA, EMA) of GPU parameters', () => {
  it.each([
    ['swa', { useBuffers: true }],
    ['ema', { mode: 'ema' as const, decay: 0.8 }],
  ] as [string, AveragedModelOptions][])('%s: 6 updates over an SGD run agree with the CPU', async (_name, options) => {
    const run = (device: Device): { avg: AveragedModel; model: { parameters(): Tensor[]; buffers(): Tensor[] } } => {
      const { params, x, y } = setup(device);
      const buffer = randn([3]).to(device);
      const model = { parameters: () => params, buffers: () => [buffer] };
      const avg = new AveragedModel(model, options);
      const opt = new SGD(params, { lr: 0.2, momentum: 0.5 });
      for (let i = 0; i < 6; i++) {
        opt.zeroGrad();
        loss(params, x, y).backward();
        opt.step();
        buffer.add_(0.5);
        avg.updateParameters(model);
      }
      return { avg, model };
    };
    const cpu = run('cpu');
    const gpu = run('webgpu');
    expect(gpu.avg.numAveraged).toBe(6);
    for (const key of ['averaged', 'buffers'] as const) {
      for (let i = 0; i < cpu.avg[key].length; i++) {
        expect(gpu.avg[key][i]!.device).toBe('webgpu');
        expectClose(await gpu.avg[key][i]!.dataAsync(), await cpu.avg[key][i]!.dataAsync(), 1e-4, 1e-6, `${key} ${i}`);
      }
    }
    // The average differs from the last iterate, and copyTo writes it into the GPU model.
    const last = await gpu.model.parameters()[0]!.dataAsync();
    const averaged = await gpu.avg.averaged[0]!.dataAsync();
    expect(Math.max(...Array.from(last, (v, i) => Math.abs(v - averaged[i]!)))).toBeGreaterThan(1e-4);
    gpu.avg.copyTo(gpu.model);
    expect(Array.from(await gpu.model.parameters()[0]!.dataAsync())).toEqual(Array.from(averaged));
  });

  it('a custom avgFn on webgpu throws an Error naming AveragedModel and webgpu', () => {
    const { params } = setup('webgpu');
    const model = { parameters: () => params };
    const avg = new AveragedModel(model, { avgFn: (a, c) => (a + c) / 2 });
    avg.updateParameters(model);
    expect(() => avg.updateParameters(model)).toThrow(/^AveragedModel\.updateParameters: a custom avgFn .* webgpu/);
  });
});
