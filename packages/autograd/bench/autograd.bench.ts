/**
 * Forward + backward cost of @descent/autograd next to tfjs (cpu backend, `tf.variableGrads`),
 * in the same process:
 *   1. a chain of 1000 tiny ops (add / mul by a scalar on a one-element tensor): µs per op;
 *   2. a 784-256-10 MLP (relu, logSoftmax, NLL) at batch 128: steps per second.
 * Run: pnpm --filter @descent/autograd bench
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Bench } from 'tinybench';
import { Generator } from '@descent/tensor';
import { randn, tensor, zeros } from '../src/index';
import type { Tensor } from '../src/index';
import { registerBenchGradients } from './tfjs-gradients';

const CHAIN = 1000;

function chain(x: Tensor): Tensor {
  let y = x;
  for (let i = 0; i < CHAIN; i++) y = i % 2 === 0 ? y.add(0.5) : y.mul(0.999);
  return y;
}

function tfChain(x: tf.Tensor): tf.Tensor {
  let y = x;
  for (let i = 0; i < CHAIN; i++) y = i % 2 === 0 ? tf.add(y, 0.5) : tf.mul(y, 0.999);
  return y;
}

const x = tensor([0.5], { requiresGrad: true });
const tx = tf.variable(tf.tensor1d([0.5]));

// MLP 784-256-10, batch 128.
const generator = new Generator().manualSeed(0);
const batch = 128;
const input = randn([batch, 784], { generator });
const labels = Array.from({ length: batch }, (_, i) => (i * 7) % 10);
const oneHot = tensor(labels.map((c) => Array.from({ length: 10 }, (_, k) => (k === c ? 1 : 0))));
const w1 = randn([784, 256], { generator }).mul(0.05).detach().requiresGrad_();
const b1 = zeros([256], { requiresGrad: true });
const w2 = randn([256, 10], { generator }).mul(0.05).detach().requiresGrad_();
const b2 = zeros([10], { requiresGrad: true });

function mlpLoss(): Tensor {
  const hidden = input.matmul(w1).add(b1).relu();
  const logits = hidden.matmul(w2).add(b2);
  return logits.logSoftmax(1).mul(oneHot).sum().neg().div(batch);
}

const tInput = tf.tensor2d(input.toTypedArray() as Float32Array, [batch, 784]);
const tOneHot = tf.tensor2d(oneHot.toTypedArray() as Float32Array, [batch, 10]);
const tw1 = tf.variable(tf.tensor2d(w1.toTypedArray() as Float32Array, [784, 256]));
const tb1 = tf.variable(tf.zeros([256]));
const tw2 = tf.variable(tf.tensor2d(w2.toTypedArray() as Float32Array, [256, 10]));
const tb2 = tf.variable(tf.zeros([10]));

function tfMlpLoss(): tf.Scalar {
  const hidden = tf.relu(tf.add(tf.matMul(tInput, tw1), tb1));
  const logits = tf.add(tf.matMul(hidden, tw2), tb2);
  return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tOneHot))), batch);
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  registerBenchGradients();
  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add('descent: chain of 1000 ops, forward + backward', () => {
      x.grad = null;
      chain(x).sum().backward();
    })
    .add('tfjs-cpu: chain of 1000 ops, forward + backward', () => {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum<tf.Scalar>(tfChain(tx)), [tx]);
        return grads;
      });
    })
    .add('descent: MLP 784-256-10 batch 128, forward', () => {
      mlpLoss();
    })
    .add('descent: MLP 784-256-10 batch 128, forward + backward', () => {
      for (const p of [w1, b1, w2, b2]) p.grad = null;
      mlpLoss().backward();
    })
    .add('tfjs-cpu: MLP 784-256-10 batch 128, forward + backward', () => {
      tf.tidy(() => tf.variableGrads(tfMlpLoss, [tw1, tb1, tw2, tb2]).value);
    });
  await bench.run();
  const mean = (name: string): number => {
    const task = bench.getTask(name);
    const result = task?.result as { latency?: { mean: number }; mean?: number } | undefined;
    return result?.latency?.mean ?? result?.mean ?? NaN;
  };
  const rows = bench.tasks.map((t) => ({ task: t.name, 'mean ms': mean(t.name).toFixed(3) }));
  console.table(rows);
  const ours = mean('descent: chain of 1000 ops, forward + backward');
  const theirs = mean('tfjs-cpu: chain of 1000 ops, forward + backward');
  console.log(
    `tiny op (forward + backward): descent ${((ours * 1000) / CHAIN).toFixed(3)} µs, tfjs-cpu ${((theirs * 1000) / CHAIN).toFixed(3)} µs, ratio ${(theirs / ours).toFixed(1)}x`,
  );
  const step = mean('descent: MLP 784-256-10 batch 128, forward + backward');
  const tfStep = mean('tfjs-cpu: MLP 784-256-10 batch 128, forward + backward');
  console.log(
    `MLP step: descent ${(1000 / step).toFixed(1)} steps/s, tfjs-cpu ${(1000 / tfStep).toFixed(1)} steps/s, ratio ${(tfStep / step).toFixed(2)}x`,
  );
}

void main();
