/**
 * The float32 kernels of the optimizers beyond torch.optim (assembly/optim-beyond.ts): Schedule-Free
 * AdamW and SGD, AdEMAMix, LAMB's two passes and LARS with its two norms. Step-dependent scalars
 * are computed by the caller (in float64) and cross into the kernel rounded to float32; @descent/optim's
 * float32-beyond.ts repeats each kernel's float32 arithmetic for the fallback, bit for bit.
 */
import type { WasmContext } from './context';

/** Scalars of one fused Schedule-Free AdamW step (y, z, v updated in place). */
export interface WasmScheduleFreeAdamWOptions {
  beta2: number;
  /** 1 − β₂ᵏ⁺¹. */
  biasCorrection2: number;
  eps: number;
  weightDecay: number;
  /** The scheduled learning rate γ_k. */
  lr: number;
  /** β₁ (the interpolation between z and x). */
  beta1: number;
  /** c = w_k / W, the averaging weight of this step. */
  ckp1: number;
}

/** Scalars of one fused Schedule-Free SGD step (y and z updated in place). */
export interface WasmScheduleFreeSgdOptions {
  weightDecay: number;
  lr: number;
  momentum: number;
  ckp1: number;
}

/** Scalars of one fused AdEMAMix step (β₃ and α already warmed up for this step). */
export interface WasmAdemamixOptions {
  lr: number;
  beta1: number;
  beta2: number;
  beta3: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  /** The step number after incrementing (1 on the first step). */
  step: number;
}

/** Scalars of LAMB's first pass. */
export interface WasmLambOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** Scalars of one fused LARS step (after the norms). */
export interface WasmLarsOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  /** Whether the direction is rescaled by the layer's rate (λ ≠ 0 and both norms ≠ 0). */
  scaled: boolean;
  /** γ_l, the layer's rate. */
  localLr: number;
  /** True when the momentum buffer is set to the direction instead of updated. */
  firstStep: boolean;
}

/** Throws unless every non-null array is a Float32Array with the first one's length. */
export function checkFloat32(name: string, arrays: readonly (Float32Array | null)[]): void {
  const first = arrays[0] as Float32Array;
  for (const array of arrays) {
    if (array === null) continue;
    if (!(array instanceof Float32Array)) throw new TypeError(`${name}: expected Float32Array arrays, got ${(array as object).constructor.name}`);
    if (array.length !== first.length) throw new RangeError(`${name}: every array must have ${first.length} elements, got ${array.length}`);
  }
}

/** Whether PyTorch's lerp takes its low-weight form `a + w·(b − a)` (w < ½). */
const lowHalf = (w: number): number => (w < 0.5 ? 1 : 0);

/**
 * Schedule-Free AdamW in one pass over y (the parameter), g, z and v.
 *
 * @example
 * wasmScheduleFreeAdamW(ctx, y, g, z, v, { beta1: 0.9, beta2: 0.999, biasCorrection2: 0.001, eps: 1e-8, weightDecay: 0, lr: 0.01, ckp1: 1 });
 */
export function wasmScheduleFreeAdamW(ctx: WasmContext, param: Float32Array, grad: Float32Array, z: Float32Array, expAvgSq: Float32Array, o: WasmScheduleFreeAdamWOptions): void {
  checkFloat32('scheduleFreeAdamW', [param, grad, z, expAvgSq]);
  const yScale = o.lr * (o.beta1 * (1 - o.ckp1) - 1);
  ctx.withArrays([param, grad, z, expAvgSq], [true, true, true, true], ([p, g, zp, v]) =>
    ctx.exports.sf_adamw_f32(p as number, g as number, zp as number, v as number, param.length, o.beta2, 1 - o.beta2, o.biasCorrection2, o.eps, o.weightDecay, o.ckp1, 1 - o.ckp1, lowHalf(o.ckp1), yScale, -o.lr),
    [true, false, true, true],
  );
}

/**
 * Schedule-Free SGD in one pass over y (the parameter), g and z.
 *
 * @example
 * wasmScheduleFreeSgd(ctx, y, g, z, { weightDecay: 0, lr: 0.1, momentum: 0.9, ckp1: 1 });
 */
