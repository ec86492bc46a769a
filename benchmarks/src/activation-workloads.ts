/**
 * The activation workloads (issue 20): forward and backward of GELU (erf form) and SiLU over 1e6
 * float32 elements — ours through `functional.gelu` / `functional.silu` (one fused pass each
 * way), tfjs composed from its ops (x·sigmoid(x); 0.5·x·(1 + erf(x/√2))) under `tf.grad`.
 */
import { tensor } from '@descent/autograd';
import { functional as F } from '@descent/nn';
import * as tf from '@tensorflow/tfjs-core';
import { random } from './workloads';

/** Which activation a workload times. */
export type BenchActivation = 'gelu' | 'silu';

/** Elements of the activation workloads. */
export const ACTIVATION_SIZE = 1e6;

/** Our step: y = f(x), then backward from a fixed upstream gradient into x.grad. */
export function ourActivationStep(activation: BenchActivation): () => void {
  const x = tensor(random(ACTIVATION_SIZE), { requiresGrad: true });
  const dy = tensor(random(ACTIVATION_SIZE));
  const f = activation === 'gelu' ? F.gelu : F.silu;
  return () => {
    x.grad = null;
    f(x).backward(dy);
  };
}

/** The tfjs step: the gradient of f at x for the same upstream gradient, read back. */
export function tfjsActivationStep(activation: BenchActivation): { run: () => void; dispose: () => void } {
  const x = tf.tensor1d(random(ACTIVATION_SIZE));
  const dy = tf.tensor1d(random(ACTIVATION_SIZE));
  const f =
    activation === 'gelu'
      ? (t: tf.Tensor): tf.Tensor => tf.mul(tf.mul(t, 0.5), tf.add(1, tf.erf(tf.mul(t, Math.SQRT1_2))))
      : (t: tf.Tensor): tf.Tensor => tf.mul(t, tf.sigmoid(t));
  const gradient = tf.grad(f);
  return {
    run: () =>
      tf.tidy(() => {
        // tf.grad runs the forward too; the value of f is not read back, as ours is not.
        gradient(x, dy).dataSync();
      }),
    dispose: () => tf.dispose([x, dy]),
  };
}
