/**
 * The per-parameter pass of the layer-wise optimizers (Adafactor, LAMB, LARS, Muon, Prodigy). Their
 * updates need a whole parameter at once — its norm, its rows and columns — so they never take the
 * flat group layout of flat.ts, which joins a group's parameters into one array.
 */
import { gradOf, type Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { floats } from './buffers';
import type { ParamGroup, ParamState } from './optimizer';

/** What the update of one parameter receives. */
export interface ParamView {
  /** The parameter (a contiguous working copy when the parameter is a strided view). */
  param: Tensor;
  /** Its values, gradient values and state. */
  values: FloatArray;
  grad: FloatArray;
  state: ParamState;
}

function isEmpty(state: ParamState): boolean {
  for (const _ in state) return false;
  return true;
}

/**
 * Calls `update` on every parameter of `group` that has a gradient, creating its state with `init`
 * on first use. Runs inside the optimizer's step (grad mode off); a strided parameter is updated in
 * a contiguous copy that is written back after `update`. A parameter on the GPU goes to
 * `gpuUpdate` (tensor ops, no readback) with its tensors instead.
 *
 * @example
 * eachParam(group, this.state, (p) => ({ step: 0 }), ({ values, grad }) => { … });
 */
export function eachParam<O>(
  group: ParamGroup<O>,
  states: Map<Tensor, ParamState>,
  init: (param: Tensor) => ParamState,
  update: (view: ParamView) => void,
  gpuUpdate?: (param: Tensor, grad: Tensor, state: ParamState) => void,
): void {
  for (const p of group.params) {
    const gradient = gradOf(p);
    if (gradient === null) continue;
    let state = states.get(p);
    if (state === undefined || isEmpty(state)) {
      state = init(p);
      states.set(p, state);
    }
    const work = p.isContiguous() ? p : (p.detach().contiguous());
    const grad = gradient.isContiguous() ? gradient : (gradient.contiguous());
    if (work.storage.device !== 'cpu' && gpuUpdate !== undefined) gpuUpdate(work, grad, state);
    else update({ param: work, values: floats(work), grad: floats(grad), state });
    // The update is an in-place op on p: autograd must see it (copy_ bumps the version itself).
    if (work !== p) p.data.copy_(work);
    else p.storage.version++;
  }
}

/** ‖x‖₂ of a typed array, summed in double precision. */
export function norm2(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) * (x[i] as number);
  return Math.sqrt(sum);
}

/**
 * PyTorch's `lerp` of tensors with a number weight, in tensor ops (for GPU tensors, which have no
 * lerp kernel): `a + w·(b − a)` for w < ½, `b − (b − a)·(1 − w)` otherwise, as {@link lerp}.
 *
 * @example
 * m.copy_(lerpTensor(m, g, 0.1));
 */
export function lerpTensor(a: Tensor, b: Tensor, w: number): Tensor {
  return w < 0.5 ? a.add(b.sub(a).mul(w)) : b.sub(b.sub(a).mul(1 - w));
}

/**
 * PyTorch's `lerp` (`a + w·(b − a)` for w < ½, `b − (b − a)·(1 − w)` otherwise: exact at both ends).
 *
 * @example
 * lerp(1, 3, 0.25); // 1.5
 */
export function lerp(a: number, b: number, w: number): number {
  return w < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
}
