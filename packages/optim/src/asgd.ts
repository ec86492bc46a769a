/**
 * Averaged SGD (Polyak & Juditsky 1992), as torch.optim.ASGD 1.13.
 *
 *   inputs: γ lr, λ lambd, α alpha, t₀ t0, wd weightDecay, maximize
 *   state: t = 0, η (eta) = γ, μ (mu) = 1, ā (ax) = 0
 *   each step: g ← −g if maximize;  t ← t + 1;  g ← g + wd·θ if wd ≠ 0   (θ before this step)
 *     θ ← θ·(1 − λ·η);   θ ← θ − η·g
 *     ā ← θ if μ = 1, else ā + μ·(θ − ā)
 *     η ← γ / (1 + λ·γ·t)^α;   μ ← 1 / max(1, t − t₀)
 *
 * η and μ are float32 scalars in PyTorch 1.13 even for float64 parameters; we round them likewise.
 * Polyak & Juditsky average every iterate with equal weight; PyTorch keeps ā = θ until step t₀ and
 * averages from there (μ = 1/(t − t₀)), and takes η's schedule from Xu (2011), with the extra
 * θ·(1 − λ·η) shrink that makes λ act as a weight decay.
 */
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link ASGD}. */
export interface ASGDOptions {
  /** Learning rate γ. Default 0.01. */
  lr?: number;
  /** Decay term λ. Default 1e-4. */
  lambd?: number;
  /** Power α of the η schedule. Default 0.75. */
  alpha?: number;
  /** Step t₀ at which averaging starts. Default 1e6. */
  t0?: number;
  /** L2 penalty. Default 0. */
  weightDecay?: number;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<ASGDOptions>;
const f32 = Math.fround;

/**
 * Averaged stochastic gradient descent: SGD plus a running average `ax` of the iterates.
 *
 * @example
 * const opt = new ASGD([w], { lr: 0.01, t0: 100 });
 */
export class ASGD extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: ASGDOptions | number = {}) {
    const defaults: Filled = { lr: 0.01, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false };
    super(params, checkAsgd(withDefaults(defaults, options, 'ASGD')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkAsgd(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', eta: 'number', mu: 'number', ax: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p, group) => ({ step: 0, eta: f32(group.lr), mu: 1, ax: zerosLikeParam(p) }), asgdUpdate, asgdGPUUpdate);
  }

}

/** PyTorch's checks (lr and weight decay only). */
function checkAsgd<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** One ASGD update of a parameter, in place: its values, gradient, state and group options. */
export function asgdUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
): void {
  const step = (state.step as number) + 1;
  state.step = step;
  const { lr, lambd, alpha, t0, weightDecay, maximize } = group;
  const eta = state.eta as number;
  const mu = state.mu as number;
  const p = param;
  const gr = grad;
  const ax = floats(state.ax as Tensor);
  for (let i = 0; i < p.length; i++) {
    let g = maximize ? -(gr[i] as number) : (gr[i] as number);
    if (weightDecay !== 0) g += weightDecay * (p[i] as number);
    p[i] = (p[i] as number) * (1 - lambd * eta);
    p[i] = (p[i] as number) - eta * g;
    ax[i] =
      mu !== 1 ? (ax[i] as number) + ((p[i] as number) - (ax[i] as number)) * mu : (p[i] as number);
  }
  state.eta = f32(lr / (1 + lambd * lr * step) ** alpha);
  state.mu = f32(1 / Math.max(1, step - t0));
}

/** `asgdUpdate` of a GPU parameter with tensor ops (same update, float32 on the GPU). */
export function asgdGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled): void {
  const step = (state.step as number) + 1;
  state.step = step;
  const { lr, lambd, alpha, t0, weightDecay, maximize } = group;
  const eta = state.eta as number;
  const mu = state.mu as number;
  const ax = state.ax as Tensor;
  let g = maximize ? grad.neg() : grad;
  if (weightDecay !== 0) g = g.add(param.mul(weightDecay));
  param.mul_(1 - lambd * eta);
  param.sub_(g.mul(eta));
  if (mu !== 1) ax.add_(param.sub(ax).mul(mu));
  else ax.copy_(param);
  state.eta = f32(lr / (1 + lambd * lr * step) ** alpha);
  state.mu = f32(1 / Math.max(1, step - t0));
}
