/**
 * Schedule-Free SGD (Defazio et al. 2024, https://arxiv.org/abs/2405.15682), as
 * facebookresearch/schedule_free's `SGDScheduleFree`. See schedule-free.ts for the averaging.
 *
 *   inputs: γ lr, β momentum, λ weightDecay, warmupSteps, r, weightLrPower
 *   state: z = θ₀;  per group: k, W, γ_max (schedule-free.ts)
 *   each step (train mode; θ holds y), for each param with gradient g:
 *     u ← g + λ·y
 *     y ← (1 − c)·y + c·z + γ_k·(β·(1 − c) − 1)·u
 *     z ← z − γ_k·u
 *
 * β is the interpolation y = (1 − β)·z + β·x (the role momentum plays). Call `train()` before
 * training and `eval()` before evaluating or saving (θ then holds x).
 */
import type { Tensor } from '@descent/autograd';
import { noGrad } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { fusedScheduleFreeSgd } from './fused-beyond';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative, pyNumber } from './checks';
import { lerpTensor } from './each-param';
import { withDefaults } from './options';
import { checkTrainMode, sfGroup, sfSchedule, sfSwitch } from './schedule-free';
import type { ParamGroup, ParamState, ParamsInput } from './optimizer';

/** Options of {@link ScheduleFreeSGD}. */
export interface ScheduleFreeSGDOptions {
  /** Learning rate γ. Default 1. */
  lr?: number;
  /** β: the y interpolation, in (0, 1). Default 0.9. */
  momentum?: number;
  /** λ: L2 penalty added to the gradient at y. Default 0. */
  weightDecay?: number;
  /** Steps of linear learning-rate warmup. Default 0. */
  warmupSteps?: number;
  /** r: polynomial weighting (k + 1)^r of the average. Default 0. */
  r?: number;
  /** The average's weights are γ_max^weightLrPower. Default 2. */
  weightLrPower?: number;
}

type Filled = Required<ScheduleFreeSGDOptions>;

/**
 * Schedule-Free SGD: SGD with momentum replaced by iterate averaging, no schedule needed.
 *
 * @example
 * const opt = new ScheduleFreeSGD(model.parameters(), { lr: 0.1 });
 * opt.train(); // … train …
 * opt.eval(); // … evaluate or save …
 */
export class ScheduleFreeSGD extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: ScheduleFreeSGDOptions = {}) {
    const defaults: Filled = { lr: 1, momentum: 0.9, weightDecay: 0, warmupSteps: 0, r: 0, weightLrPower: 2 };
    super(params, checkSfSgd(withDefaults(defaults, options, 'ScheduleFreeSGD')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkSfSgd(group);
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
    sfSwitch(this, (g) => (g as ParamGroup<Filled>).momentum, true);
  }

  /**
   * Puts the parameters at x, the averaged point to evaluate and save.
   *
   * @example
   * opt.eval();
   */
  eval(): void {
    sfSwitch(this, (g) => (g as ParamGroup<Filled>).momentum, false);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    checkTrainMode(this.paramGroups);
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        const bookkeeping = sfGroup(group);
        const { lr, ckp1 } = sfSchedule(bookkeeping, group);
        for (const { param, grad, state } of this.paramsWithGrad(group, sfSgdState)) {
          if (param.storage.device !== 'cpu') sfSgdGPUUpdate(param, grad, state, group, lr, ckp1);
          else sfSgdUpdate(floats(param), floats(grad), state, group, lr, ckp1);
        }
        bookkeeping.k += 1;
      }
    });
  }
}

function sfSgdState(p: Tensor): ParamState {
  return { z: noGrad(() => zerosLikeParam(p).copy_(p)) }; // z: the base iterate, starts at θ₀
}

/** The reference's checks, in its order and words. */
function checkSfSgd<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  if (!(o.momentum > 0 && o.momentum < 1))
    throw new RangeError(`Momentum must be between 0 and 1 exclusive: ${pyNumber(o.momentum)}`);
  checkNonNegative(o.warmupSteps, 'warmup_steps value');
  return o;
}

/**
 * One Schedule-Free SGD update of a parameter (at y) in place, with the group's step scalars.
 *
 * @example
 * sfSgdUpdate(y, g, state, group, lr, ckp1);
 */
export function sfSgdUpdate(param: FloatArray, grad: FloatArray, state: ParamState, group: Filled, lr: number, ckp1: number): void {
  const { momentum, weightDecay } = group;
  const z = floats(state.z as Tensor);
  // float32 parameters: the fused float32 pass (wasm for large ones).
  if (fusedScheduleFreeSgd(param, grad, z, { weightDecay, lr, momentum, ckp1 })) return;
  const yScale = lr * (momentum * (1 - ckp1) - 1);
  for (let i = 0; i < param.length; i++) {
    const y = param[i] as number;
    const u = (grad[i] as number) + weightDecay * y;
    const zi = z[i] as number;
    const lerped = ckp1 < 0.5 ? y + ckp1 * (zi - y) : zi - (zi - y) * (1 - ckp1);
    param[i] = lerped + yScale * u;
    z[i] = zi - lr * u;
  }
}

/**
 * `sfSgdUpdate` of a GPU parameter (at y) with tensor ops (same update, float32 on the GPU).
 *
 * @example
 * sfSgdGPUUpdate(y, g, state, group, lr, ckp1);
 */
export function sfSgdGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled, lr: number, ckp1: number): void {
  const { momentum, weightDecay } = group;
  const z = state.z as Tensor;
  const u = weightDecay !== 0 ? grad.add(param.mul(weightDecay)) : grad;
  const y = lerpTensor(param, z, ckp1).add(u.mul(lr * (momentum * (1 - ckp1) - 1)));
  z.sub_(u.mul(lr));
  param.copy_(y);
}
