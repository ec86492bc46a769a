/**
 * LAMB (You et al. 2020, "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes",
 * https://arxiv.org/abs/1904.00962), as the reference PyTorch implementation cybertronai/pytorch-lamb
 * (the paper's v3 update: no bias correction).
 *
 *   inputs: γ lr, β₁ β₂ betas, ε eps, λ weightDecay
 *   state: t (step) = 0, m (expAvg) = 0, v (expAvgSq) = 0
 *   each step, for each param θ with gradient g:
 *     t ← t + 1
 *     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
 *     r ← m / (√v + ε) + λ·θ                         (the Adam step with decoupled decay)
 *     φ ← min(‖θ‖, 10)                               (the paper's scaling function, clipped at 10)
 *     τ ← φ / ‖r‖, or 1 when φ = 0 or ‖r‖ = 0         (the layer's trust ratio)
 *     θ ← θ − γ·τ·r
 *
 * The norms are over the whole parameter (a "layer"); φ, ‖r‖ and τ of the last step are kept in the
 * state as `weightNorm`, `adamNorm` and `trustRatio`, as the reference does for logging.
 */
import { where } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { fusedLamb } from './fused-beyond';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { eachParam, norm2 } from './each-param';
import { withDefaults } from './options';
import type { OptimizerStateDict, ParamGroup, ParamState, ParamsInput } from './optimizer';

/** Options of {@link LAMB}. */
export interface LAMBOptions {
  /** Learning rate γ. Default 1e-3. */
  lr?: number;
  /** (β₁, β₂): decay of the first and second moment averages. Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε added to √v. Default 1e-6 (the reference's). */
  eps?: number;
  /** λ: decay added to the Adam step before the trust ratio. Default 0. */
  weightDecay?: number;
}

type Filled = Required<LAMBOptions>;

/** Upper clip of ‖θ‖ in the trust ratio (the reference's `clamp(0, 10)`). */
const WEIGHT_NORM_CLIP = 10;

let scratch = new Float64Array(0);

/** The state entries LAMB keeps for logging (numbers on the CPU, 0-d tensors on webgpu). */
const LOGGED = ['weightNorm', 'adamNorm', 'trustRatio'] as const;

/**
 * LAMB: Adam steps rescaled per parameter by the trust ratio ‖θ‖/‖step‖.
 *
 * @example
 * const opt = new LAMB(model.parameters(), { lr: 1e-3, weightDecay: 1e-2 });
 */
export class LAMB extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: LAMBOptions = {}) {
    const defaults: Filled = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-6, weightDecay: 0 };
    super(params, checkLamb(withDefaults(defaults, options, 'LAMB')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkLamb(group);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  /**
   * As the base's; the logged scalars (`weightNorm`, `adamNorm`, `trustRatio`), 0-d tensors after
   * a step on webgpu, are taken as they are (cloned) instead of checked against the parameter's shape.
   *
   * @example
   * opt.loadStateDict(saved);
   */
  override loadStateDict(sd: OptimizerStateDict): void {
    const logged = new Map<number, Record<string, Tensor>>();
    const stripped: OptimizerStateDict = { paramGroups: sd.paramGroups, state: {} };
    for (const [key, s] of Object.entries(sd.state)) {
      const rest: Record<string, unknown> = { ...s };
      const scalars: Record<string, Tensor> = {};
      for (const name of LOGGED) {
        const v = rest[name];
        if (v instanceof Object && 'ndim' in v && (v as Tensor).ndim === 0) {
          scalars[name] = v as Tensor;
          delete rest[name];
        }
      }
      stripped.state[Number(key)] = rest as OptimizerStateDict['state'][number];
      logged.set(Number(key), scalars);
    }
    super.loadStateDict(stripped);
    const params = this.paramGroups.flatMap((g) => g.params);
    for (const [key, scalars] of logged) {
      const state = this.state.get(params[key] as Tensor);
      if (state !== undefined) for (const [name, t] of Object.entries(scalars)) state[name] = t.clone();
    }
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        eachParam(group, this.state, lambState, ({ values, grad, state }) => lambUpdate(values, grad, state, group), (param, grad, state) => lambGPUUpdate(param, grad, state, group));
      }
    });
  }
}

