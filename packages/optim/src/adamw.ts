/**
 * AdamW (Loshchilov & Hutter 2019, https://arxiv.org/abs/1711.05101), as torch.optim.AdamW: Adam
 * with decoupled weight decay.
 *
 *   each step: θ ← θ·(1 − γ·λ), then Adam's update without λ in the gradient
 *     m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²
 *     θ ← θ − γ / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 *
 * Defaults as Adam's except weightDecay = 1e-2. The paper decays by λ times the schedule multiplier
 * η_t only, θ ← θ − η_t·(α·m̂/(√v̂ + ε) + λ·θ); PyTorch multiplies λ by the learning rate γ, so the
 * same weightDecay decays less at a smaller lr.
 */
import type { Tensor } from '@descent/autograd';
import { adamDefaults, adamGPUUpdate, adamState, adamUpdate, checkAdam } from './adam';
import type { AdamFilled, AdamOptions } from './adam';
import { Optimizer } from './optimizer';
import type { ParamGroup, ParamsInput, StateKind } from './optimizer';

/** Options of {@link AdamW}: Adam's, with weightDecay defaulting to 1e-2. */
export type AdamWOptions = AdamOptions;

/**
 * Adam with decoupled weight decay.
 *
 * @example
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Optimizer<AdamFilled> {
  constructor(params: ParamsInput<AdamFilled>, options: AdamWOptions | number = {}) {
    super(params, adamDefaults(options, 1e-2, 'AdamW'));
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
    return this.stepEach(closure, (p, group) => adamState(group.amsgrad)(p), (param, grad, state, group) => adamUpdate(param, grad, state, group, true), (param, grad, state, group) => adamGPUUpdate(param, grad, state, group, true));
  }

}
