/**
 * Prodigy (Mishchenko & Defazio 2024, "Prodigy: An Expeditiously Adaptive Parameter-Free Learner",
 * https://arxiv.org/abs/2306.06101), as the authors' PyTorch code (konstmish/prodigy): Adam whose
 * step size d is estimated on the fly (D-Adaptation), so lr stays at 1.
 *
 *   inputs: γ lr (a multiplier, default 1), β₁ β₂ betas, β₃ beta3 (default √β₂), ε eps, λ weightDecay,
 *           d₀, d_coef dCoef, growthRate, decouple, safeguardWarmup, biasCorrection
 *   state: per param s = 0, θ₀ (p0) = θ, m (expAvg) = 0, v (expAvgSq) = 0, step;
 *          shared (kept in every group, read from the first): d = d₀, d_max = d₀, r (dNumerator) = 0, k
 *   each step:
 *     b ← √(1 − β₂^(k+1)) / (1 − β₁^(k+1)) if biasCorrection, else 1;   dlr ← d·γ·b
 *     g ← g + λ·θ if λ ≠ 0 and not decouple
 *     r ← β₃·r + (d/d₀)·dlr·Σ ⟨g, θ₀ − θ⟩
 *     m ← β₁·m + d·(1 − β₁)·g;   v ← β₂·v + d²·(1 − β₂)·g²
 *     s ← β₃·s + (d/d₀)·(d if safeguardWarmup else dlr)·g
 *     (stop here, changing nothing more, if Σ ‖s‖₁ = 0)
 *     d̂ ← d_coef·r / Σ‖s‖₁;   d ← max(d, d̂) on the first growth;   d_max ← max(d_max, d̂)
 *     d ← min(d_max, d·growthRate)
 *     θ ← θ − dlr·λ·θ if decouple
 *     θ ← θ − dlr·m / (√v + d·ε)                      (β₁ = 0: θ ← θ − dlr·d·g / (√v + d·ε))
 *
 * float32 parameters take the fused float32 passes (fused-prodigy.ts: the wasm kernels for large
 * ones, their bit-identical TypeScript twins otherwise), computing in float32 as the reference does
 * on float32 tensors, with the two sums accumulated in float64; float64 parameters run the loops here.
 *
 * The sums run over every parameter of every group. Groups must share lr (or set it to 0, which
 * freezes them). The reference keeps s and θ₀ flattened (optionally every slice_p-th entry); here
 * they have the parameter's shape and every entry (its slice_p = 1).
 */
import type { Tensor } from '@descent/autograd';
import { maximum, minimum, noGrad, tensor, where } from '@descent/autograd';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, pyNumber } from './checks';
import { eachParam } from './each-param';
import { fusedProdigyStats, fusedProdigyStep } from './fused-prodigy';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput } from './optimizer';

/** Options of {@link Prodigy}. */
export interface ProdigyOptions {
  /** γ: a multiplier of the estimated step size. Default 1. */
  lr?: number;
  /** (β₁, β₂). Default [0.9, 0.999]. */
  betas?: [number, number];
  /** β₃: decay of the step-size statistics (null: √β₂). Default null. */
  beta3?: number | null;
  /** ε (scaled by d). Default 1e-8. */
  eps?: number;
  /** λ: weight decay. Default 0. */
  weightDecay?: number;
  /** Decoupled (AdamW-style) weight decay. Default true. */
  decouple?: boolean;
  /** Adam's bias correction of the step size. Default false. */
  biasCorrection?: boolean;
  /** Leave lr out of s during warmup. Default false. */
  safeguardWarmup?: boolean;
  /** d₀: the initial step-size estimate. Default 1e-6. */
  d0?: number;
  /** Multiplier of the estimate d̂. Default 1. */
  dCoef?: number;
  /** Largest factor by which d may grow per step. Default Infinity. */
  growthRate?: number;
}

type Filled = Required<ProdigyOptions>;

/**
 * The step-size estimate each group carries beside its options (saved with the groups). On the
 * GPU the estimate is 0-d GPU tensors (so a step reads nothing back); `k` is always a number.
 */
interface ProdigyGroupState {
  d: number;
  dMax: number;
  dNumerator: number;
  dDenom: number;
  dHat: number;
  k: number;
}

/** The GPU step's view of the estimate: every entry a 0-d tensor on the parameters' device. */
interface ProdigyGPUEstimate {
  d: Tensor;
  dMax: Tensor;
  dNumerator: Tensor;
  dDenom: Tensor;
  dHat: Tensor;
}

