/**
 * The fused float32 kernels of Prodigy (assembly/prodigy.ts): its first pass (moments, s and the two
 * sums the d estimate needs) and its second (the parameter update with the new d). Scalars are
 * computed here in float64, as the reference's Python does, and cross into the kernel rounded to
 * float32; @descent/optim's float32-prodigy.ts repeats the arithmetic for the fallback, bit for bit.
 */
import type { WasmContext } from './context';
import { checkFloat32 } from './optimizers-beyond';

/** Scalars of one Prodigy pass over a float32 parameter. */
export interface WasmProdigyOptions {
  beta1: number;
  beta2: number;
  /** β₃ (√β₂ when the option is null). */
  beta3: number;
  eps: number;
  weightDecay: number;
  /** Decoupled (AdamW-style) weight decay; coupled decay adds λ·θ to the gradient. */
  decouple: boolean;
  /** Leave lr out of s (s grows by (d/d₀)·d·g instead of (d/d₀)·dlr·g). */
  safeguardWarmup: boolean;
  /** d₀ of the parameter's group. */
  d0: number;
  /** The step-size estimate: before this step's update in the first pass, after it in the second. */
  d: number;
  /** d·γ·(bias correction) with d as it was at the start of the step. */
  dlr: number;
}

/** Sums of Prodigy's first pass over one parameter (float64). */
export interface WasmProdigySums {
  /** Σ⟨g, θ₀ − θ⟩ (g with coupled weight decay). */
  dot: number;
  /** Σ|s| after the update of s. */
  sAbs: number;
}

/**
 * Prodigy's first pass: updates m (null when β₁ = 0), v and s in place, returns Σ⟨g, θ₀ − θ⟩ and Σ|s|.
 *
 * @example
 * const { dot, sAbs } = wasmProdigyStats(ctx, p, g, p0, s, m, v, options);
 */
export function wasmProdigyStats(ctx: WasmContext, param: Float32Array, grad: Float32Array, p0: Float32Array, s: Float32Array, m: Float32Array | null, v: Float32Array, o: WasmProdigyOptions): WasmProdigySums {
  checkFloat32('prodigyStats', [param, grad, p0, s, m, v]);
  const sums = new Float64Array(2);
  const coupled = o.decouple ? 0 : o.weightDecay;
  const sScale = (o.d / o.d0) * (o.safeguardWarmup ? o.d : o.dlr);
  ctx.withArrays([param, grad, p0, s, m, v, sums], [true, true, true, true, true, true, false], ([pp, g, p0p, sp, mp, vp, out]) =>
    ctx.exports.prodigy_stats_f32(pp as number, g as number, p0p as number, sp as number, mp as number, vp as number, param.length, coupled, o.beta1, o.d * (1 - o.beta1), o.beta2, o.d * o.d * (1 - o.beta2), o.beta3, sScale, out as number),
    [false, false, false, true, true, true, true],
  );
  return { dot: sums[0] as number, sAbs: sums[1] as number };
}

/**
 * Prodigy's second pass: θ ← θ − dlr·m/(√v + d·ε) (decoupled decay first; −dlr·d·g/(…) when m is null).
 *
 * @example
 * wasmProdigyStep(ctx, p, g, m, v, { ...options, d: newD });
 */
export function wasmProdigyStep(ctx: WasmContext, param: Float32Array, grad: Float32Array, m: Float32Array | null, v: Float32Array, o: WasmProdigyOptions): void {
  checkFloat32('prodigyStep', [param, grad, m, v]);
  const coupled = o.decouple ? 0 : o.weightDecay;
  const decay = o.decouple && o.weightDecay !== 0 ? -o.weightDecay * o.dlr : 0;
  const scale = m !== null ? -o.dlr : -o.dlr * o.d;
  // The gradient is read only without m.
  ctx.withArrays([param, m === null ? grad : null, m, v], [true, true, true, true], ([pp, g, mp, vp]) =>
    ctx.exports.prodigy_step_f32(pp as number, g as number, mp as number, vp as number, param.length, coupled, decay, o.d * o.eps, scale),
    [true, false, false, false],
  );
}
