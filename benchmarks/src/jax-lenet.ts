/**
 * The LeNet-5 step in jax-js (NCHW, as ours): `lax.conv` 5×5 (6, 16 channels) with ReLU and 2×2 max
 * pooling (a reshape and a max over the window axes), then 256-120-84-10, mean cross entropy, Adam;
 * PyTorch's init ranges, batch 64, the LeNet workload's labels.
 */
import type * as JaxModule from '@jax-js/jax';
import { jaxTraining, type JaxTraining } from './jax-train';
import { LENET, random } from './workloads';

type Jax = typeof JaxModule;
type JArray = JaxModule.Array;

/** One LeNet-5 training step in jax-js (one jit over the loss, its gradients and Adam). */
export function jaxLenetStep(jax: Jax): JaxTraining {
  const np = jax.numpy;
  const { batch } = LENET;
  // PyTorch's default range for a layer with this fan-in: U(-1/√fanIn, 1/√fanIn).
  const uniform = (shape: number[], fanIn: number): JArray =>
    np.array(random(shape.reduce((a, b) => a * b, 1)).map((u) => (2 * u) / Math.sqrt(fanIn))).reshape(shape);
  const params = {
    c1: uniform([6, 1, 5, 5], 25), c1b: uniform([1, 6, 1, 1], 25),
    c2: uniform([16, 6, 5, 5], 150), c2b: uniform([1, 16, 1, 1], 150),
    f1: uniform([256, 120], 256), f1b: uniform([120], 256),
    f2: uniform([120, 84], 120), f2b: uniform([84], 120),
    f3: uniform([84, 10], 84), f3b: uniform([10], 84),
  };
  const x = np.array(random(batch * 28 * 28)).reshape([batch, 1, 28, 28]);
  const oneHot = new Float32Array(batch * 10);
  LENET.labels().forEach((label, i) => (oneHot[i * 10 + label] = 1));
  const y = np.array(oneHot).reshape([batch, 10]);
  const pool = (h: JArray, c: number, size: number): JArray => h.reshape([batch, c, size / 2, 2, size / 2, 2]).max([3, 5]);
  const loss = (p: typeof params, xs: JArray, ys: JArray): JArray => {
    let h = pool(jax.nn.relu(jax.lax.conv(xs, p.c1, [1, 1], 'VALID').add(p.c1b)), 6, 24);
    h = pool(jax.nn.relu(jax.lax.conv(h, p.c2, [1, 1], 'VALID').add(p.c2b)), 16, 8);
    let z = h.reshape([batch, 256]);
    z = jax.nn.relu(np.matmul(z, p.f1).add(p.f1b));
    z = jax.nn.relu(np.matmul(z, p.f2).add(p.f2b));
    const logits = np.matmul(z, p.f3).add(p.f3b);
    return jax.nn.logSoftmax(logits).mul(ys).sum().mul(-1 / batch);
  };
  return jaxTraining(jax, params, loss, x, y, 'adam');
}
