/**
 * AdEMAMix (Pagliardini, Ablin & Grangier 2024, "The AdEMAMix Optimizer: Better, Faster, Older",
 * https://arxiv.org/abs/2409.03137), as the authors' PyTorch code (apple/ml-ademamix).
 *
 *   inputs: γ lr, β₁ β₂ β₃ betas, α alpha, T_β betaWarmup, T_α alphaWarmup, ε eps, λ weightDecay
 *   state: t (step) = 0, m₁ (expAvgFast) = 0 (none when β₁ = 0), m₂ (expAvgSlow) = 0, v (expAvgSq) = 0
 *   each step, for each param θ with gradient g:
 *     t ← t + 1
 *     α_t ← α·min(1, t/T_α)                                         (α if no T_α)
 *     β₃,t ← the half-life warmup from β₁ to β₃ over T_β steps:     (β₃ if no T_β)
 *            f(β) = ln ½ / ln(β + 10⁻⁸) − 1,  β₃,t = ½^(1 / ((1 − t/T_β)·f(β₁) + (t/T_β)·f(β₃) + 1))
 *     m₁ ← β₁·m₁ + (1 − β₁)·g   (m₁ = g when β₁ = 0)
 *     m₂ ← β₃,t·m₂ + (1 − β₃,t)·g
 *     v ← β₂·v + (1 − β₂)·g²
 *     θ ← θ − γ·((m₁/(1 − β₁ᵗ) + α_t·m₂) / (√v/√(1 − β₂ᵗ) + ε) + λ·θ)
 *
 * The slow average m₂ has no bias correction (as the paper's Algorithm 1); the weight decay is
 * AdamW's, decoupled and scaled by γ.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { fusedAdemamix } from './fused-beyond';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative, pyFloat } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput } from './optimizer';

/** Options of {@link AdEMAMix}. */
export interface AdEMAMixOptions {
  /** Learning rate γ. Default 1e-3. */
  lr?: number;
  /** (β₁, β₂, β₃): decay of the fast average, the second moment and the slow average. Default [0.9, 0.999, 0.9999]. */
  betas?: [number, number, number];
  /** α: weight of the slow average. Default 2. */
  alpha?: number;
  /** Steps over which β₃ warms up from β₁ (null: none). Default null. */
  betaWarmup?: number | null;
  /** Steps over which α warms up from 0 (null: none). Default null. */
  alphaWarmup?: number | null;
  /** ε added to the denominator. Default 1e-8. */
  eps?: number;
  /** λ: decoupled weight decay. Default 0. */
  weightDecay?: number;
}

type Filled = Required<AdEMAMixOptions>;

/**
 * AdEMAMix: Adam with a second, much slower, momentum average mixed in.
 *
 * @example
 * const opt = new AdEMAMix(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999, 0.9999], alpha: 5, betaWarmup: 10000, alphaWarmup: 10000 });
 */
export class AdEMAMix extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: AdEMAMixOptions = {}) {
    const defaults: Filled = {
      lr: 1e-3,
      betas: [0.9, 0.999, 0.9999],
      alpha: 2,
      betaWarmup: null,
      alphaWarmup: null,
      eps: 1e-8,
      weightDecay: 0,
    };
    super(params, checkAdemamix(withDefaults(defaults, options, 'AdEMAMix')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkAdemamix(group);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, ademamixState, ademamixUpdate, ademamixGPUUpdate);
  }
}

function ademamixState(p: Tensor, group: Filled): ParamState {
  return {
    step: 0, // number of updates so far
    expAvgFast: group.betas[0] !== 0 ? zerosLikeParam(p) : null, // m₁: fast average of g
    expAvgSlow: zerosLikeParam(p), // m₂: slow average of g
    expAvgSq: zerosLikeParam(p), // v: running average of g²
  };
}

/** The reference's checks, in its order and words. */
function checkAdemamix<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  if (!Array.isArray(o.betas) || o.betas.length !== 3)
    throw new TypeError(`betas: expected three numbers [beta1, beta2, beta3], got ${JSON.stringify(o.betas)}`);
  o.betas.forEach((b, i) => {
    if (!(b >= 0 && b < 1)) throw new RangeError(`Invalid beta parameter at index ${i}: ${pyFloat(b)}`);
  });
  checkNonNegative(o.weightDecay, 'weight_decay value');
  checkNonNegative(o.alpha, 'alpha value');
  return o;
}

/** The half-life of an average with decay β, in steps, minus one (the reference's f). */
function halfLife(beta: number): number {
  return Math.log(0.5) / Math.log(beta + 1e-8) - 1;
}

