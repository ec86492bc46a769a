/**
 * NAdam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), as torch.optim.NAdam of PyTorch
 * 2.0 and later.
 *
 *   state: m = 0, v = 0, t = 0, Π (muProduct) = 1
 *   each step: t ← t + 1;  g ← g + λ·θ if λ ≠ 0
 *     μ_t = β₁·(1 − ½·0.96^(t·ψ)),  μ_{t+1} = β₁·(1 − ½·0.96^((t+1)·ψ))     (ψ = momentumDecay)
 *     Π ← Π·μ_t
 *     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
 *     denom ← √(v / (1 − β₂ᵗ)) + ε
 *     θ ← θ − γ·(1 − μ_t)/(1 − Π) · g/denom − γ·μ_{t+1}/(1 − Π·μ_{t+1}) · m/denom
 *
 * Π is a float32 scalar, as in PyTorch. PyTorch 1.13's default path used Π·μ_t·μ_{t+1} in the last
 * term — μ_t counted twice, a bug fixed in PyTorch 2.0 (pytorch/pytorch#92699); we follow the
 * corrected rule, which is what every current PyTorch computes.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link NAdam}. */
export interface NAdamOptions {
  /** Learning rate γ. Default 2e-3. */
  lr?: number;
  /** (β₁, β₂). Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
  /** ψ, the momentum schedule's decay. Default 4e-3. */
  momentumDecay?: number;
}

type Filled = Required<NAdamOptions>;
const f32 = Math.fround;

/**
 * NAdam: Adam with Nesterov momentum.
 *
 * @example
 * const opt = new NAdam([w], { lr: 2e-3 });
 */
export class NAdam extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: NAdamOptions | number = {}) {
    const defaults: Filled = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 };
    super(params, checkNadam(withDefaults(defaults, options, 'NAdam')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkNadam(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', muProduct: 'number', expAvg: 'tensor', expAvgSq: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p) => ({ step: 0, muProduct: 1, expAvg: zerosLikeParam(p), expAvgSq: zerosLikeParam(p) }), nadamUpdate, nadamGPUUpdate);
  }

}

/** PyTorch's checks, in its order. */
function checkNadam<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  checkNonNegative(o.momentumDecay, 'momentum_decay value');
  return o;
}

/** One NAdam update of a parameter, in place: its values, gradient, state and group options. */
export function nadamUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  const { eps, weightDecay } = group;
  const [beta1, beta2] = group.betas;
  const { biasCorrection2, gradScale, avgScale } = nadamScalars(state, group);
  const p = param;
  const gr = grad;
  const m = floats(state.expAvg as Tensor);
  const v = floats(state.expAvgSq as Tensor);
  for (let i = 0; i < p.length; i++) {
    let g = gr[i] as number;
    if (weightDecay !== 0) g += weightDecay * (p[i] as number);
    m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    const denom = Math.sqrt((v[i] as number) / biasCorrection2) + eps;
    p[i] = (p[i] as number) + (gradScale * g) / denom;
    p[i] = (p[i] as number) + (avgScale * (m[i] as number)) / denom;
  }
}

/** Advances the step and μ product of `state`; the step's scalars. */
function nadamScalars(state: ParamState, group: Filled): { biasCorrection2: number; gradScale: number; avgScale: number } {
  const step = (state.step as number) + 1;
  state.step = step;
  const { lr, betas, momentumDecay } = group;
  const [beta1, beta2] = betas;
  const biasCorrection2 = 1 - beta2 ** step;
  const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
  const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
  const muProduct = f32((state.muProduct as number) * f32(mu));
  state.muProduct = muProduct;
  // PyTorch ≥ 2.0 (pytorch/pytorch#92699): Π·μ_{t+1}, no second μ_t.
  const muProductNext = f32(muProduct * f32(muNext));
  const gradScale = (-lr * (1 - mu)) / (1 - muProduct);
  const avgScale = (-lr * muNext) / (1 - muProductNext);
  return { biasCorrection2, gradScale, avgScale };
}

/** `nadamUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function nadamGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const { eps, weightDecay } = group;
  const [beta1, beta2] = group.betas;
  const { biasCorrection2, gradScale, avgScale } = nadamScalars(state, group);
  const m = state.expAvg as Tensor;
  const v = state.expAvgSq as Tensor;
  const g = weightDecay !== 0 ? grad.add(param.mul(weightDecay)) : grad;
  m.mul_(beta1).add_(g.mul(1 - beta1));
  v.mul_(beta2).add_(g.mul(g).mul(1 - beta2));
  const denom = v.div(biasCorrection2).sqrt().add(eps);
  param.add_(g.mul(gradScale).div(denom));
  param.add_(m.mul(avgScale).div(denom));
}
