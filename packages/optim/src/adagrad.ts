/**
 * Adagrad (Duchi et al. 2011, https://jmlr.org/papers/v12/duchi11a.html), as torch.optim.Adagrad.
 *
 *   inputs: γ lr, η lrDecay, λ weightDecay, s₀ initialAccumulatorValue, ε eps, maximize
 *   state (created with the optimizer): s (sum) = s₀, t (step) = 0
 *   each step: g ← −g if maximize;  t ← t + 1;  g ← g + λ·θ if λ ≠ 0
 *     γ̃ ← γ / (1 + (t − 1)·η)
 *     s ← s + g²
 *     θ ← θ − γ̃ · g / (√s + ε)
 *
 * The state is created in the constructor from the constructor's s₀, so a per-group
 * initialAccumulatorValue has no effect, as in PyTorch. Parameters on 'webgpu' are updated by one fused
 * GPU kernel each (`gpuAdagradUpdate`).
 *
 * The textbook (and tutorial) form is s_t = s_{t−1} + g_t², θ ← θ − η/√(s_t + ε)·g_t, with ε inside
 * the root and no decay. PyTorch adds ε after the root, √s + ε, and divides γ by 1 + (t − 1)·η; with
 * lrDecay 0 and ε = 1e-10 the two agree to about ε/√s, so the tutorial's printouts are the same.
 */
import type { Tensor } from '@descent/autograd';
import { gpuAdagradUpdate } from '@descent/tensor';
import { fusedAdagrad } from './fused';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link Adagrad}. */
export interface AdagradOptions {
  /** Learning rate γ. Default 0.01. */
  lr?: number;
  /** Learning-rate decay η. Default 0. */
  lrDecay?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
  /** Starting value s₀ of the sum of squares. Default 0. */
  initialAccumulatorValue?: number;
  /** ε added to the denominator. Default 1e-10. */
  eps?: number;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<AdagradOptions>;

/**
 * Adagrad: per-coordinate step sizes that shrink with the accumulated squared gradients.
 *
 * @example
 * const opt = new Adagrad([w], { lr: 0.01 });
 */
export class Adagrad extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: AdagradOptions | number = {}) {
    const defaults: Filled = {
      lr: 0.01,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
    };
    super(params, checkAdagrad(withDefaults(defaults, options, 'Adagrad')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkAdagrad(group);
  }

  protected override initGroup(group: ParamGroup<Filled>): void {
    for (const p of group.params) this.state.set(p, this.freshState(p));
  }

  /** The state every parameter starts with (made eagerly, and again if a loaded dict had none). */
  private freshState(p: Tensor): ParamState {
    return {
      step: 0, // number of updates so far
      sum: zerosLikeParam(p).fill_(this.defaults.initialAccumulatorValue), // s: Σ g²
    };
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', sum: 'tensor' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        for (const { param, grad, state } of this.paramsWithGrad(group, (p) => this.freshState(p))) {
          const step = (state.step as number) + 1;
          state.step = step;
          if (param.storage.device !== 'cpu') {
            const { lr, lrDecay, weightDecay, eps, maximize } = group;
            gpuAdagradUpdate(param, grad, state.sum as Tensor, { lr, lrDecay, weightDecay, eps, maximize, step });
            continue;
          }
          adagradUpdate(floats(param), floats(grad), floats(state.sum as Tensor), step, group);
        }
      }
    });
  }
}

/** PyTorch's checks, in its order. */
function checkAdagrad<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.lrDecay, 'lr_decay value');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  checkNonNegative(o.initialAccumulatorValue, 'initial_accumulator_value value');
  checkNonNegative(o.eps, 'epsilon value');
  return o;
}

/** One Adagrad update in place. */
export function adagradUpdate(
  param: Float32Array | Float64Array,
  grad: Float32Array | Float64Array,
  sum: Float32Array | Float64Array,
  step: number,
  { lr, lrDecay, weightDecay, eps, maximize }: Filled,
): void {
  if (fusedAdagrad(param, grad, sum, { lr, lrDecay, weightDecay, eps, maximize, step })) return;
  const clr = lr / (1 + (step - 1) * lrDecay);
  for (let i = 0; i < param.length; i++) {
    let g = maximize ? -(grad[i] as number) : (grad[i] as number);
    if (weightDecay !== 0) g += weightDecay * (param[i] as number);
    sum[i] = (sum[i] as number) + g * g;
    param[i] = (param[i] as number) - (clr * g) / (Math.sqrt(sum[i] as number) + eps);
  }
}
