/**
 * Schedule-Free AdamW (Defazio et al. 2024, https://arxiv.org/abs/2405.15682), as
 * facebookresearch/schedule_free's `AdamWScheduleFree`. See schedule-free.ts for the averaging.
 *
 *   inputs: γ lr, β₁ β₂ betas, ε eps, λ weightDecay, warmupSteps, r, weightLrPower
 *   state: z = θ₀, v (expAvgSq) = 0;  per group: k, W, γ_max (schedule-free.ts)
 *   each step (train mode; θ holds y), for each param with gradient g:
 *     v ← β₂·v + (1 − β₂)·g²
 *     u ← g / (√(v / (1 − β₂^(k+1))) + ε) + λ·y        (weight decay at y)
 *     y ← (1 − c)·y + c·z + γ_k·(β₁·(1 − c) − 1)·u
 *     z ← z − γ_k·u
 *
 * β₁ is the interpolation y = (1 − β₁)·z + β₁·x, not a moment decay: there is no first moment.
 * Call `train()` before training and `eval()` before evaluating or saving (θ then holds x).
 */
import type { Tensor } from '@descent/autograd';
import { noGrad } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { fusedScheduleFreeAdamW } from './fused-beyond';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { lerpTensor } from './each-param';
import { withDefaults } from './options';
import { checkTrainMode, sfGroup, sfSchedule, sfSwitch } from './schedule-free';
import type { ParamGroup, ParamState, ParamsInput } from './optimizer';

/** Options of {@link ScheduleFreeAdamW}. */
export interface ScheduleFreeAdamWOptions {
  /** Learning rate γ. Default 0.0025. */
  lr?: number;
  /** (β₁, β₂): β₁ the y interpolation, β₂ the second-moment decay. Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε added to the denominator. Default 1e-8. */
  eps?: number;
  /** λ: weight decay, taken at y. Default 0. */
  weightDecay?: number;
  /** Steps of linear learning-rate warmup. Default 0. */
  warmupSteps?: number;
  /** r: polynomial weighting (k + 1)^r of the average. Default 0. */
  r?: number;
  /** The average's weights are γ_max^weightLrPower. Default 2. */
  weightLrPower?: number;
}

type Filled = Required<ScheduleFreeAdamWOptions>;

/**
 * Schedule-Free AdamW: AdamW without a learning-rate schedule, by averaging its iterates.
 *
 * @example
 * const opt = new ScheduleFreeAdamW(model.parameters(), { lr: 2.5e-3 });
 * opt.train(); // … train …
 * opt.eval(); // … evaluate or save …
 */
export class ScheduleFreeAdamW extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: ScheduleFreeAdamWOptions = {}) {
    const defaults: Filled = { lr: 0.0025, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 2 };
    super(params, checkSfAdamW(withDefaults(defaults, options, 'ScheduleFreeAdamW')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkSfAdamW(group);
  }

  protected override initGroup(group: ParamGroup<Filled>): void {
    sfGroup(group);
  }

  /**
   * Puts the parameters at y, where gradients are taken (call before training).
   *
   * @example
   * opt.train();
   */
  train(): void {
    sfSwitch(this, (g) => (g as ParamGroup<Filled>).betas[0], true);
  }

  /**
   * Puts the parameters at x, the averaged point to evaluate and save.
   *
   * @example
   * opt.eval();
   */
  eval(): void {
    sfSwitch(this, (g) => (g as ParamGroup<Filled>).betas[0], false);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    checkTrainMode(this.paramGroups);
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        const bookkeeping = sfGroup(group);
        const k = bookkeeping.k;
        const { lr, ckp1 } = sfSchedule(bookkeeping, group);
        const biasCorrection2 = 1 - group.betas[1] ** (k + 1);
        for (const { param, grad, state } of this.paramsWithGrad(group, sfAdamWState)) {
          if (param.storage.device !== 'cpu') sfAdamWGPUUpdate(param, grad, state, group, lr, ckp1, biasCorrection2);
          else sfAdamWUpdate(floats(param), floats(grad), state, group, lr, ckp1, biasCorrection2);
        }
        bookkeeping.k = k + 1;
      }
    });
  }
}

function sfAdamWState(p: Tensor): ParamState {
  return {
    z: noGrad(() => zerosLikeParam(p).copy_(p)), // z: the base iterate, starts at θ₀
    expAvgSq: zerosLikeParam(p), // v: running average of g²
  };
}

/** PyTorch's AdamW checks, in its words. */
function checkSfAdamW<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  checkNonNegative(o.warmupSteps, 'warmup_steps value');
  return o;
}

/**
 * One Schedule-Free AdamW update of a parameter (at y) in place, with the group's step scalars.
 *
 * @example
 * sfAdamWUpdate(y, g, state, group, lr, ckp1, 1 - beta2 ** (k + 1));
 */
export function sfAdamWUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
  lr: number,
  ckp1: number,
  biasCorrection2: number,
): void {
  const [beta1, beta2] = group.betas;
  const { eps, weightDecay } = group;
  const z = floats(state.z as Tensor);
  const v = floats(state.expAvgSq as Tensor);
  // float32 parameters: the fused float32 pass (wasm for large ones).
  if (fusedScheduleFreeAdamW(param, grad, z, v, { beta1, beta2, biasCorrection2, eps, weightDecay, lr, ckp1 })) return;
  const yScale = lr * (beta1 * (1 - ckp1) - 1);
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] as number;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    const denom = Math.sqrt((v[i] as number) / biasCorrection2) + eps;
    const y = param[i] as number;
    const u = g / denom + weightDecay * y;
    const zi = z[i] as number;
    const lerped = ckp1 < 0.5 ? y + ckp1 * (zi - y) : zi - (zi - y) * (1 - ckp1);
    param[i] = lerped + yScale * u;
    z[i] = zi - lr * u;
  }
}

/**
 * `sfAdamWUpdate` of a GPU parameter (at y) with tensor ops (same update, float32 on the GPU).
 *
 * @example
 * sfAdamWGPUUpdate(y, g, state, group, lr, ckp1, 1 - beta2 ** (k + 1));
 */
export function sfAdamWGPUUpdate(
  param: Tensor,
  grad: Tensor,
  state: ParamState,
  group: Filled,
  lr: number,
  ckp1: number,
  biasCorrection2: number,
): void {
  const [beta1, beta2] = group.betas;
  const { eps, weightDecay } = group;
  const z = state.z as Tensor;
  const v = state.expAvgSq as Tensor;
  v.mul_(beta2).add_(grad.square().mul(1 - beta2));
  let u = grad.div(v.div(biasCorrection2).sqrt().add(eps));
  if (weightDecay !== 0) u = u.add(param.mul(weightDecay));
  const y = lerpTensor(param, z, ckp1).add(u.mul(lr * (beta1 * (1 - ckp1) - 1)));
  z.sub_(u.mul(lr));
  param.copy_(y);
}
