/**
 * RMSprop (Hinton, Lecture 6e of Neural Networks for Machine Learning), as torch.optim.RMSprop.
 *
 *   inputs: γ lr, α alpha, ε eps, λ weightDecay, μ momentum, centered, maximize
 *   state: v (squareAvg) = 0, ḡ (gradAvg) = 0 if centered, b (momentumBuffer) = 0 if μ > 0
 *   each step: g ← −g if maximize;  g ← g + λ·θ if λ ≠ 0
 *     v ← α·v + (1 − α)·g²
 *     ḡ ← α·ḡ + (1 − α)·g;  avg ← √(v − ḡ²) + ε     if centered
 *     avg ← √v + ε                                  otherwise
 *     b ← μ·b + g / avg;  θ ← θ − γ·b               if μ > 0
 *     θ ← θ − γ·g / avg                             otherwise
 *
 * The tutorial writes the same average as s_t = β·s_{t−1} + (1 − β)·g² with β = α, and the step as
 * θ ← θ − η·g/√(s_t + ε); PyTorch adds ε after the root (√v + ε), which matters only while v is
 * near ε². Because v starts at 0 (no bias correction), the first step is γ·g/√((1 − α)·g²) =
 * γ/√(1 − α) in size: √10 times SGD's for α = 0.9. `centered` (Graves 2013) divides by the root of a
 * variance estimate instead, and `momentum` keeps a buffer of the normalised steps.
 *
 * Parameters on 'webgpu' are updated by one fused GPU kernel each (`gpuRmspropUpdate`).
 */
import type { Tensor } from '@descent/autograd';
import { gpuRmspropUpdate } from '@descent/tensor';
import { fusedRmsprop } from './fused';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamsInput, StateKind } from './optimizer';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions {
  /** Learning rate γ. Default 0.01. */
  lr?: number;
  /** Smoothing constant α of the squared-gradient average. Default 0.99. */
  alpha?: number;
  /** ε added to the denominator. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
  /** Momentum μ. Default 0. */
  momentum?: number;
  /** Normalise by the variance estimate v − ḡ² instead of v. Default false. */
  centered?: boolean;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<RMSpropOptions>;

/**
 * RMSprop: divide the gradient by a running root mean square of recent gradients.
 *
 * @example
 * const opt = new RMSprop([w], { lr: 0.01, alpha: 0.9 });
 */
export class RMSprop extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: RMSpropOptions | number = {}) {
    const defaults: Filled = {
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
    };
    super(params, checkRmsprop(withDefaults(defaults, options, 'RMSprop')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkRmsprop(group);
  }

  protected override stateSpec(group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', squareAvg: 'tensor', ...(group.momentum > 0 ? { momentumBuffer: 'tensor' } : {}), ...(group.centered ? { gradAvg: 'tensor' } : {}) };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        const init = (p: Tensor) => ({
          step: 0, // number of updates so far
          squareAvg: zerosLikeParam(p), // v: running average of g²
          ...(group.momentum > 0 ? { momentumBuffer: zerosLikeParam(p) } : {}), // b
          ...(group.centered ? { gradAvg: zerosLikeParam(p) } : {}), // ḡ: running average of g
        });
        for (const { param, grad, state } of this.paramsWithGrad(group, init)) {
          state.step = (state.step as number) + 1;
          if (param.storage.device !== 'cpu') {
            const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
            const gradAvg = group.centered ? (state.gradAvg as Tensor) : null;
            const buffer = group.momentum > 0 ? (state.momentumBuffer as Tensor) : null;
            gpuRmspropUpdate(param, grad, state.squareAvg as Tensor, gradAvg, buffer, { lr, alpha, eps, weightDecay, momentum, centered, maximize });
            continue;
          }
          rmspropUpdate(
            floats(param),
            floats(grad),
            floats(state.squareAvg as Tensor),
            group.centered ? floats(state.gradAvg as Tensor) : null,
            group.momentum > 0 ? floats(state.momentumBuffer as Tensor) : null,
            group,
          );
        }
      }
    });
  }
}

/** PyTorch's checks, in its order. */
function checkRmsprop<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkNonNegative(o.momentum, 'momentum value');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  checkNonNegative(o.alpha, 'alpha value');
  return o;
}

/** One RMSprop update in place. */
export function rmspropUpdate(
  param: Float32Array | Float64Array,
  grad: Float32Array | Float64Array,
  squareAvg: Float32Array | Float64Array,
  gradAvg: Float32Array | Float64Array | null,
  buffer: Float32Array | Float64Array | null,
  { lr, alpha, eps, weightDecay, momentum, centered, maximize }: Filled,
): void {
  if (fusedRmsprop(param, grad, squareAvg, gradAvg, buffer, { lr, alpha, eps, weightDecay, momentum, centered, maximize })) return;
  for (let i = 0; i < param.length; i++) {
    let g = maximize ? -(grad[i] as number) : (grad[i] as number);
    if (weightDecay !== 0) g += weightDecay * (param[i] as number);
    squareAvg[i] = alpha * (squareAvg[i] as number) + (1 - alpha) * g * g;
    let avg: number;
    if (gradAvg !== null) {
      gradAvg[i] = alpha * (gradAvg[i] as number) + (1 - alpha) * g;
      avg =
        Math.sqrt((squareAvg[i] as number) - (gradAvg[i] as number) * (gradAvg[i] as number)) + eps;
    } else {
      avg = Math.sqrt(squareAvg[i] as number) + eps;
    }
    if (buffer !== null) {
      buffer[i] = momentum * (buffer[i] as number) + g / avg;
      param[i] = (param[i] as number) - lr * (buffer[i] as number);
    } else {
      param[i] = (param[i] as number) - (lr * g) / avg;
    }
  }
}
