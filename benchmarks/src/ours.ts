/**
 * The Descent side of every workload, through the public API a user calls (`a.matmul(b)`,
 * `new Adam(...)`, `model.forward(x)`): the same code runs on the WebAssembly kernels and, in a
 * child process with DESCENT_WASM=0, on the TypeScript fallback.
 */
import { getNumThreads, scope, setNumThreads, tensor as plainTensor } from '@descent/tensor';
import type { Device } from '@descent/tensor';
import { manualSeed, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Conv2d, CrossEntropyLoss, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@descent/nn';
import { Adam, SGD } from '@descent/optim';
// Not part of the public surface: only the benchmark needs to wait for the worker pool.
import { wasmThreadsReady } from '../../packages/tensor/src/wasm/index';
import { SGD_LR } from './jax-peer';
import { ourActivationStep } from './activation-workloads';
import { median } from './measure';
import { ourLstmStep, ourTransformerStep } from './sequence-workloads';
import { ourOptimizerStep } from './optimizer-workloads';
import { CHAIN_LENGTH, CONV, LENET, MLP, random, type Workload } from './workloads';

/** One measured time of ours: the workload and a label such as `1T` or `2T`. */
export interface OurTime {
  workload: Workload;
  threads: number;
  ms: number;
}

async function threadsReady(threads: number, warm: () => void): Promise<void> {
  setNumThreads(threads);
  warm();
  for (let i = 0; i < 100 && threads > 1 && !wasmThreadsReady(); i++) await new Promise((r) => setTimeout(r, 20));
}

/** Times every workload on our side; `threadCounts` lists the thread counts for matmul. */
export async function measureOurs(workloads: readonly Workload[], threadCounts: readonly number[]): Promise<OurTime[]> {
  const times: OurTime[] = [];
  const initialThreads = getNumThreads();
  for (const workload of workloads) {
    // Products large enough to split over threads: matmul and the conv workloads.
    // Allocation per step is counted in a child process (alloc-child.ts), not timed.
    if (workload.kind === 'alloc') continue;
    const counts = workload.kind === 'matmul' || workload.kind === 'conv' || workload.kind === 'lenet' || workload.kind === 'mlp' || workload.kind === 'mlp-sgd' ? threadCounts : [1];
    for (const threads of counts) {
      const fn = build(workload);
      await threadsReady(threads, fn);
      times.push({ workload, threads, ms: await median(fn) });
    }
  }
  setNumThreads(initialThreads);
  return times;
}

/** One run of a workload on our side (also used by alloc-child.ts). */
export function build(workload: Workload): () => void {
  switch (workload.kind) {
    case 'matmul': {
      const n = workload.size;
      const a = plainTensor(random(n * n)).reshape([n, n]);
      const b = plainTensor(random(n * n)).reshape([n, n]);
      return () => void a.matmul(b);
    }
    case 'adam': {
      const param = tensor(random(workload.size), { requiresGrad: true });
      param.grad = tensor(random(workload.size));
      const optimizer = new Adam([param], { lr: 1e-3 });
      return () => void optimizer.step();
    }
    case 'add': {
      const a = plainTensor(random(workload.size));
      const b = plainTensor(random(workload.size));
      // In a scope the result's array goes back to the pools at its end and the next add reuses it.
      if (workload.scoped === true) return () => scope(() => void a.add(b));
      return () => void a.add(b);
    }
    case 'mlp':
      return mlpStep();
    case 'mlp-sgd':
      return mlpStep('sgd');
    case 'alloc':
      throw new Error('bench: allocation per step is not a timed workload');
    case 'chain':
      return chainStep();
    case 'lenet':
      return lenetStep();
    case 'conv':
      return convStep();
    case 'lstm':
      return ourLstmStep();
    case 'transformer':
      return ourTransformerStep();
    case 'optimizer':
      return ourOptimizerStep(workload.optimizer);
    case 'activation':
      return ourActivationStep(workload.activation);
  }
}

/** One LeNet-5 training step at batch 64: forward, cross entropy, backward, Adam. */
function lenetStep(): () => void {
  const step = lenetTraining();
  return () => void step();
}

/**
 * The LeNet-5 workload's training step on a device (the GPU run uses it too): the model, input and
 * labels are made on the CPU from seed 0 as in the CPU workload, then moved; each call runs one step
 * and returns its loss.
 */
export function lenetTraining(device: Device = 'cpu'): () => Tensor {
  manualSeed(0);
  const model = new Sequential(
    new Conv2d(1, 6, 5), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(256, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
  );
  if (device !== 'cpu') model.to(device);
  const lossFn = new CrossEntropyLoss();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const x = onDevice(randn([LENET.batch, 1, 28, 28]), device);
  const labels = onDevice(tensor(LENET.labels(), { dtype: 'int32' }), device);
  return () => {
    optimizer.zeroGrad();
    const loss = lossFn.forward(model.forward(x), labels);
    loss.backward();
    optimizer.step();
    return loss;
  };
}

/** A 3×3 conv layer (64 → 64, 'same'), forward and the gradients of its input, weight and bias. */
function convStep(): () => void {
  manualSeed(0);
  const { batch, channels, size, kernel } = CONV;
  const conv = new Conv2d(channels, channels, kernel, { padding: 1 });
  const x = randn([batch, channels, size, size], { requiresGrad: true });
  return () => {
    conv.zeroGrad();
    x.grad = null;
    conv.forward(x).sum().backward();
  };
}

/** One training step of a 784-256-10 ReLU MLP at batch 128: forward, cross entropy, backward, Adam (or SGD). */
function mlpStep(kind: 'adam' | 'sgd' = 'adam'): () => void {
  const step = mlpTraining(kind);
  return () => void step();
}

/**
 * The MLP workload's training step on a device (the GPU run uses it too): the model, input and
 * labels are made on the CPU from seed 0 as in the CPU workload, then moved; each call runs one step
 * and returns its loss.
 */
export function mlpTraining(kind: 'adam' | 'sgd' = 'adam', device: Device = 'cpu'): () => Tensor {
  manualSeed(0);
  const model = new Sequential(new Linear(MLP.input, MLP.hidden), new ReLU(), new Linear(MLP.hidden, MLP.classes));
  if (device !== 'cpu') model.to(device);
  const lossFn = new CrossEntropyLoss();
  const optimizer = kind === 'adam' ? new Adam(model.parameters(), { lr: 1e-3 }) : new SGD(model.parameters(), { lr: SGD_LR });
  const x = onDevice(randn([MLP.batch, MLP.input]), device);
  const labels = onDevice(tensor(MLP.labels(), { dtype: 'int32' }), device);
  return () => {
    optimizer.zeroGrad();
    const loss = lossFn.forward(model.forward(x), labels);
    loss.backward();
    optimizer.step();
    return loss;
  };
}

/** `t` itself on the CPU (the CPU workloads stay as they were), else its copy on `device`. */
function onDevice(t: Tensor, device: Device): Tensor {
  return device === 'cpu' ? t : t.to(device);
}

/** Forward and backward of a chain of alternating `add(0.5)` and `mul(0.999)` on one element. */
function chainStep(): () => void {
  const x = tensor([0.5], { requiresGrad: true });
  return () => {
    x.grad = null;
    let y: Tensor = x;
    for (let i = 0; i < CHAIN_LENGTH; i++) y = i % 2 === 0 ? y.add(0.5) : y.mul(0.999);
    y.sum().backward();
  };
}
