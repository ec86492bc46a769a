/**
 * LARS (You, Gitman & Ginsburg 2017, "Large Batch Training of Convolutional Networks",
 * https://arxiv.org/abs/1708.03888), as Lightning Bolts' `LARS` (SGD with PyTorch's momentum and
 * the layer-wise rate of the paper's eq. 6, with ε in the denominator).
 *
 *   inputs: γ lr, μ momentum, τ dampening, λ weightDecay, η trustCoefficient, ε eps, nesterov
 *   state: b (momentumBuffer) = none
 *   each step, for each param θ with gradient g:
 *     d ← g
 *     if λ ≠ 0 and ‖θ‖ ≠ 0 and ‖g‖ ≠ 0:
 *       γ_l ← η·‖θ‖ / (‖g‖ + λ·‖θ‖ + ε)              (the layer's local rate)
 *       d ← γ_l·(g + λ·θ)
 *     if μ ≠ 0:
 *       b ← d on the first step, else μ·b + (1 − τ)·d
 *       d ← d + μ·b if nesterov, else b
 *     θ ← θ − γ·d
 *
 * As the reference (and SimCLR/BYOL): parameters of a group without weight decay are not rescaled,
 * so biases and norms usually go in a group with weightDecay 0 and train as plain SGD.
 */
import { where } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { fusedLars } from './fused-beyond';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkNonNegative } from './checks';
import { eachParam, norm2 } from './each-param';
import { withDefaults } from './options';
import type { ParamGroup, ParamsInput } from './optimizer';

/** Options of {@link LARS}. */
export interface LARSOptions {
  /** Learning rate γ (required). */
  lr: number;
  /** Momentum factor μ. Default 0. */
  momentum?: number;
  /** Dampening τ of the momentum. Default 0. */
  dampening?: number;
  /** λ: L2 penalty; also switches the layer-wise rate on. Default 0. */
  weightDecay?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
  /** η: trust coefficient of the layer-wise rate. Default 1e-3. */
  trustCoefficient?: number;
  /** ε in the layer-wise rate's denominator. Default 1e-8. */
  eps?: number;
}

type Filled = Required<LARSOptions>;

/**
 * LARS: SGD with a layer-wise learning rate ‖θ‖/‖g‖.
 *
 * @example
 * const opt = new LARS(model.parameters(), { lr: 0.1, momentum: 0.9, weightDecay: 1e-6 });
 */
export class LARS extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: LARSOptions) {
    // lr has no default (the reference's `required`): left undefined, every group must then give one.
    const defaults: Filled = {
      lr: undefined as unknown as number,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      trustCoefficient: 1e-3,
      eps: 1e-8,
    };
    const o = checkLars(withDefaults(defaults, options, 'LARS'));
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new RangeError('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, o);
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkLars(group);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        eachParam(group, this.state, () => ({ momentumBuffer: null }), ({ param, values, grad, state }) => {
          const firstStep = state.momentumBuffer === null || state.momentumBuffer === undefined;
          if (group.momentum !== 0 && firstStep) state.momentumBuffer = zerosLikeParam(param);
          const buffer = group.momentum !== 0 ? floats(state.momentumBuffer as Tensor) : null;
          larsUpdate(values, grad, buffer, firstStep, group);
        }, (param, grad, state) => {
          const firstStep = state.momentumBuffer === null || state.momentumBuffer === undefined;
          if (group.momentum !== 0 && firstStep) state.momentumBuffer = zerosLikeParam(param);
          larsGPUUpdate(param, grad, group.momentum !== 0 ? (state.momentumBuffer as Tensor) : null, firstStep, group);
        });
      }
    });
  }
}

/** The reference's checks, in its order and words. */
function checkLars<T extends Filled>(o: T): T {
  if (o.lr !== undefined) checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.momentum, 'momentum value');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

let scratch = new Float64Array(0);

/**
 * One LARS update of a parameter in place (`firstStep`: the buffer is set, not blended).
 *
 * @example
 * larsUpdate(floats(p), floats(p.grad), buffer, true, group);
 */
export function larsUpdate(
  param: FloatArray,
  grad: FloatArray,
  buffer: FloatArray | null,
  firstStep: boolean,
  { lr, momentum, dampening, weightDecay, nesterov, trustCoefficient, eps }: Filled,
): void {
  // float32 parameters: the fused float32 pass (wasm for large ones), norms from the same pass's sums.
  const rate = (paramNorm: number, gradNorm: number): { scaled: boolean; localLr: number } => {
    const scaled = weightDecay !== 0 && paramNorm !== 0 && gradNorm !== 0;
    return { scaled, localLr: scaled ? (trustCoefficient * paramNorm) / (gradNorm + paramNorm * weightDecay + eps) : 1 };
  };
  if (fusedLars(param, grad, buffer, (pn, gn) => ({ lr, momentum, dampening, weightDecay, nesterov, firstStep, ...rate(pn, gn) }))) return;
  const n = param.length;
  const paramNorm = norm2(param);
  const gradNorm = norm2(grad);
  const scaled = weightDecay !== 0 && paramNorm !== 0 && gradNorm !== 0;
  const localLr = scaled ? (trustCoefficient * paramNorm) / (gradNorm + paramNorm * weightDecay + eps) : 1;
  if (scratch.length < n) scratch = new Float64Array(n);
  const direction = scratch;
  for (let i = 0; i < n; i++) {
    const g = grad[i] as number;
    direction[i] = scaled ? (g + weightDecay * (param[i] as number)) * localLr : g;
  }
  for (let i = 0; i < n; i++) {
    let d = direction[i] as number;
    if (buffer !== null) {
      buffer[i] = firstStep ? d : momentum * (buffer[i] as number) + (1 - dampening) * d;
      d = nesterov ? d + momentum * (buffer[i] as number) : (buffer[i] as number);
    }
    param[i] = (param[i] as number) - lr * d;
  }
}

/**
 * `larsUpdate` of a GPU parameter with tensor ops: the norms and the layer's rate stay 0-d GPU
 * tensors (the "not scaled" case is a `where`), so the step reads nothing back.
 *
 * @example
 * larsGPUUpdate(p, p.grad, buffer, true, group);
 */
export function larsGPUUpdate(
  param: Tensor,
  grad: Tensor,
  buffer: Tensor | null,
  firstStep: boolean,
  { lr, momentum, dampening, weightDecay, nesterov, trustCoefficient, eps }: Filled,
): void {
  let d = grad;
  if (weightDecay !== 0) {
    const paramNorm = param.norm();
    const gradNorm = grad.norm();
    const scaled = paramNorm.ne(0).logicalAnd(gradNorm.ne(0));
    const localLr = paramNorm.mul(trustCoefficient).div(gradNorm.add(paramNorm.mul(weightDecay)).add(eps));
    d = where(scaled, grad.add(param.mul(weightDecay)).mul(localLr), grad);
  }
  if (buffer !== null) {
    if (firstStep) buffer.copy_(d);
    else buffer.mul_(momentum).add_(d.mul(1 - dampening));
    d = nesterov ? d.add(buffer.mul(momentum)) : buffer;
  }
  param.sub_(d.mul(lr));
}