export function wasmScheduleFreeSgd(ctx: WasmContext, param: Float32Array, grad: Float32Array, z: Float32Array, o: WasmScheduleFreeSgdOptions): void {
  checkFloat32('scheduleFreeSgd', [param, grad, z]);
  const yScale = o.lr * (o.momentum * (1 - o.ckp1) - 1);
  ctx.withArrays([param, grad, z], [true, true, true], ([p, g, zp]) =>
    ctx.exports.sf_sgd_f32(p as number, g as number, zp as number, param.length, o.weightDecay, o.ckp1, 1 - o.ckp1, lowHalf(o.ckp1), yScale, -o.lr),
    [true, false, true],
  );
}

/**
 * AdEMAMix in one pass; `fast` is null when β₁ = 0 (m₁ is then the gradient).
 *
 * @example
 * wasmAdemamix(ctx, p, g, m1, m2, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, beta3: 0.9999, alpha: 5, eps: 1e-8, weightDecay: 0, step: 1 });
 */
export function wasmAdemamix(ctx: WasmContext, param: Float32Array, grad: Float32Array, fast: Float32Array | null, slow: Float32Array, expAvgSq: Float32Array, o: WasmAdemamixOptions): void {
  checkFloat32('ademamix', [param, grad, fast, slow, expAvgSq]);
  const biasCorrection1 = 1 - o.beta1 ** o.step;
  const biasCorrection2Sqrt = Math.sqrt(1 - o.beta2 ** o.step);
  ctx.withArrays([param, grad, fast, slow, expAvgSq], [true, true, true, true, true], ([p, g, m1, m2, v]) =>
    ctx.exports.ademamix_f32(p as number, g as number, m1 as number, m2 as number, v as number, param.length, o.beta1, 1 - o.beta1, o.beta3, 1 - o.beta3, o.beta2, 1 - o.beta2, biasCorrection1, biasCorrection2Sqrt, o.alpha, o.eps, o.weightDecay, -o.lr),
    [true, false, true, true, true],
  );
}

/**
 * LAMB's first pass: updates m and v, writes the Adam step r, returns Σθ² and Σr² (float64).
 *
 * @example
 * const { weightSq, stepSq } = wasmLambStage(ctx, p, g, m, v, r, { beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0 });
 */
export function wasmLambStage(ctx: WasmContext, param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, step: Float32Array, o: WasmLambOptions): { weightSq: number; stepSq: number } {
  checkFloat32('lambStage', [param, grad, m, v, step]);
  const sums = new Float64Array(8);
  ctx.withArrays([param, grad, m, v, step, sums], [true, true, true, true, false, false], ([p, g, mp, vp, r, out]) =>
    ctx.exports.lamb_f32(p as number, g as number, mp as number, vp as number, r as number, param.length, o.beta1, 1 - o.beta1, o.beta2, 1 - o.beta2, o.eps, o.weightDecay, out as number),
    [false, false, true, true, true, true],
  );
  return { weightSq: sums[0] as number, stepSq: sums[1] as number };
}

/**
 * θ ← θ + a·x in float32 (LAMB's second pass, a = −γ·τ).
 *
 * @example
 * wasmAxpy(ctx, p, r, -1e-3);
 */
export function wasmAxpy(ctx: WasmContext, param: Float32Array, x: Float32Array, a: number): void {
  checkFloat32('axpy', [param, x]);
  ctx.withArrays([param, x], [true, true], ([p, xp]) => ctx.exports.axpy_f32(p as number, xp as number, param.length, a), [true, false]);
}

/**
 * Σa² and Σb² of two float32 arrays of one length, accumulated in float64.
 *
 * @example
 * const [thetaSq, gradSq] = wasmSumSquares2(ctx, p, g);
 */
export function wasmSumSquares2(ctx: WasmContext, a: Float32Array, b: Float32Array): [number, number] {
  checkFloat32('sumSquares2', [a, b]);
  const sums = new Float64Array(8);
  ctx.withArrays([a, b, sums], [true, true, false], ([ap, bp, out]) => ctx.exports.sumsq2_f32(ap as number, bp as number, a.length, out as number), [false, false, true]);
  return [sums[0] as number, sums[1] as number];
}

