/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
 * https://arxiv.org/abs/2302.06675). Not in PyTorch 1.13; the update follows the paper's Program 1.
 *
 *   state: m (expAvg) = 0
 *   each step: g ← −g if maximize
 *     θ ← θ·(1 − γ·λ)                         (decoupled weight decay)
 *     θ ← θ − γ·sign(β₁·m + (1 − β₁)·g)
 *     m ← β₂·m + (1 − β₂)·g
 *
 * Every coordinate moves by exactly γ (or 0), so Lion wants a learning rate 3–10× smaller than
 * AdamW's and a weight decay as many times larger.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link Lion}. */
export interface LionOptions {
  /** Learning rate γ. Default 1e-4. */
  lr?: number;
  /** (β₁, β₂): interpolation for the update and decay of the momentum. Default [0.9, 0.99]. */
  betas?: [number, number];
  /** Decoupled weight decay λ. Default 0. */
  weightDecay?: number;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<LionOptions>;

/**
 * Lion: sign-of-momentum updates.
 *
 * @example
 * const opt = new Lion(model.parameters(), { lr: 1e-4, weightDecay: 1e-2 });
 */
export class Lion extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: LionOptions | number = {}) {
    const defaults: Filled = { lr: 1e-4, betas: [0.9, 0.99], weightDecay: 0, maximize: false };
    super(params, checkLion(withDefaults(defaults, options, 'Lion')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkLion(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { expAvg: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p) => ({ expAvg: zerosLikeParam(p) }), lionUpdate, lionGPUUpdate);
  }

}

/** The same checks, worded as PyTorch's optimizers word them. */
function checkLion<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** One Lion update of a parameter, in place: its values, gradient, state and group options. */
export function lionUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  const { lr, betas, weightDecay, maximize } = group;
  const [beta1, beta2] = betas;
  const p = param;
  const gr = grad;
  const m = floats(state.expAvg as Tensor);
  for (let i = 0; i < p.length; i++) {
    const g = maximize ? -(gr[i] as number) : (gr[i] as number);
    const update = Math.sign(beta1 * (m[i] as number) + (1 - beta1) * g);
    p[i] = (p[i] as number) * (1 - lr * weightDecay) - lr * update;
    m[i] = beta2 * (m[i] as number) + (1 - beta2) * g;
  }
}

/** `lionUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function lionGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const { lr, betas, weightDecay, maximize } = group;
  const [beta1, beta2] = betas;
  const m = state.expAvg as Tensor;
  const g = maximize ? grad.neg() : grad;
  const update = m.mul(beta1).add(g.mul(1 - beta1)).sign();
  param.mul_(1 - lr * weightDecay).sub_(update.mul(lr));
  m.mul_(beta2).add_(g.mul(1 - beta2));
}
