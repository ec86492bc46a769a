/**
 * The peers of the GPU run: TensorFlow.js on `@tensorflow/tfjs-backend-webgpu` and jax-js on its
 * webgpu backend, both on the adapter `navigator.gpu` offers (set up by gpu-setup.ts first). Their
 * training steps are the CPU run's (`buildTfjs`, `buildJax`); each timed run reads the loss (or the
 * product's sum) back asynchronously, as ours does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildJax, jaxExpresses, loadJax } from './jax-peer';
import { buildTfjs, useBackend } from './peers';
import { random, type Workload } from './workloads';

/** The GPU peers. */
export const GPU_PEERS = ['tfjs-webgpu', 'jax-webgpu'] as const;
/** One GPU peer's name. */
export type GpuPeer = (typeof GPU_PEERS)[number];

/** A peer's run of a workload and how to free its operands afterwards. */
export interface PeerRun {
  run: () => Promise<unknown>;
  dispose: () => void;
}

let tfjsReady = false;
/** tfjs on its webgpu backend (the backend registers itself only where `navigator.gpu` exists, so it is imported here, after the set-up). */
async function useTfjsWebGPU(): Promise<void> {
  if (!tfjsReady) {
    await import('@tensorflow/tfjs-backend-webgpu');
    tfjsReady = true;
  }
  await useBackend('webgpu');
}

/**
 * Builds a peer's run of a workload on its GPU backend. Throws when the peer cannot run it here (the
 * run prints "n/a" and the message in that cell).
 */
export async function buildGpuPeer(peer: GpuPeer, w: Workload): Promise<PeerRun> {
  return peer === 'tfjs-webgpu' ? tfjsRun(w) : jaxRun(w);
}

async function tfjsRun(w: Workload): Promise<PeerRun> {
  await useTfjsWebGPU();
  if (w.kind === 'matmul') {
    const n = w.size;
    const a = tf.tensor2d(random(n * n), [n, n]);
    const b = tf.tensor2d(random(n * n), [n, n]);
    const run = async (): Promise<unknown> => {
      const product = tf.matMul(a, b);
      const sum = tf.sum(product);
      product.dispose();
      const value = await sum.data();
      sum.dispose();
      return value;
    };
    return { run, dispose: () => tf.dispose([a, b]) };
  }
  const built = buildTfjs(w);
  const step = built.step;
  if (step === undefined) throw new Error(`the tfjs peer has no training step for ${w.name}`);
  const run = async (): Promise<unknown> => {
    const loss = step();
    if (loss === null) throw new Error('tfjs: minimize returned no loss');
    const value = await loss.data();
    loss.dispose();
    return value;
  };
  return { run, dispose: built.dispose };
}

async function jaxRun(w: Workload): Promise<PeerRun> {
  if (!jaxExpresses(w)) throw new Error(`the jax-js peer has no ${w.name} (its convolutions are not written for it)`);
  const jax = await loadJax('webgpu');
  if (w.kind === 'matmul') {
    const np = jax.numpy;
    const n = w.size;
    const a = np.array(random(n * n)).reshape([n, n]);
    const b = np.array(random(n * n)).reshape([n, n]);
    return { run: () => np.matmul(a.ref, b.ref).sum().data(), dispose: () => (a.dispose(), b.dispose()) };
  }
  const built = buildJax(jax, w);
  const step = built.step;
  if (step === undefined) throw new Error(`the jax-js peer has no training step for ${w.name}`);
  return { run: () => step().data(), dispose: built.dispose };
}
