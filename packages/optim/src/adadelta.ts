/**
 * Adadelta (Zeiler 2012, https://arxiv.org/abs/1212.5701), as torch.optim.Adadelta.
 *
 *   state: v (squareAvg) = 0, u (accDelta) = 0
 *   each step: g ← −g if maximize;  g ← g + λ·θ if λ ≠ 0
 *     v ← ρ·v + (1 − ρ)·g²
 *     Δ ← √(u + ε) / √(v + ε) · g
 *     u ← ρ·u + (1 − ρ)·Δ²
 *     θ ← θ − γ·Δ          (the paper has no γ: PyTorch's default γ = 1 matches it)
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative, pyNumber } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link Adadelta}. */
export interface AdadeltaOptions {
  /** Learning rate γ scaling Δ. Default 1. */
  lr?: number;
  /** Decay ρ of both running averages. Default 0.9. */
  rho?: number;
  /** ε inside both square roots. Default 1e-6. */
  eps?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<AdadeltaOptions>;

/**
 * Adadelta: steps scaled by the ratio of running RMS of updates and of gradients.
 *
 * @example
 * const opt = new Adadelta([w]);
 */
export class Adadelta extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: AdadeltaOptions | number = {}) {
    const defaults: Filled = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };
    super(params, checkAdadelta(withDefaults(defaults, options, 'Adadelta')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkAdadelta(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', squareAvg: 'tensor', accDelta: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p) => ({ step: 0, squareAvg: zerosLikeParam(p), accDelta: zerosLikeParam(p) }), adadeltaUpdate, adadeltaGPUUpdate);
  }

}

/** PyTorch's checks, in its order. */
function checkAdadelta<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  if (!(o.rho >= 0 && o.rho <= 1)) throw new RangeError(`Invalid rho value: ${pyNumber(o.rho)}`);
  checkNonNegative(o.eps, 'epsilon value');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** One Adadelta update of a parameter, in place: its values, gradient, state and group options. */
export function adadeltaUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  state.step = (state.step as number) + 1;
  const { lr, rho, eps, weightDecay, maximize } = group;
  const p = param;
  const gr = grad;
  const v = floats(state.squareAvg as Tensor);
  const u = floats(state.accDelta as Tensor);
  for (let i = 0; i < p.length; i++) {
    let g = maximize ? -(gr[i] as number) : (gr[i] as number);
    if (weightDecay !== 0) g += weightDecay * (p[i] as number);
    v[i] = rho * (v[i] as number) + (1 - rho) * g * g;
    const delta = (Math.sqrt((u[i] as number) + eps) / Math.sqrt((v[i] as number) + eps)) * g;
    u[i] = rho * (u[i] as number) + (1 - rho) * delta * delta;
    p[i] = (p[i] as number) - lr * delta;
  }
}

/** `adadeltaUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function adadeltaGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  state.step = (state.step as number) + 1;
  const { lr, rho, eps, weightDecay, maximize } = group;
  const v = state.squareAvg as Tensor;
  const u = state.accDelta as Tensor;
  let g = maximize ? grad.neg() : grad;
  if (weightDecay !== 0) g = g.add(param.mul(weightDecay));
  v.mul_(rho).add_(g.mul(g).mul(1 - rho));
  const delta = u.add(eps).sqrt().div(v.add(eps).sqrt()).mul(g);
  u.mul_(rho).add_(delta.mul(delta).mul(1 - rho));
  param.sub_(delta.mul(lr));
}