/** The group's estimate as 0-d tensors on `device` (numbers, from a fresh or a loaded group, are uploaded once). */
function gpuEstimate(group: ParamGroup<Filled>, device: Tensor['device']): ProdigyGPUEstimate {
  const g = bookkeeping(group) as unknown as Record<string, number | Tensor>;
  const out: Partial<Record<keyof ProdigyGPUEstimate, Tensor>> = {};
  for (const key of ['d', 'dMax', 'dNumerator', 'dDenom', 'dHat'] as const) {
    const v = g[key] as number | Tensor;
    out[key] = typeof v === 'number' ? tensor(v, { dtype: 'float32' }).to(device) : v.to(device);
  }
  return out as ProdigyGPUEstimate;
}

function bookkeeping(group: ParamGroup<Filled>): ProdigyGroupState {
  const g = group as unknown as Partial<ProdigyGroupState>;
  g.d ??= group.d0;
  g.dMax ??= group.d0;
  g.dNumerator ??= 0;
  g.dDenom ??= 0;
  g.dHat ??= group.d0;
  g.k ??= 0;
  return g as ProdigyGroupState;
}

/**
 * Prodigy: Adam with a learning rate it finds itself.
 *
 * @example
 * const opt = new Prodigy(model.parameters(), { weightDecay: 0.01 }); // lr stays 1
 */
