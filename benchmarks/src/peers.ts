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
import { median } from './measure';
import { tfjsLstmStep, tfjsTransformerStep } from './sequence-workloads';
import { registerAllTfjsGradients } from './tfjs-all-gradients';
import { CHAIN_LENGTH, MLP, random, type Workload } from './workloads';

/** The peers: tfjs backend names. */
export const PEERS = ['cpu', 'wasm'] as const;
export type Peer = (typeof PEERS)[number];

/** One measured time of a peer. */
export interface PeerTime {
  workload: Workload;
  peer: Peer;
  ms: number;
}

let initialised = false;
async function useBackend(peer: Peer): Promise<void> {
  if (!initialised) {
    const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '..', 'dist') + '/';
    setWasmPaths(wasmDir);
    registerBenchGradients();
    await registerAllTfjsGradients();
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
}

// Results are read with dataSync (not through tf.tidy's return value, which walks a returned
// typed array element by element and would swamp the measurement).
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
    case 'lstm':
      return tfjsLstmStep();
    case 'transformer':
      return tfjsTransformerStep();
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

/** The MLP step in tfjs: the same shapes, PyTorch's Linear init range, softmax cross entropy, Adam. */
function mlpStep(): Built {
  const { input, hidden, classes, batch } = MLP;
  const uniform = (shape: [number, number] | [number], fanIn: number): tf.Variable =>
    tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));
  const w1 = uniform([input, hidden], input), b1 = uniform([hidden], input);
  const w2 = uniform([hidden, classes], hidden), b2 = uniform([classes], hidden);
  const x = tf.randomNormal([batch, input]);
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(MLP.labels(), 'int32'), classes), 'float32');
  const optimizer = tf.train.adam(1e-3);
  const loss = (): tf.Scalar => {
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const logits = tf.add(tf.matMul(h, w2), b2);
    return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot))), batch);
  };
  return {
    run: () => {
      const value = optimizer.minimize(loss, true, [w1, b1, w2, b2]);
      value?.dataSync();
      value?.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([w1, b1, w2, b2, x, oneHot]);
    },
  };
}
