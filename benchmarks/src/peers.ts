/**
 * The TensorFlow.js side of every workload: tfjs-core 4.22 on tfjs-backend-cpu and on
 * tfjs-backend-wasm (XNNPACK, SIMD), the same sizes and the same arithmetic as ours.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// tfjs-core registers its gradients only from a file Node's ESM loader cannot import; the
// autograd benchmark registers the few the workloads need, and this run shares them.
import { registerBenchGradients } from '../../packages/autograd/bench/tfjs-gradients';
import { tfjsActivationStep } from './activation-workloads';
import { median } from './measure';
import { tfjsLstmStep, tfjsTransformerStep } from './sequence-workloads';
import { registerAllTfjsGradients } from './tfjs-all-gradients';
import { registerConvGradients } from './tfjs-conv-gradients';
import { CHAIN_LENGTH, CONV, LENET, MLP, random, type Workload } from './workloads';
import { measureJax, SGD_LR } from './jax-peer';

/** The peers: tfjs backend names, and jax-js (its wasm backend). */
export const PEERS = ['cpu', 'wasm', 'jax'] as const;
export type Peer = (typeof PEERS)[number];

/** One measured time of a peer. */
export interface PeerTime {
  workload: Workload;
  peer: Peer;
  ms: number;
}

let initialised = false;
async function useBackend(peer: Peer | 'webgpu'): Promise<void> {
  if (!initialised) {
    const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '..', 'dist') + '/';
    setWasmPaths(wasmDir);
    // tfjs's own gradients first (the sequence workloads need many); the benchmark's own rules
    // for the MLP, the chain and the convolutions then replace theirs, without tfjs's warnings.
    await registerAllTfjsGradients();
    const warn = console.warn;
    console.warn = () => {};
    try {
      registerBenchGradients();
      registerConvGradients();
    } finally {
      console.warn = warn;
    }
    initialised = true;
  }
  if (!(await tf.setBackend(peer))) throw new Error(`bench: tfjs backend ${peer} did not initialise`);
  await tf.ready();
}

/** Times the workloads on every peer (operands are made after switching backends). */
export async function measurePeers(workloads: readonly Workload[]): Promise<PeerTime[]> {
  const times: PeerTime[] = [];
  for (const workload of workloads) {
    for (const peer of PEERS) {
      // BENCH_PEERS (e.g. `wasm`) skips the others: tfjs-cpu's conv backward takes minutes.
      if (process.env.BENCH_PEERS !== undefined && !process.env.BENCH_PEERS.split(',').includes(peer)) continue;
      // tfjs has none of the optimizers beyond torch.optim: those rows show ours only.
      if (workload.kind === 'optimizer') continue;
      if (peer === 'jax') {
        times.push({ workload, peer, ms: await measureJax(workload) });
        continue;
      }
      // Allocation per step is counted in a child process (alloc-child.ts), not timed.
      if (workload.kind === 'alloc') continue;
      await useBackend(peer);
      const { run, dispose } = build(workload);
      times.push({ workload, peer, ms: await median(run) });
      dispose();
    }
  }
  return times;
}

interface Built {
  run: () => void;
  dispose: () => void;
  /** The training steps only: one step that returns the loss unread (the GPU run reads it asynchronously). */
  step?: () => tf.Scalar | null;
}

// Results are read with dataSync (not through tf.tidy's return value, which walks a returned
// typed array element by element and would swamp the measurement). Also used by alloc-child.ts.
export { build as buildTfjs, useBackend };
function build(workload: Workload): Built {
  switch (workload.kind) {
    case 'matmul': {
      const n = workload.size;
      const a = tf.tensor2d(random(n * n), [n, n]);
      const b = tf.tensor2d(random(n * n), [n, n]);
      return { run: () => readAndDispose(tf.matMul(a, b)), dispose: () => tf.dispose([a, b]) };
    }
    case 'add': {
      const a = tf.tensor1d(random(workload.size));
      const b = tf.tensor1d(random(workload.size));
      return { run: () => readAndDispose(tf.add(a, b)), dispose: () => tf.dispose([a, b]) };
    }
    case 'adam': {
      const x = tf.variable(tf.tensor1d(random(workload.size)), true, `adam${workload.size}`);
      const grad = tf.tensor1d(random(workload.size));
      const optimizer = tf.train.adam(1e-3);
      return {
        run: () => {
          // tfjs types the map's values as Variable, though it reads them as gradients.
          optimizer.applyGradients({ [x.name]: grad as tf.Variable });
          x.dataSync();
        },
        dispose: () => {
          optimizer.dispose();
          tf.dispose([x, grad]);
        },
      };
    }
    case 'mlp':
      return mlpStep();
    case 'mlp-sgd':
      return mlpStep('sgd');
    case 'alloc':
      throw new Error('bench: allocation per step is not a timed workload');
    case 'lenet':
      return lenetStep();
    case 'conv':
      return convStep();
    case 'lstm':
      return tfjsLstmStep();
    case 'transformer':
      return tfjsTransformerStep();
    case 'optimizer':
      throw new Error(`bench: tfjs has no ${workload.optimizer}`);
    case 'activation':
      return tfjsActivationStep(workload.activation);
    case 'chain': {
      const x = tf.variable(tf.tensor1d([0.5]));
      const chain = (): tf.Scalar => {
        let y: tf.Tensor = x;
        for (let i = 0; i < CHAIN_LENGTH; i++) y = i % 2 === 0 ? tf.add(y, 0.5) : tf.mul(y, 0.999);
        return tf.sum<tf.Scalar>(y);
      };
      return {
        run: () => tf.tidy(() => void tf.variableGrads(chain, [x]).grads[x.name]?.dataSync()),
        dispose: () => x.dispose(),
      };
    }
  }
}