export class Prodigy extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: ProdigyOptions = {}) {
    const defaults: Filled = {
      lr: 1,
      betas: [0.9, 0.999],
      beta3: null,
      eps: 1e-8,
      weightDecay: 0,
      decouple: true,
      biasCorrection: false,
      safeguardWarmup: false,
      d0: 1e-6,
      dCoef: 1,
      growthRate: Infinity,
    };
    super(params, checkProdigy(withDefaults(defaults, options, 'Prodigy')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    // A group may set lr 0 (frozen), as the reference's step allows.
    checkProdigy(group.lr === 0 ? { ...group, lr: 1 } : group);
  }

  protected override initGroup(group: ParamGroup<Filled>): void {
    bookkeeping(group);
  }

  /**
   * The current step-size estimate d (of the first group; every group holds the same). After a
   * step on webgpu the estimate is a 0-d GPU tensor: this getter then throws (it would read the
   * GPU synchronously); use {@link Prodigy.dAsync}.
   */
  get d(): number {
    const d = bookkeeping(this.paramGroups[0] as ParamGroup<Filled>).d as number | Tensor;
    if (typeof d !== 'number') throw new Error("Prodigy.d: the estimate d is a 0-d tensor on webgpu (the step keeps it there); read it with await opt.dAsync()");
    return d;
  }

  /**
   * The current step-size estimate d, on any device (a GPU estimate is read back asynchronously).
   *
   * @example
   * const d = await opt.dAsync();
   */
  async dAsync(): Promise<number> {
    const d = bookkeeping(this.paramGroups[0] as ParamGroup<Filled>).d as number | Tensor;
    return typeof d === 'number' ? d : ((await d.dataAsync())[0] as number);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    const groups = this.paramGroups;
    const first = groups[0] as ParamGroup<Filled>;
    const shared = bookkeeping(first);
    const [beta1, beta2] = first.betas;
    const beta3 = first.beta3 ?? Math.sqrt(beta2);
    const lr = Math.max(...groups.map((g) => g.lr));
    for (const group of groups) {
      if (group.lr !== lr && group.lr !== 0)
        throw new Error('Setting different lr values in different parameter groups is only supported for values of 0');
    }
    const onGPU = groups.some((g) => g.params.some((p) => p.grad !== null && p.storage.device !== 'cpu'));
    if (onGPU) return this.runStep(closure, () => this.stepGPU(beta1, beta2, beta3, lr));
    return this.runStep(closure, () => {
      let d = shared.d;
      let dMax = shared.dMax;
      const k0 = shared.k;
      const biasCorrection = first.biasCorrection ? Math.sqrt(1 - beta2 ** (k0 + 1)) / (1 - beta1 ** (k0 + 1)) : 1;
      const dlr = d * lr * biasCorrection;
      const dNumerator = shared.dNumerator * beta3;
      let deltaNumerator = 0;
      let dDenom = 0;
      for (const group of groups) {
        const { weightDecay, decouple, d0, safeguardWarmup } = group;
        const coupled = weightDecay !== 0 && !decouple;
        eachParam(group, this.state, (p) => prodigyState(p, beta1), ({ values: theta, grad, state }) => {
          if (group.lr <= 0) return;
          const p0 = floats(state.p0 as Tensor);
          const s = floats(state.s as Tensor);
          const m = beta1 > 0 ? floats(state.expAvg as Tensor) : null;
          const v = floats(state.expAvgSq as Tensor);
          // float32 parameters: the fused float32 pass (wasm for large ones).
          const options = { beta1, beta2, beta3, eps: group.eps, weightDecay, decouple, safeguardWarmup, d0, d, dlr };
          const sums = fusedProdigyStats(theta, grad, p0, s, m, v, options);
          if (sums !== null) {
            deltaNumerator += (d / d0) * dlr * sums.dot;
            dDenom += sums.sAbs;
            return;
          }
          const sScale = (d / d0) * (safeguardWarmup ? d : dlr);
          let dot = 0;
          let sAbs = 0;
          for (let i = 0; i < theta.length; i++) {
            const g = coupled ? (grad[i] as number) + weightDecay * (theta[i] as number) : (grad[i] as number);
            dot += g * ((p0[i] as number) - (theta[i] as number));
            if (m !== null) m[i] = beta1 * (m[i] as number) + d * (1 - beta1) * g;
            v[i] = beta2 * (v[i] as number) + d * d * (1 - beta2) * g * g;
            s[i] = beta3 * (s[i] as number) + sScale * g;
            sAbs += Math.abs(s[i] as number);
          }
          deltaNumerator += (d / d0) * dlr * dot;
          dDenom += sAbs;
        });
      }
      // No statistics yet (every gradient zero): the reference returns before any update.
      if (dDenom === 0) return;
      const globalNumerator = dNumerator + deltaNumerator;
      const dHat = (first.dCoef * globalNumerator) / dDenom;
      // As the reference: the last group's d0 decides whether d has grown yet.
      if (d === (groups[groups.length - 1] as ParamGroup<Filled>).d0) d = Math.max(d, dHat);
      dMax = Math.max(dMax, dHat);
      d = Math.min(dMax, d * first.growthRate);
      for (const group of groups) {
        const own = bookkeeping(group);
        Object.assign(own, { dNumerator: globalNumerator, dDenom, d, dMax, dHat });
        const { weightDecay, decouple, eps, safeguardWarmup, d0 } = group;
        const coupled = weightDecay !== 0 && !decouple;
        eachParam(group, this.state, (p) => prodigyState(p, beta1), ({ values: theta, grad, state }) => {
          state.step = (state.step as number) + 1;
          const m = beta1 > 0 ? floats(state.expAvg as Tensor) : null;
          const v = floats(state.expAvgSq as Tensor);
          const options = { beta1, beta2, beta3, eps, weightDecay, decouple, safeguardWarmup, d0, d, dlr };
          if (fusedProdigyStep(theta, grad, m, v, options)) return;
          const decay = weightDecay !== 0 && decouple ? 1 - weightDecay * dlr : 1;
          for (let i = 0; i < theta.length; i++) {
            const denom = Math.sqrt(v[i] as number) + d * eps;
            const t = (theta[i] as number) * decay;
            if (m !== null) {
              theta[i] = t - (dlr * (m[i] as number)) / denom;
            } else {
              const g = coupled ? (grad[i] as number) + weightDecay * t : (grad[i] as number);
              theta[i] = t - (dlr * d * g) / denom;
            }
          }
        });
        own.k += 1;
      }
    });
  }

  /**
   * The step on webgpu: the same two passes with tensor ops, the estimate (d, d̂, the numerator and
   * denominator) kept as 0-d GPU tensors, and the reference's early return when the denominator is
   * 0 made a `where` (parameters and estimate keep their values). Unlike the CPU, `k` and each
   * parameter's `step` count such a step too (they are numbers, known without a readback).
   */
  private stepGPU(beta1: number, beta2: number, beta3: number, lr: number): void {
    const groups = this.paramGroups;
    const first = groups[0] as ParamGroup<Filled>;
    const device = (groups.flatMap((g) => g.params).find((p) => p.storage.device !== 'cpu') as Tensor).device;
    const old = gpuEstimate(first, device);
    const k0 = bookkeeping(first).k;
    const biasCorrection = first.biasCorrection ? Math.sqrt(1 - beta2 ** (k0 + 1)) / (1 - beta1 ** (k0 + 1)) : 1;
    const dOld = old.d;
    const dlr = dOld.mul(lr * biasCorrection);
    let deltaNumerator = old.dNumerator.mul(0);
    let dDenom = old.dNumerator.mul(0);
    const cpuParam = (): never => {
      throw new Error('Prodigy.step(): its parameters must all be on one device (some are on webgpu, some on the CPU)');
    };
    for (const group of groups) {
      const { weightDecay, decouple, d0, safeguardWarmup } = group;
      const coupled = weightDecay !== 0 && !decouple;
      eachParam(group, this.state, (p) => prodigyState(p, beta1), cpuParam, (theta, grad, state) => {
        if (group.lr <= 0) return;
        const p0 = state.p0 as Tensor;
        const s = state.s as Tensor;
        const v = state.expAvgSq as Tensor;
        const g = coupled ? grad.add(theta.mul(weightDecay)) : grad;
        const dot = g.mul(p0.sub(theta)).sum();
        if (beta1 > 0) (state.expAvg as Tensor).mul_(beta1).add_(g.mul(dOld.mul(1 - beta1)));
        v.mul_(beta2).add_(g.square().mul(dOld.square().mul(1 - beta2)));
        const sScale = dOld.div(d0).mul(safeguardWarmup ? dOld : dlr);
        s.mul_(beta3).add_(g.mul(sScale));
        deltaNumerator = deltaNumerator.add(dOld.div(d0).mul(dlr).mul(dot));
        dDenom = dDenom.add(s.abs().sum());
      });
    }
    // No statistics yet (every gradient zero): the reference returns before any update.
    const ok = dDenom.ne(0);
    const globalNumerator = old.dNumerator.mul(beta3).add(deltaNumerator);
    const dHat = globalNumerator.mul(first.dCoef).div(dDenom);
    const lastD0 = (groups[groups.length - 1] as ParamGroup<Filled>).d0;
    let d = where(dOld.eq(lastD0), maximum(dOld, dHat), dOld);
    const dMax = maximum(old.dMax, dHat);
    d = Number.isFinite(first.growthRate) ? minimum(dMax, d.mul(first.growthRate)) : dMax;
    const next: ProdigyGPUEstimate = {
      d: where(ok, d, dOld),
      dMax: where(ok, dMax, old.dMax),
      dNumerator: where(ok, globalNumerator, old.dNumerator),
      dDenom: where(ok, dDenom, old.dDenom),
      dHat: where(ok, dHat, old.dHat),
    };
    for (const group of groups) {
      const own = bookkeeping(group);
      Object.assign(own, next);
      const { weightDecay, decouple, eps } = group;
      const coupled = weightDecay !== 0 && !decouple;
      eachParam(group, this.state, (p) => prodigyState(p, beta1), cpuParam, (theta, grad, state) => {
        state.step = (state.step as number) + 1;
        const v = state.expAvgSq as Tensor;
        const denom = v.sqrt().add(d.mul(eps));
        const t = weightDecay !== 0 && decouple ? theta.mul(dlr.mul(-weightDecay).add(1)) : theta;
        let updated: Tensor;
        if (beta1 > 0) updated = t.sub(dlr.mul(state.expAvg as Tensor).div(denom));
        else {
          const g = coupled ? grad.add(t.mul(weightDecay)) : grad;
          updated = t.sub(dlr.mul(d).mul(g).div(denom));
        }
        theta.copy_(where(ok, updated, theta));
      });
      own.k += 1;
    }
  }
}

function prodigyState(p: Tensor, beta1: number): ParamState {
  const state: ParamState = {
    step: 0, // number of updates so far
    s: zerosLikeParam(p), // s: the running sum of scaled gradients (denominator of d̂)
    p0: noGrad(() => zerosLikeParam(p).copy_(p)), // θ₀: the starting point
  };
  if (beta1 > 0) state.expAvg = zerosLikeParam(p); // m: running average of d·g
  state.expAvgSq = zerosLikeParam(p); // v: running average of d²·g²
  return state;
}

/** The reference's checks, in its order and words. */
function checkProdigy<T extends Filled>(o: T): T {
  if (!(o.d0 > 0)) throw new RangeError(`Invalid d0 value: ${pyNumber(o.d0)}`);
  if (!(o.lr > 0)) throw new RangeError(`Invalid learning rate: ${pyNumber(o.lr)}`);
  if (!(o.eps > 0)) throw new RangeError(`Invalid epsilon value: ${pyNumber(o.eps)}`);
  checkBetas(o.betas);
  if (o.beta3 !== null && !(o.beta3 >= 0 && o.beta3 < 1)) throw new RangeError(`Invalid beta3 value: ${pyNumber(o.beta3)}`);
  if (!(o.weightDecay >= 0)) throw new RangeError(`Invalid weight_decay value: ${pyNumber(o.weightDecay)}`);
  return o;
}
