/**
 * Adamax (Kingma & Ba 2015, section 7.1), as torch.optim.Adamax: Adam with the infinity norm.
 *
 *   state: m (expAvg) = 0, u (expInf) = 0, t (step) = 0
 *   each step: g ← −g if maximize;  t ← t + 1;  g ← g + λ·θ if λ ≠ 0
 *     m ← β₁·m + (1 − β₁)·g
 *     u ← max(β₂·u, |g| + ε)          (ε inside the max, as PyTorch)
 *     θ ← θ − γ / (1 − β₁ᵗ) · m / u
 *
 * The paper's u ← max(β₂·u, |g|) has no ε (u can be 0 for a zero gradient); PyTorch's ε inside the
 * max keeps u ≥ ε.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link Adamax}. */
export interface AdamaxOptions {
  /** Learning rate γ. Default 2e-3. */
  lr?: number;
  /** (β₁, β₂). Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<AdamaxOptions>;

/**
 * Adamax: Adam with an infinity-norm second moment.
 *
 * @example
 * const opt = new Adamax([w]);
 */
export class Adamax extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: AdamaxOptions | number = {}) {
    const defaults: Filled = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };
    super(params, checkAdamax(withDefaults(defaults, options, 'Adamax')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkAdamax(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', expAvg: 'tensor', expInf: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p) => ({ step: 0, expAvg: zerosLikeParam(p), expInf: zerosLikeParam(p) }), adamaxUpdate, adamaxGPUUpdate);
  }

}

/** PyTorch's checks, in its order. */
function checkAdamax<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** One Adamax update of a parameter, in place: its values, gradient, state and group options. */
export function adamaxUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  const step = (state.step as number) + 1;
  state.step = step;
  const { lr, betas, eps, weightDecay, maximize } = group;
  const [beta1, beta2] = betas;
  const p = param;
  const gr = grad;
  const m = floats(state.expAvg as Tensor);
  const u = floats(state.expInf as Tensor);
  const clr = lr / (1 - beta1 ** step);
  for (let i = 0; i < p.length; i++) {
    let g = maximize ? -(gr[i] as number) : (gr[i] as number);
    if (weightDecay !== 0) g += weightDecay * (p[i] as number);
    m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
    u[i] = Math.max(beta2 * (u[i] as number), Math.abs(g) + eps);
    p[i] = (p[i] as number) - (clr * (m[i] as number)) / (u[i] as number);
  }
}

/** `adamaxUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function adamaxGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const step = (state.step as number) + 1;
  state.step = step;
  const { lr, betas, eps, weightDecay, maximize } = group;
  const [beta1, beta2] = betas;
  const m = state.expAvg as Tensor;
  const u = state.expInf as Tensor;
  let g = maximize ? grad.neg() : grad;
  if (weightDecay !== 0) g = g.add(param.mul(weightDecay));
  m.mul_(beta1).add_(g.mul(1 - beta1));
  u.copy_(u.mul(beta2).maximum(g.abs().add(eps)));
  param.sub_(m.mul(lr / (1 - beta1 ** step)).div(u));
}
