/**
 * The jax-js side of the workloads it can express: `@jax-js/jax` on its WebAssembly backend, the
 * same sizes and arithmetic as ours. Training steps are one `jit` over `valueAndGrad` plus the
 * optimizer update (jax-js then fuses the step and reuses its buffers); the chain is eager `grad`,
 * as ours is eager autograd. Selected with `BENCH_PEERS=jax` (it runs by default too).
 *
 * jax-js follows JAX's ownership rule: every call consumes its array arguments, so an operand used
 * again is passed as `x.ref`. In Node it reads `navigator` when it loads: a stand-in is defined
 * before the import (one worker: Node has no global `Worker`, so jax-js runs on the main thread).
 */
import { jaxLenetStep } from './jax-lenet';
import { ADAM, jaxTraining, SGD_LR } from './jax-train';
import { median } from './measure';
import { CHAIN_LENGTH, MLP, random, type Workload } from './workloads';

import type * as JaxModule from '@jax-js/jax';

type Jax = typeof JaxModule;
type JArray = JaxModule.Array;

let jaxModule: Jax | undefined;
/** Loads jax-js once and makes `device` (its wasm backend by default; the GPU run asks for webgpu) the default device. */
async function loadJax(device: 'wasm' | 'webgpu' = 'wasm'): Promise<Jax> {
  if (jaxModule === undefined) {
    const g = globalThis as { navigator?: unknown };
    g.navigator ??= { userAgent: `Node.js ${process.version}`, hardwareConcurrency: 1, language: 'en' };
    jaxModule = await import('@jax-js/jax');
  }
  const jax = jaxModule;
  const devices = await jax.init(device);
  if (!devices.includes(device)) throw new Error(`bench: jax-js ${device} backend did not initialise (devices: ${devices.join(', ')})`);
  jax.defaultDevice(device);
  return jax;
}

/** The workload kinds jax-js runs here (the conv 3×3 layer and the sequence models are not written for it). */
export function jaxExpresses(w: Workload): boolean {
  return w.kind === 'matmul' || w.kind === 'add' || w.kind === 'adam' || w.kind === 'mlp' || w.kind === 'mlp-sgd' || w.kind === 'chain' || w.kind === 'lenet';
}

/** jax-js's median time of one workload in milliseconds (NaN where it is not expressed). */
export async function measureJax(w: Workload): Promise<number> {
  if (!jaxExpresses(w)) return NaN;
  const jax = await loadJax();
  const built = build(jax, w);
  const ms = await median(built.run);
  built.dispose();
  return ms;
}

export { build as buildJax, loadJax };
interface Built {
  run: () => void;
  dispose: () => void;
  /** The training steps only: one step that returns the loss unread (the GPU run reads it asynchronously). */
  step?: () => JArray;
}

export { SGD_LR };

type Params = { w1: JArray; b1: JArray; w2: JArray; b2: JArray };

function build(jax: Jax, w: Workload): Built {
  const np = jax.numpy;
  switch (w.kind) {
    case 'matmul': {
      const n = w.size;
      const a = np.array(random(n * n)).reshape([n, n]);
      const b = np.array(random(n * n)).reshape([n, n]);
      return { run: () => void np.matmul(a.ref, b.ref).dataSync(), dispose: () => (a.dispose(), b.dispose()) };
    }
    case 'add': {
      const a = np.array(random(w.size));
      const b = np.array(random(w.size));
      return { run: () => void np.add(a.ref, b.ref).dataSync(), dispose: () => (a.dispose(), b.dispose()) };
    }
    case 'adam': {
      let state = { p: np.array(random(w.size)), m: np.zeros([w.size]), v: np.zeros([w.size]) };
      const g = np.array(random(w.size));
      const update = adamUpdate(jax);
      let t = 0;
      return {
        run: () => {
          t++;
          state = update(state, g.ref, t);
          // dataSync consumes the array it is called on: read through a new reference, so the
          // state stays alive for the next step (reading state.p itself freed it: UseAfterFreeError).
          state.p.ref.dataSync();
        },
        dispose: () => (jax.tree.dispose(state), g.dispose()),
      };
    }
    case 'mlp':
    case 'mlp-sgd':
      return mlpStep(jax, w.kind === 'mlp' ? 'adam' : 'sgd');
    case 'lenet':
      return jaxLenetStep(jax);
    case 'chain': {
      const x = np.array([0.5]);
      const chain = (y: JArray): JArray => {
        for (let i = 0; i < CHAIN_LENGTH; i++) y = i % 2 === 0 ? y.add(0.5) : y.mul(0.999);
        return y.sum();
      };
      const g = jax.grad(chain);
      return { run: () => void g(x.ref).dataSync(), dispose: () => x.dispose() };
    }
    default:
      throw new Error(`bench: jax-js does not run ${w.name}`);
  }
}

type AdamState = { p: JArray; m: JArray; v: JArray };

/** One jitted Adam update (PyTorch's formula); the step's bias corrections enter as scalars, so one trace serves every step. */
function adamUpdate(jax: Jax): (s: AdamState, g: JArray, t: number) => AdamState {
  const np = jax.numpy;
  const f = jax.jit((s: AdamState, g: JArray, stepSize: JArray, sqrtBc2: JArray): AdamState => {
    const m = s.m.mul(ADAM.beta1).add(g.ref.mul(1 - ADAM.beta1));
    const v = s.v.mul(ADAM.beta2).add(g.ref.mul(g).mul(1 - ADAM.beta2));
    const denom = np.sqrt(v.ref).div(sqrtBc2).add(ADAM.eps);
    const p = s.p.sub(m.ref.div(denom).mul(stepSize));
    return { p, m, v };
  });
  return (s, g, t) => {
    const bc1 = 1 - ADAM.beta1 ** t, bc2 = 1 - ADAM.beta2 ** t;
    return f(s, g, np.array(ADAM.lr / bc1), np.array(Math.sqrt(bc2)));
  };
}

/** The 784-256-10 ReLU MLP at batch 128, PyTorch's Linear init range, mean cross entropy; SGD or Adam. */
function mlpStep(jax: Jax, optimizer: 'sgd' | 'adam'): Built {
  const np = jax.numpy;
  const { input, hidden, classes, batch } = MLP;
  const uniform = (n: number, fanIn: number): Float32Array => random(n).map((u) => (2 * u) / Math.sqrt(fanIn));
  const params: Params = {
    w1: np.array(uniform(input * hidden, input)).reshape([input, hidden]),
    b1: np.array(uniform(hidden, input)),
    w2: np.array(uniform(hidden * classes, hidden)).reshape([hidden, classes]),
    b2: np.array(uniform(classes, hidden)),
  };
  const x = np.array(random(batch * input)).reshape([batch, input]);
  const oneHot = new Float32Array(batch * classes);
  MLP.labels().forEach((label, i) => (oneHot[i * classes + label] = 1));
  const y = np.array(oneHot).reshape([batch, classes]);
  const loss = (p: Params, xs: JArray, ys: JArray): JArray => {
    const h = jax.nn.relu(np.matmul(xs, p.w1).add(p.b1));
    const logits = np.matmul(h, p.w2).add(p.b2);
    return jax.nn.logSoftmax(logits).mul(ys).sum().mul(-1 / batch);
  };
  return jaxTraining(jax, params, loss, x, y, optimizer);
}
