/**
 * Adam (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980), as torch.optim.Adam.
 *
 *   inputs: γ lr, β₁ β₂ betas, ε eps, λ weightDecay, amsgrad, maximize
 *   state: m (expAvg) = 0, v (expAvgSq) = 0, v̂max (maxExpAvgSq) = 0, t (step) = 0
 *   each step, for each param θ with gradient g:
 *     g ← −g if maximize;   g ← g + λ·θ if λ ≠ 0;   t ← t + 1
 *     m ← β₁·m + (1 − β₁)·g
 *     v ← β₂·v + (1 − β₂)·g²
 *     v̂max ← max(v̂max, v)                       if amsgrad (then use v̂max for v below)
 *     denom ← √v / √(1 − β₂ᵗ) + ε
 *     θ ← θ − γ / (1 − β₁ᵗ) · m / denom
 *
 * This is the paper's Algorithm 1 and the tutorial's form, θ ← θ − γ·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ)
 * and v̂ = v/(1 − β₂ᵗ), since √v/√(1 − β₂ᵗ) = √v̂: ε is added after the bias correction. The paper's
 * "more efficient" ordering (end of its section 2), which tf.train.adam uses, adds ε to √v before the
 * correction instead, so the two differ while √v̂ is near ε. weightDecay is an L2 term added to the
 * gradient (for decoupled decay use AdamW).
 */
import type { Tensor } from '@descent/autograd';
import { gpuAdamUpdate } from '@descent/tensor';
import { canFuse, fusedAdam } from './fused';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative } from './checks';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput, StateKind } from './optimizer';

/** Options of {@link Adam}. */
export interface AdamOptions {
  /** Learning rate γ. Default 1e-3. */
  lr?: number;
  /** (β₁, β₂): decay of the first and second moment averages. Default [0.9, 0.999]. */
  betas?: [number, number];
  /** ε added to the denominator. Default 1e-8. */
  eps?: number;
  /** L2 penalty λ (added to the gradient). Default 0. */
  weightDecay?: number;
  /** Use the running maximum of v (AMSGrad). Default false. */
  amsgrad?: boolean;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

/** Adam's options with every default filled in (also AdamW's). */
export type AdamFilled = Required<AdamOptions>;

/** Adam's (and AdamW's, with its weight decay) defaults under the caller's options, checked. */
export function adamDefaults(options: AdamOptions | number, weightDecay: number, owner: string): AdamFilled {
  const defaults: AdamFilled = {
    lr: 1e-3,
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay,
    amsgrad: false,
    maximize: false,
  };
  return checkAdam(withDefaults(defaults, options, owner));
}

/** PyTorch's checks of Adam and AdamW, in its order. */
export function checkAdam<T extends AdamFilled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.eps, 'epsilon value');
  checkBetas(o.betas);
  checkNonNegative(o.weightDecay, 'weight_decay value');
  return o;
}

/** The state Adam creates on a parameter's first step. */
export function adamState(amsgrad: boolean): (p: Tensor) => ParamState {
  return amsgrad ? AMSGRAD_STATE : ADAM_STATE;
}

const ADAM_STATE = (p: Tensor): ParamState => ({
  step: 0, // number of updates so far
  expAvg: zerosLikeParam(p), // m: running average of g
  expAvgSq: zerosLikeParam(p), // v: running average of g²
});

const AMSGRAD_STATE = (p: Tensor): ParamState => ({
  ...ADAM_STATE(p),
  maxExpAvgSq: zerosLikeParam(p), // running max of v
});

/** One Adam/AdamW update of a GPU parameter in place, by the runtime's fused kernel. */
export function adamGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: AdamFilled, decoupled: boolean): void {
  const { lr, betas, eps, weightDecay, amsgrad, maximize } = group;
  const step = (state.step as number) + 1;
  state.step = step;
  const vMax = amsgrad ? (state.maxExpAvgSq as Tensor) : null;
  gpuAdamUpdate(param, grad, state.expAvg as Tensor, state.expAvgSq as Tensor, vMax, { lr, beta1: betas[0], beta2: betas[1], eps, weightDecay, amsgrad, maximize, step, decoupled });
}

/** One Adam/AdamW update in place. `decoupled`: AdamW's θ ← θ·(1 − γλ) instead of g + λθ. */
export function adamUpdate(
  param: Float32Array | Float64Array,
  grad: Float32Array | Float64Array,
  state: ParamState,
  group: AdamFilled,
  decoupled: boolean,
): void {
  const { lr, betas, eps, weightDecay, amsgrad, maximize } = group;
  const [beta1, beta2] = betas;
  const step = (state.step as number) + 1;
  state.step = step;
  const m = floats(state.expAvg as Tensor);
  const v = floats(state.expAvgSq as Tensor);
  const vMax = amsgrad ? floats(state.maxExpAvgSq as Tensor) : null;
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
  const stepSize = lr / biasCorrection1;
  const decay = 1 - lr * weightDecay;
  const n = param.length;
  // Large float32 parameters run fused in wasm when available; AdamW decays θ first (as the loop below).
  if (canFuse([param, grad, m, v, vMax])) {
    if (decoupled && weightDecay !== 0) for (let i = 0; i < n; i++) param[i] = (param[i] as number) * decay;
    if (fusedAdam(param, grad, m, v, vMax, { lr, beta1, beta2, eps, weightDecay: decoupled ? 0 : weightDecay, amsgrad, maximize, step })) return;
  }
  if (vMax === null && !maximize && weightDecay === 0) {
    // The common case as a branch-free loop; the same arithmetic as the general loop below.
    for (let i = 0; i < n; i++) {
      const g = grad[i] as number;
      m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
      v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
      const denom = Math.sqrt(v[i] as number) / biasCorrection2Sqrt + eps;
      param[i] = (param[i] as number) - stepSize * ((m[i] as number) / denom);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let g = maximize ? -(grad[i] as number) : (grad[i] as number);
    if (decoupled) param[i] = (param[i] as number) * decay;
    else if (weightDecay !== 0) g += weightDecay * (param[i] as number);
    m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
    v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
    let second = v[i] as number;
    if (vMax !== null) {
      vMax[i] = Math.max(vMax[i] as number, second);
      second = vMax[i] as number;
    }
    const denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
    param[i] = (param[i] as number) - stepSize * ((m[i] as number) / denom);
  }
}

/**
 * Adam: adaptive moment estimation.
 *
 * @example
 * const opt = new Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer<AdamFilled> {
  constructor(params: ParamsInput<AdamFilled>, options: AdamOptions | number = {}) {
    super(params, adamDefaults(options, 0, 'Adam'));
  }

  protected override validateGroup(group: ParamGroup<AdamFilled>): void {
    checkAdam(group);
  }

  protected override stateSpec(group: ParamGroup<AdamFilled>): Readonly<Record<string, StateKind>> {
    return { step: 'count', expAvg: 'tensor', expAvgSq: 'tensor', ...(group.amsgrad ? { maxExpAvgSq: 'tensor' } : {}) };
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.stepEach(closure, (p, group) => adamState(group.amsgrad)(p), (param, grad, state, group) => adamUpdate(param, grad, state, group, false), (param, grad, state, group) => adamGPUUpdate(param, grad, state, group, false));
  }

}
