/**
 * Rprop (Riedmiller & Braun 1993), as torch.optim.Rprop.
 *
 *   inputs: η₀ lr (initial step size), (η₋, η₊) etas, [Δmin, Δmax] stepSizes, maximize
 *   state: prev = 0, Δ (stepSize) = η₀
 *   each step, element by element: g ← −g if maximize
 *     s ← sign(g·prev)
 *     Δ ← clamp(Δ·η₊, Δmin, Δmax) if s > 0;  clamp(Δ·η₋, …) if s < 0;  Δ if s = 0
 *     g ← 0 where s < 0          (a sign change: no move, and the next step uses factor 1)
 *     θ ← θ − sign(g)·Δ;   prev ← g
 *
 * Riedmiller & Braun's original Rprop also undoes the previous step on a sign change (weight
 * backtracking); PyTorch's form, the "iRprop−" of Igel & Hüsken (2000), only zeroes that gradient.
 * lr is the initial step size Δ₀, not a multiplier.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative, pyNumber } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link Rprop}. */
export interface RpropOptions {
  /** Initial step size η₀. Default 0.01. */
  lr?: number;
  /** (η₋, η₊): step-size factors on a sign change and on the same sign. Default [0.5, 1.2]. */
  etas?: [number, number];
  /** Bounds (Δmin, Δmax) of the step size. Default [1e-6, 50]. */
  stepSizes?: [number, number];
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<RpropOptions>;

/**
 * Rprop: sign-based steps with per-element adaptive sizes (full-batch training).
 *
 * @example
 * const opt = new Rprop([w], { lr: 0.01 });
 */
export class Rprop extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: RpropOptions | number = {}) {
    const defaults: Filled = { lr: 0.01, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false };
    super(params, checkRprop(withDefaults(defaults, options, 'Rprop')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkRprop(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', prev: 'tensor', stepSize: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p, group) => ({ step: 0, prev: zerosLikeParam(p), stepSize: zerosLikeParam(p).fill_(group.lr) }), rpropUpdate, rpropGPUUpdate);
  }

}

/** PyTorch's checks (it checks no step sizes; a reversed pair would clamp every size to Δmax). */
function checkRprop<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  const [etaminus, etaplus] = o.etas;
  if (!(etaminus > 0 && etaminus < 1 && etaplus > 1))
    throw new RangeError(`Invalid eta values: ${pyNumber(etaminus)}, ${pyNumber(etaplus)}`);
  return o;
}

/** One Rprop update of a parameter, in place: its values, gradient, state and group options. */
export function rpropUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  state.step = (state.step as number) + 1;
  const [etaminus, etaplus] = group.etas;
  const [minStep, maxStep] = group.stepSizes;
  const p = param;
  const gr = grad;
  const prev = floats(state.prev as Tensor);
  const size = floats(state.stepSize as Tensor);
  const single = p instanceof Float32Array;
  for (let i = 0; i < p.length; i++) {
    let g = group.maximize ? -(gr[i] as number) : (gr[i] as number);
    // The product is formed in the parameter's precision, as PyTorch does (it can underflow).
    const product = single ? Math.fround(g * (prev[i] as number)) : g * (prev[i] as number);
    const factor = product > 0 ? etaplus : product < 0 ? etaminus : 1;
    size[i] = Math.min(Math.max((size[i] as number) * factor, minStep), maxStep);
    if (product < 0) g = 0;
    p[i] = (p[i] as number) - Math.sign(g) * (size[i] as number);
    prev[i] = g;
  }
}

/** `rpropUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function rpropGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  state.step = (state.step as number) + 1;
  const [etaminus, etaplus] = group.etas;
  const [minStep, maxStep] = group.stepSizes;
  const prev = state.prev as Tensor;
  const size = state.stepSize as Tensor;
  const g = group.maximize ? grad.neg() : grad;
  const product = g.mul(prev);
  // η₊ where the sign held, η₋ where it flipped, 1 where either is 0 (exact: one term is non-zero).
  const factor = product.gt(0).to(size.dtype).mul(etaplus).add(product.lt(0).to(size.dtype).mul(etaminus)).add(product.eq(0).to(size.dtype));
  size.copy_(size.mul(factor).clamp(minStep, maxStep));
  const kept = g.maskedFill(product.lt(0), 0);
  param.sub_(kept.sign().mul(size));
  prev.copy_(kept);
}