function readAndDispose(t: tf.Tensor): void {
  t.dataSync();
  t.dispose();
}

/** The MLP step in tfjs: the same shapes, PyTorch's Linear init range, softmax cross entropy, Adam (or SGD). */
function mlpStep(kind: 'adam' | 'sgd' = 'adam'): Built {
  const { input, hidden, classes, batch } = MLP;
  const uniform = (shape: [number, number] | [number], fanIn: number): tf.Variable =>
    tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
  const w1 = uniform([input, hidden], input), b1 = uniform([hidden], input);
  const w2 = uniform([hidden, classes], hidden), b2 = uniform([classes], hidden);
  const x = tf.randomNormal([batch, input]);
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(MLP.labels(), 'int32'), classes), 'float32');
  const optimizer = kind === 'adam' ? tf.train.adam(1e-3) : tf.train.sgd(SGD_LR);
  const loss = (): tf.Scalar => {
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const logits = tf.add(tf.matMul(h, w2), b2);
    return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot))), batch);
  };
  const step = (): tf.Scalar | null => optimizer.minimize(loss, true, [w1, b1, w2, b2]);
  return {
    run: () => {
      const value = step();
      value?.dataSync();
      value?.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([w1, b1, w2, b2, x, oneHot]);
    },
    step,
  };
}

/** PyTorch's default init range for a layer with this fan-in (kaiming_uniform(a = √5) and its bias). */
function torchUniform(shape: number[], fanIn: number): tf.Variable {
  return tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
}

/** The LeNet-5 step in tfjs (NHWC): the same layers and sizes, softmax cross entropy, Adam. */
function lenetStep(): Built {
  const { batch } = LENET;
  const c1 = torchUniform([5, 5, 1, 6], 25), c1b = torchUniform([6], 25);
  const c2 = torchUniform([5, 5, 6, 16], 150), c2b = torchUniform([16], 150);
  const f1 = torchUniform([256, 120], 256), f1b = torchUniform([120], 256);
  const f2 = torchUniform([120, 84], 120), f2b = torchUniform([84], 120);
  const f3 = torchUniform([84, 10], 84), f3b = torchUniform([10], 84);
  const vars = [c1, c1b, c2, c2b, f1, f1b, f2, f2b, f3, f3b];
  const x = tf.randomNormal<tf.Rank.R4>([batch, 28, 28, 1]);
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(LENET.labels(), 'int32'), 10), 'float32');
  const optimizer = tf.train.adam(1e-3);
  const loss = (): tf.Scalar => {
    let h = tf.maxPool<tf.Tensor4D>(tf.relu(tf.add(tf.conv2d(x, c1 as tf.Tensor4D, 1, 'valid'), c1b)) as tf.Tensor4D, 2, 2, 'valid');
    h = tf.maxPool<tf.Tensor4D>(tf.relu(tf.add(tf.conv2d(h, c2 as tf.Tensor4D, 1, 'valid'), c2b)) as tf.Tensor4D, 2, 2, 'valid');
    let z: tf.Tensor = tf.reshape(h, [batch, 256]);
    z = tf.relu(tf.add(tf.matMul(z, f1), f1b));
    z = tf.relu(tf.add(tf.matMul(z, f2), f2b));
    const logits = tf.add(tf.matMul(z, f3), f3b);
    return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot))), batch);
  };
  const step = (): tf.Scalar | null => optimizer.minimize(loss, true, vars);
  return {
    run: () => {
      const value = step();
      value?.dataSync();
      value?.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([...vars, x, oneHot]);
    },
    step,
  };
}

/** The conv 3×3 layer in tfjs (NHWC): tf.conv2d plus bias, gradients of input, filter and bias. */
function convStep(): Built {
  const { batch, channels, size, kernel } = CONV;
  const fanIn = channels * kernel * kernel;
  const x = tf.variable(tf.randomNormal<tf.Rank.R4>([batch, size, size, channels]));
  const w = torchUniform([kernel, kernel, channels, channels], fanIn), b = torchUniform([channels], fanIn);
  const f = (): tf.Scalar => tf.sum(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'), b));
  return {
    run: () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(f, [x, w, b]);
        for (const g of Object.values(grads)) g.dataSync();
      }),
    dispose: () => tf.dispose([x, w, b]),
  };
}
