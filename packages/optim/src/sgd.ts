/**
 * SGD with optional momentum, Nesterov momentum and weight decay (torch.optim.SGD).
 *
 *   inputs: γ lr, μ momentum, τ dampening, λ weightDecay, nesterov, maximize
 *   each step, for each param θ with gradient g:
 *     g ← −g                                   if maximize
 *     g ← g + λ·θ                              if λ ≠ 0
 *     b ← g (first step) | μ·b + (1 − τ)·g     if μ ≠ 0
 *     g ← g + μ·b if nesterov, else b          if μ ≠ 0
 *     θ ← θ − γ·g
 *
 * The buffer holds raw gradients and γ is applied afterwards, unlike Sutskever et al. (2013), whose
 * v ← μ·v + γ·g, θ ← θ − v differs once γ changes. The tutorial's momentum
 * s_t = β·s_{t−1} + (1 − β)·g_t with s_1 = g_1 is `{ momentum: β, dampening: β }` (so that
 * 1 − τ = 1 − β; `dampening: 1 − β` would weight the new gradient by β instead): PyTorch's first step
 * sets the buffer to the raw gradient, exactly the tutorial's s_1 = g_1. With the default
 * dampening 0 the buffer is an undamped sum, b = β·b + g, whose steps are about 1/(1 − β) times
 * larger.
 */
import type { Tensor } from '@descent/autograd';
import { gpuSgdUpdate } from '@descent/tensor';
import { fusedSgd } from './fused';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamsInput, StateKind } from './optimizer';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** Learning rate γ (required). */
  lr: number;
  /** Momentum factor μ. Default 0. */
  momentum?: number;
  /** Dampening τ of the momentum. Default 0. */
  dampening?: number;
  /** L2 penalty λ. Default 0. */
  weightDecay?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<SGDOptions>;

/**
 * Stochastic gradient descent.
 *
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zeroGrad(); loss.backward(); opt.step();
 */
export class SGD extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: SGDOptions | number) {
    // lr has no default (PyTorch's `required`): left undefined, every group must then give one.
    const defaults: Filled = {
      lr: undefined as unknown as number,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
    };
    const o = checkSgd(withDefaults(defaults, options, 'SGD'));
    // Only the constructor's options, as PyTorch: a group that sets momentum 0 under a Nesterov
    // default simply runs without momentum there.
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, o);
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkSgd(group);
  }

  protected override stateSpec(_group: ParamGroup<Filled>): Readonly<Record<string, StateKind>> {
    return { momentumBuffer: 'tensor?' };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        // momentumBuffer: the running (dampened) gradient; null until the first step with momentum.
        for (const { param, grad, state } of this.paramsWithGrad(group, () => ({
          momentumBuffer: null,
        }))) {
          const hadBuffer = state.momentumBuffer !== null && state.momentumBuffer !== undefined;
          if (group.momentum !== 0 && !hadBuffer) state.momentumBuffer = zerosLikeParam(param);
          if (param.storage.device !== 'cpu') {
            const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
            gpuSgdUpdate(param, grad, momentum !== 0 ? (state.momentumBuffer as Tensor) : null, { lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep: !hadBuffer });
            continue;
          }
          const buf = group.momentum !== 0 ? floats(state.momentumBuffer as Tensor) : null;
          sgdUpdate(floats(param), floats(grad), buf, !hadBuffer, group);
        }
      }
    });
  }
}

/** PyTorch's range checks, in its order (an undefined lr is the base's "required" error). */
function checkSgd<T extends Filled>(o: T): T {
  if (o.lr !== undefined) checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.momentum, 'momentum value');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** One SGD update of a parameter, in place (`firstStep`: the buffer is set, not blended). */
export function sgdUpdate(
  param: Float32Array | Float64Array,
  grad: Float32Array | Float64Array,
  buffer: Float32Array | Float64Array | null,
  firstStep: boolean,
  { lr, momentum, dampening, weightDecay, nesterov, maximize }: ParamGroup<Filled>,
): void {
  const n = param.length;
  if (fusedSgd(param, grad, buffer, { lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep })) return;
  if (buffer !== null && !firstStep && !nesterov && !maximize && weightDecay === 0) {
    // The common case (plain momentum) as a branch-free loop; same arithmetic as below.
    const keep = 1 - dampening;
    for (let i = 0; i < n; i++) {
      buffer[i] = momentum * (buffer[i] as number) + keep * (grad[i] as number);
      param[i] = (param[i] as number) - lr * (buffer[i] as number);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const theta = param[i] as number;
    let g = maximize ? -(grad[i] as number) : (grad[i] as number);
    if (weightDecay !== 0) g += weightDecay * theta;
    if (buffer !== null) {
      const b = firstStep ? g : momentum * (buffer[i] as number) + (1 - dampening) * g;
      buffer[i] = b;
      g = nesterov ? g + momentum * (buffer[i] as number) : (buffer[i] as number);
    }
    param[i] = theta - lr * g;
  }
}
