/**
 * A jax-js training step for any parameter tree and loss: one `jit` over `valueAndGrad` and the
 * update (SGD, or Adam with PyTorch's formula), so jax-js fuses the step and reuses its buffers.
 * Used by the jax-js MLP and LeNet-5 steps (jax-peer.ts, jax-lenet.ts).
 */
import type * as JaxModule from '@jax-js/jax';

type Jax = typeof JaxModule;
type JArray = JaxModule.Array;

/** A parameter tree: named arrays. */
export type JaxParams = Record<string, JArray>;

/** A training step's run (reads the loss synchronously), its step (returns the loss unread) and its clean-up. */
export interface JaxTraining {
  run: () => void;
  step: () => JArray;
  dispose: () => void;
}

/** Adam's constants, PyTorch's defaults with lr 1e-3 (as the other peers). */
export const ADAM = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
/** SGD's learning rate in the MLP SGD step. */
export const SGD_LR = 0.01;

/**
 * A training step over `initial` (consumed) on the inputs `x` and one-hot targets `y` (kept; freed
 * by `dispose`): the mean loss `loss(params, x, y)`, its gradients and the optimizer's update.
 */
export function jaxTraining<P extends JaxParams>(jax: Jax, initial: P, loss: (p: P, xs: JArray, ys: JArray) => JArray, x: JArray, y: JArray, optimizer: 'sgd' | 'adam'): JaxTraining {
  const np = jax.numpy;
  // Typed over the generic tree (jax-js's tree types do not follow a type parameter).
  const lossAndGrad = jax.valueAndGrad(loss as unknown as (p: JaxParams, xs: JArray, ys: JArray) => JArray);
  const map = (fn: (...a: JArray[]) => JArray, ...trees: JaxParams[]): JaxParams => jax.tree.map<JArray, JArray, JaxParams>(fn, trees[0]!, ...trees.slice(1));
  const refs = (p: JaxParams): JaxParams => map((a) => a.ref, p);
  let params: JaxParams = initial;
  if (optimizer === 'sgd') {
    const update = jax.jit((p: JaxParams, xs: JArray, ys: JArray): [JArray, JaxParams] => {
      const [value, g] = lossAndGrad(refs(p), xs, ys) as unknown as [JArray, JaxParams];
      return [value, map((w, gw) => w.sub(gw.mul(SGD_LR)), p, g)];
    });
    const step = (): JArray => {
      const [value, next] = update(params, x.ref, y.ref);
      params = next;
      return value;
    };
    return { run: () => void step().dataSync(), step, dispose: () => (jax.tree.dispose(params), x.dispose(), y.dispose()) };
  }
  let m = map((a) => np.zerosLike(a.ref), params), v = map((a) => np.zerosLike(a.ref), params);
  const update = jax.jit((p: JaxParams, m0: JaxParams, v0: JaxParams, xs: JArray, ys: JArray, stepSize: JArray, sqrtBc2: JArray): [JArray, JaxParams, JaxParams, JaxParams] => {
    const [value, g] = lossAndGrad(refs(p), xs, ys) as unknown as [JArray, JaxParams];
    const m1 = map((a, gw) => a.mul(ADAM.beta1).add(gw.mul(1 - ADAM.beta1)), m0, refs(g));
    const v1 = map((a, gw) => a.mul(ADAM.beta2).add(gw.ref.mul(gw).mul(1 - ADAM.beta2)), v0, g);
    const p1 = map((w, ma, va) => w.sub(ma.div(np.sqrt(va).div(sqrtBc2.ref).add(ADAM.eps)).mul(stepSize.ref)), p, refs(m1), refs(v1));
    stepSize.dispose();
    sqrtBc2.dispose();
    return [value, p1, m1, v1];
  });
  let t = 0;
  const step = (): JArray => {
    t++;
    const bc1 = 1 - ADAM.beta1 ** t, bc2 = 1 - ADAM.beta2 ** t;
    const [value, p1, m1, v1] = update(params, m, v, x.ref, y.ref, np.array(ADAM.lr / bc1), np.array(Math.sqrt(bc2)));
    params = p1;
    m = m1;
    v = v1;
    return value;
  };
  return { run: () => void step().dataSync(), step, dispose: () => (jax.tree.dispose([params, m, v]), x.dispose(), y.dispose()) };
}
