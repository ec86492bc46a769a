/**
 * RAdam (Liu et al. 2020, https://arxiv.org/abs/1908.03265), as torch.optim.RAdam.
 *
 *   state: m = 0, v = 0, t = 0;   ρ∞ = 2/(1 − β₂) − 1
 *   each step: t ← t + 1;  g ← g + λ·θ if λ ≠ 0
 *     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
 *     m̂ ← m / (1 − β₁ᵗ);   ρ_t ← ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
 *     if ρ_t > 5:  r ← √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t))
 *                  θ ← θ − γ·m̂·r·√(1 − β₂ᵗ)/(√v + ε)
 *     else:        θ ← θ − γ·m̂        (no second moment while its variance is intractable)
 *
 * The paper's Algorithm 2 switches on at ρ_t > 4; PyTorch (and this) at ρ_t > 5, so one or two more
 * early steps are plain bias-corrected momentum steps.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link RAdam}. */
export interface RAdamOptions {
  /** Learning rate γ. Default 1e-3. */
  lr?: number;
  /** (β₁, β₂). Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
}

type Filled = Required<RAdamOptions>;

/**
 * RAdam: Adam with a rectified (warm-up-free) adaptive learning rate.
 *
 * @example
 * const opt = new RAdam([w]);
 */
export class RAdam extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: RAdamOptions | number = {}) {
    const defaults: Filled = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 };
    super(params, checkRadam(withDefaults(defaults, options, 'RAdam')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkRadam(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', expAvg: 'tensor', expAvgSq: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p) => ({ step: 0, expAvg: zerosLikeParam(p), expAvgSq: zerosLikeParam(p) }), radamUpdate, radamGPUUpdate);
  }

}

/** PyTorch's checks, in its order. */
function checkRadam<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** One RAdam update of a parameter, in place: its values, gradient, state and group options. */
export function radamUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  const { lr, betas, eps, weightDecay } = group;
  const [beta1, beta2] = betas;
  const { biasCorrection1, biasCorrection2, rhoT, rect } = radamScalars(state, group);
  const p = param;
  const gr = grad;
  const m = floats(state.expAvg as Tensor);
  const v = floats(state.expAvgSq as Tensor);
  for (let i = 0; i < p.length; i++) {
    let g = gr[i] as number;
    if (weightDecay !== 0) g += weightDecay * (p[i] as number);
    m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    const mHat = (m[i] as number) / biasCorrection1;
    if (rhoT > 5) {
      const adaptiveLr = Math.sqrt(biasCorrection2) / (Math.sqrt(v[i] as number) + eps);
      p[i] = (p[i] as number) - mHat * lr * adaptiveLr * rect;
    } else {
      p[i] = (p[i] as number) - mHat * lr;
    }
  }
}

/** Advances the step of `state`; the step's bias corrections, ρ_t and rectification term. */
function radamScalars(state: ParamState, group: Filled): { biasCorrection1: number; biasCorrection2: number; rhoT: number; rect: number } {
  const step = (state.step as number) + 1;
  state.step = step;
  const [beta1, beta2] = group.betas;
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const rhoInf = 2 / (1 - beta2) - 1;
  const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
  const rect =
    rhoT > 5
      ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
      : 0;
  return { biasCorrection1, biasCorrection2, rhoT, rect };
}

/** `radamUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function radamGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const { lr, betas, eps, weightDecay } = group;
  const [beta1, beta2] = betas;
  const { biasCorrection1, biasCorrection2, rhoT, rect } = radamScalars(state, group);
  const m = state.expAvg as Tensor;
  const v = state.expAvgSq as Tensor;
  const g = weightDecay !== 0 ? grad.add(param.mul(weightDecay)) : grad;
  m.mul_(beta1).add_(g.mul(1 - beta1));
  v.mul_(beta2).add_(g.mul(g).mul(1 - beta2));
  const mHat = m.div(biasCorrection1);
  if (rhoT > 5) {
    const adaptiveLr = v.sqrt().add(eps).reciprocal().mul(Math.sqrt(biasCorrection2));
    param.sub_(mHat.mul(lr).mul(adaptiveLr).mul(rect));
  } else {
    param.sub_(mHat.mul(lr));
  }
}