function lambState(p: Tensor): ParamState {
  return {
    step: 0, // number of updates so far
    expAvg: zerosLikeParam(p), // m: running average of g
    expAvgSq: zerosLikeParam(p), // v: running average of g²
  };
}

/** The reference's checks, worded as PyTorch's. */
function checkLamb<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/**
 * One LAMB update of a parameter in place.
 *
 * @example
 * lambUpdate(floats(p), floats(p.grad), state, group);
 */
export function lambUpdate(param: FloatArray, grad: FloatArray, state: ParamState, group: Filled): void {
  const { lr, betas, eps, weightDecay } = group;
  const [beta1, beta2] = betas;
  state.step = (state.step as number) + 1;
  const m = floats(state.expAvg as Tensor);
  const v = floats(state.expAvgSq as Tensor);
  const trust = (weightSq: number, adamSq: number): number => {
    const weightNorm = Math.min(Math.sqrt(weightSq), WEIGHT_NORM_CLIP);
    const adamNorm = Math.sqrt(adamSq);
    const trustRatio = weightNorm === 0 || adamNorm === 0 ? 1 : weightNorm / adamNorm;
    state.weightNorm = weightNorm;
    state.adamNorm = adamNorm;
    state.trustRatio = trustRatio;
    return lr * trustRatio;
  };
  // float32 parameters: the fused float32 passes (wasm for large ones).
  if (fusedLamb(param, grad, m, v, { beta1, beta2, eps, weightDecay }, trust)) return;
  const n = param.length;
  if (scratch.length < n) scratch = new Float64Array(n);
  const adamStep = scratch;
  let adamSq = 0;
  for (let i = 0; i < n; i++) {
    const g = grad[i] as number;
    m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    let r = (m[i] as number) / (Math.sqrt(v[i] as number) + eps);
    if (weightDecay !== 0) r += weightDecay * (param[i] as number);
    adamStep[i] = r;
    adamSq += r * r;
  }
  const weightNorm = norm2(param);
  const stepSize = trust(weightNorm * weightNorm, adamSq);
  for (let i = 0; i < n; i++) param[i] = (param[i] as number) - stepSize * (adamStep[i] as number);
}

/**
 * `lambUpdate` of a GPU parameter with tensor ops. The norms and the trust ratio are 0-d GPU
 * tensors (τ = 1 when a norm is 0 by a `where`), so the step reads nothing back; the state keeps
 * them as `weightNorm`, `adamNorm` and `trustRatio` (0-d tensors on the GPU, where the CPU keeps
 * numbers), and `stateDict()` returns them as they are.
 *
 * @example
 * lambGPUUpdate(p, p.grad, state, group);
 */
export function lambGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const { lr, betas, eps, weightDecay } = group;
  const [beta1, beta2] = betas;
  state.step = (state.step as number) + 1;
  const m = state.expAvg as Tensor;
  const v = state.expAvgSq as Tensor;
  m.mul_(beta1).add_(grad.mul(1 - beta1));
  v.mul_(beta2).add_(grad.square().mul(1 - beta2));
  let adamStep = m.div(v.sqrt().add(eps));
  if (weightDecay !== 0) adamStep = adamStep.add(param.mul(weightDecay));
  const weightNorm = param.norm().clamp(0, WEIGHT_NORM_CLIP);
  const adamNorm = adamStep.norm();
  const trustRatio = where(weightNorm.ne(0).logicalAnd(adamNorm.ne(0)), weightNorm.div(adamNorm), 1);
  state.weightNorm = weightNorm;
  state.adamNorm = adamNorm;
  state.trustRatio = trustRatio;
  param.sub_(adamStep.mul(trustRatio.mul(lr)));
}