/**
 * LARS in one pass (the norms and γ_l come from the caller); `buffer` is null without momentum.
 *
 * @example
 * wasmLars(ctx, p, g, null, { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, scaled: false, localLr: 1, firstStep: true });
 */
export function wasmLars(ctx: WasmContext, param: Float32Array, grad: Float32Array, buffer: Float32Array | null, o: WasmLarsOptions): void {
  checkFloat32('lars', [param, grad, buffer]);
  ctx.withArrays([param, grad, buffer], [true, true, !o.firstStep], ([p, g, b]) =>
    ctx.exports.lars_f32(p as number, g as number, b as number, param.length, o.scaled ? 1 : 0, o.localLr, o.weightDecay, o.momentum, 1 - o.dampening, o.nesterov ? 1 : 0, o.firstStep ? 1 : 0, -o.lr),
    [true, false, true],
  );
}

/** Scalars of one Adafactor step on a float32 parameter (step-dependent ones computed by the caller). */
export interface WasmAdafactorOptions {
  /** t^τ: the weight of the new statistics (1 − β̂₂). */
  oneMinusBeta2: number;
  /** ρ = min(γ, 1/√t). */
  rho: number;
  eps1: number;
  eps2: number;
  /** 1 − γλ (1: no weight decay). */
  decay: number;
  /** The clipping threshold d. */
  d: number;
  maximize: boolean;
  /** Rows and columns of the last two dims when the statistics are factored (rowVar and colVar given). */
  rows: number;
  cols: number;
}

/**
 * Adafactor on a float32 parameter in place: factored statistics (`rowVar`, `colVar`, for 2 or more
 * dims) or the full `variance`. The arithmetic is float64 with float32 storage, as @descent/optim's loop.
 *
 * @example
 * wasmAdafactor(ctx, p, g, rowVar, colVar, null, { oneMinusBeta2: 1, rho: 0.01, eps1: 1.19e-7, eps2: 1e-3, decay: 1, d: 1, maximize: false, rows: 4, cols: 3 });
 */
export function wasmAdafactor(ctx: WasmContext, param: Float32Array, grad: Float32Array, rowVar: Float32Array | null, colVar: Float32Array | null, variance: Float32Array | null, o: WasmAdafactorOptions): void {
  checkFloat32('adafactor', [param, grad]);
  const factored = rowVar !== null && colVar !== null;
  const n = param.length;
  const matrices = factored ? (o.rows * o.cols === 0 ? 0 : n / (o.rows * o.cols)) : 0;
  if (factored && (rowVar.length !== matrices * o.rows || colVar.length !== matrices * o.cols)) {
    throw new RangeError(`adafactor: rowVar and colVar must have ${matrices * o.rows} and ${matrices * o.cols} elements, got ${rowVar.length} and ${colVar.length}`);
  }
  if (!factored) {
    if (variance === null) throw new TypeError('adafactor: without rowVar and colVar a variance array is needed, got null');
    checkFloat32('adafactor', [param, variance]);
  }
  if (factored && matrices === 0) return;
  const heap = ctx.heap;
  const uBytes = Math.max(n * 8, 8);
  const colBytes = Math.max(o.cols * 8, 8);
  const u = heap.alloc(uBytes);
  const colMean = heap.alloc(colBytes);
  try {
    ctx.withArrays([param, grad, rowVar, colVar, variance], [true, true, true, true, true], ([p, g, r, c, v]) =>
      ctx.exports.adafactor_f32(p as number, g as number, r as number, c as number, v as number, u, colMean, n, matrices, o.rows, o.cols, o.maximize ? -1 : 1, o.oneMinusBeta2, o.rho, o.eps1, o.eps2, o.decay, o.d),
      [true, false, true, true, true],
    );
  } finally {
    heap.free(colMean, colBytes);
    heap.free(u, uBytes);
  }
}