/**
 * β₃ at step t of a warmup that moves the slow average's half-life linearly from β₁'s to β₃'s.
 *
 * @example
 * beta3At(1, 0.9, 0.9999, 100);
 */
export function beta3At(step: number, beta1: number, beta3: number, warmup: number | null): number {
  if (warmup === null || step >= warmup) return beta3;
  const a = step / warmup;
  return 0.5 ** (1 / ((1 - a) * halfLife(beta1) + a * halfLife(beta3) + 1));
}

/**
 * α at step t of a linear warmup from 0.
 *
 * @example
 * alphaAt(5, 2, 10); // 1
 */
export function alphaAt(step: number, alpha: number, warmup: number | null): number {
  if (warmup === null || step >= warmup) return alpha;
  const a = step / warmup;
  return (1 - a) * 0 + a * alpha;
}

/** The numbers one AdEMAMix step uses, the same on the CPU and the GPU. */
interface AdemamixScalars {
  lr: number;
  eps: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  /** β₃ after its warmup at this step. */
  beta3: number;
  /** α after its warmup at this step. */
  alpha: number;
  step: number;
  biasCorrection1: number;
  biasCorrection2Sqrt: number;
}

/**
 * Advances `state.step` and returns this step's numbers: 1 − β₁ᵗ, √(1 − β₂ᵗ), and α and β₃ after
 * their warmups.
 */
function ademamixScalars(state: ParamState, group: Filled): AdemamixScalars {
  const { lr, eps, weightDecay, alphaWarmup, betaWarmup } = group;
  const [beta1, beta2, beta3Final] = group.betas;
  const step = (state.step as number) + 1;
  state.step = step;
  return {
    lr,
    eps,
    weightDecay,
    beta1,
    beta2,
    beta3: beta3At(step, beta1, beta3Final, betaWarmup),
    alpha: alphaAt(step, group.alpha, alphaWarmup),
    step,
    biasCorrection1: 1 - beta1 ** step,
    biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** step),
  };
}

/**
 * One AdEMAMix update of a parameter in place.
 *
 * @example
 * ademamixUpdate(floats(p), floats(p.grad), state, group);
 */
export function ademamixUpdate(param: FloatArray, grad: FloatArray, state: ParamState, group: Filled): void {
  const { lr, eps, weightDecay, beta1, beta2, beta3, alpha, step, biasCorrection1, biasCorrection2Sqrt } = ademamixScalars(state, group);
  const fast = state.expAvgFast === null ? null : floats(state.expAvgFast as Tensor);
  const slow = floats(state.expAvgSlow as Tensor);
  const v = floats(state.expAvgSq as Tensor);
  // float32 parameters: the fused float32 pass (wasm for large ones).
  if (fusedAdemamix(param, grad, fast, slow, v, { lr, beta1, beta2, beta3, alpha, eps, weightDecay, step })) return;
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] as number;
    let m1 = g;
    if (fast !== null) {
      fast[i] = beta1 * (fast[i] as number) + (1 - beta1) * g;
      m1 = fast[i] as number;
    }
    slow[i] = beta3 * (slow[i] as number) + (1 - beta3) * g;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    const denom = Math.sqrt(v[i] as number) / biasCorrection2Sqrt + eps;
    const theta = param[i] as number;
    const update = (m1 / biasCorrection1 + alpha * (slow[i] as number)) / denom + weightDecay * theta;
    param[i] = theta - lr * update;
  }
}

/**
 * `ademamixUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU).
 *
 * @example
 * ademamixGPUUpdate(p, p.grad, state, group);
 */
export function ademamixGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const { lr, eps, weightDecay, beta1, beta2, beta3, alpha, biasCorrection1, biasCorrection2Sqrt } = ademamixScalars(state, group);
  const fast = state.expAvgFast as Tensor | null;
  const slow = state.expAvgSlow as Tensor;
  const v = state.expAvgSq as Tensor;
  let m1 = grad;
  if (fast !== null) {
    fast.mul_(beta1).add_(grad.mul(1 - beta1));
    m1 = fast;
  }
  slow.mul_(beta3).add_(grad.mul(1 - beta3));
  v.mul_(beta2).add_(grad.square().mul(1 - beta2));
  const denom = v.sqrt().div(biasCorrection2Sqrt).add(eps);
  let update = m1.div(biasCorrection1).add(slow.mul(alpha)).div(denom);
  if (weightDecay !== 0) update = update.add(param.mul(weightDecay));
  param.sub_(update.mul(lr));
}
