/**
 * What Schedule-Free AdamW and SGD share (Defazio et al. 2024, "The Road Less Scheduled",
 * https://arxiv.org/abs/2405.15682; reference facebookresearch/schedule_free): the group's averaging
 * weights and the `train()`/`eval()` switch of the evaluation point.
 *
 * The method keeps three sequences: z (the base optimizer's iterate), x (the weighted average of
 * the z's, the point to evaluate and save) and y = (1 − β)·z + β·x, where gradients are taken. The
 * parameter holds y in train mode and x in eval mode; the state holds z, so x = (y − (1 − β)·z)/β
 * is never stored. Each step, with k the group's step count:
 *
 *     γ_k ← γ·min(1, (k + 1)/warmupSteps)
 *     γ_max ← max(γ_max, γ_k);   w_k ← (k + 1)^r · γ_max^weightLrPower;   W ← W + w_k
 *     c ← w_k / W                                        (0 when W = 0)
 *     y ← (1 − c)·y + c·z + γ_k·(β·(1 − c) − 1)·u;   z ← z − γ_k·u
 *
 * where u is the base step direction (the gradient for SGD, the Adam-normalised one for AdamW).
 */
import type { Tensor } from '@descent/autograd';
import { noGrad } from '@descent/autograd';
import type { ParamGroup, ParamState } from './optimizer';
import { lerp, lerpTensor } from './each-param';
import { floats } from './buffers';

/** The bookkeeping a Schedule-Free group carries beside its options (saved with the groups). */
export interface ScheduleFreeGroupState {
  /** Steps taken by the group. */
  k: number;
  /** True in train mode (parameters at y), false in eval mode (parameters at x). */
  trainMode: boolean;
  /** W: the sum of the averaging weights so far. */
  weightSum: number;
  /** γ_max: the largest scheduled learning rate so far. */
  lrMax: number;
  /** γ_k of the last step (for logging, as the reference). */
  scheduledLr: number;
}

/** The group's bookkeeping, created on first use (groups start in eval mode, as the reference). */
export function sfGroup(group: ParamGroup<object>): ScheduleFreeGroupState {
  const g = group as unknown as Partial<ScheduleFreeGroupState>;
  g.k ??= 0;
  g.trainMode ??= false;
  g.weightSum ??= 0;
  g.lrMax ??= -1;
  g.scheduledLr ??= 0;
  return g as ScheduleFreeGroupState;
}

/** The scalars of one step of a group: γ_k and c (advances the group's k, γ_max and W). */
export function sfSchedule(
  bookkeeping: ScheduleFreeGroupState,
  { lr, warmupSteps, r, weightLrPower }: { lr: number; warmupSteps: number; r: number; weightLrPower: number },
): { lr: number; ckp1: number } {
  const k = bookkeeping.k;
  const sched = k < warmupSteps ? (k + 1) / warmupSteps : 1;
  const scheduledLr = lr * sched;
  bookkeeping.scheduledLr = scheduledLr;
  const lrMax = (bookkeeping.lrMax = Math.max(scheduledLr, bookkeeping.lrMax));
  const weight = (k + 1) ** r * lrMax ** weightLrPower;
  const weightSum = (bookkeeping.weightSum += weight);
  const ckp1 = weightSum === 0 ? 0 : weight / weightSum;
  return { lr: scheduledLr, ckp1 };
}

/** The reference's error when step() is called in eval mode. */
export function checkTrainMode(groups: readonly ParamGroup<object>[]): void {
  if (!sfGroup(groups[0] as ParamGroup<object>).trainMode) {
    throw new Error(
      'Optimizer was not in train mode when step is called. Please insert .train() and .eval() calls on the optimizer. See documentation for details.',
    );
  }
}

/**
 * Moves every parameter with state between y and x: to train mode (θ ← lerp(θ, z, 1 − β)) or to
 * eval mode (θ ← lerp(θ, z, 1 − 1/β)), for the groups not already in that mode.
 */
export function sfSwitch(
  optimizer: { readonly paramGroups: readonly ParamGroup<object>[]; readonly state: Map<Tensor, ParamState> },
  beta: (group: ParamGroup<object>) => number,
  toTrain: boolean,
): void {
  noGrad(() => {
    for (const group of optimizer.paramGroups) {
      const bookkeeping = sfGroup(group);
      if (bookkeeping.trainMode === toTrain) continue;
      const b = beta(group);
      const weight = toTrain ? 1 - b : 1 - 1 / b;
      for (const p of group.params) {
        const z = optimizer.state.get(p)?.z as Tensor | undefined;
        if (z === undefined) continue;
        if (p.isContiguous() && p.storage.device === 'cpu') {
          const values = floats(p);
          const zs = floats(z);
          for (let i = 0; i < values.length; i++) values[i] = lerp(values[i] as number, zs[i] as number, weight);
          p.storage.version++;
        } else {
          if (p.storage.device === 'cpu') p.data.lerp_(z, weight);
          else p.data.copy_(lerpTensor(p.data, z, weight)); // no lerp kernel on webgpu
        }
      }
      bookkeeping.trainMode = toTrain;
    }
  });
}
