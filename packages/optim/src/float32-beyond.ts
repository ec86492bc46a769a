/**
 * The float32 arithmetic of the fused kernels of the optimizers beyond torch.optim
 * (packages/tensor/assembly/optim-beyond.ts) in TypeScript, for parameters the kernels do not take
 * (small, or no kernels: `DESCENT_WASM=0`, no SIMD). Every intermediate is rounded to float32
 * (`Math.fround`) where the kernel rounds it, scalars as they cross into the kernel, so a float32
 * parameter gets the same bits on every path (as float32-updates.ts does for Adam, SGD, RMSprop
 * and Adagrad). Sums of squares follow the kernels' four float64 lanes.
 */
import type { WasmAdemamixOptions, WasmLambOptions, WasmLarsOptions, WasmScheduleFreeAdamWOptions, WasmScheduleFreeSgdOptions } from '@descent/tensor';

const f = Math.fround;

/** PyTorch's two-sided lerp in float32, as the kernels' `lerpS`. */
function lerp32(y: number, z: number, c: number, oneMinusC: number, lowHalf: boolean): number {
  return lowHalf ? f(y + f(c * f(z - y))) : f(z - f(f(z - y) * oneMinusC));
}

/**
 * Schedule-Free AdamW in float32, as `sf_adamw_f32`.
 *
 * @example
 * scheduleFreeAdamW32(y, g, z, v, { beta1: 0.9, beta2: 0.999, biasCorrection2: 0.001, eps: 1e-8, weightDecay: 0, lr: 0.01, ckp1: 1 });
 */
export function scheduleFreeAdamW32(param: Float32Array, grad: Float32Array, z: Float32Array, v: Float32Array, o: WasmScheduleFreeAdamWOptions): void {
  const beta2 = f(o.beta2);
  const oneMinusBeta2 = f(1 - o.beta2);
  const biasCorrection2 = f(o.biasCorrection2);
  const eps = f(o.eps);
  const weightDecay = f(o.weightDecay);
  const c = f(o.ckp1);
  const oneMinusC = f(1 - o.ckp1);
  const lowHalf = o.ckp1 < 0.5;
  const yScale = f(o.lr * (o.beta1 * (1 - o.ckp1) - 1));
  const negLr = f(-o.lr);
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] as number;
    const y = param[i] as number;
    const zi = z[i] as number;
    const sq = f(f((v[i] as number) * beta2) + f(f(oneMinusBeta2 * g) * g));
    v[i] = sq;
    const denom = f(f(Math.sqrt(f(sq / biasCorrection2))) + eps);
    let u = f(g / denom);
    if (weightDecay !== 0) u = f(u + f(weightDecay * y));
    param[i] = f(lerp32(y, zi, c, oneMinusC, lowHalf) + f(yScale * u));
    z[i] = f(zi + f(negLr * u));
  }
}

/**
 * Schedule-Free SGD in float32, as `sf_sgd_f32`.
 *
 * @example
 * scheduleFreeSgd32(y, g, z, { weightDecay: 0, lr: 0.1, momentum: 0.9, ckp1: 1 });
 */
export function scheduleFreeSgd32(param: Float32Array, grad: Float32Array, z: Float32Array, o: WasmScheduleFreeSgdOptions): void {
  const weightDecay = f(o.weightDecay);
  const c = f(o.ckp1);
  const oneMinusC = f(1 - o.ckp1);
  const lowHalf = o.ckp1 < 0.5;
  const yScale = f(o.lr * (o.momentum * (1 - o.ckp1) - 1));
  const negLr = f(-o.lr);
  for (let i = 0; i < param.length; i++) {
    const y = param[i] as number;
    const zi = z[i] as number;
    let u = grad[i] as number;
    if (weightDecay !== 0) u = f(u + f(weightDecay * y));
    param[i] = f(lerp32(y, zi, c, oneMinusC, lowHalf) + f(yScale * u));
    z[i] = f(zi + f(negLr * u));
  }
}

/**
 * AdEMAMix in float32, as `ademamix_f32`; `fast` null when β₁ = 0.
 *
 * @example
 * ademamix32(p, g, m1, m2, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, beta3: 0.9999, alpha: 5, eps: 1e-8, weightDecay: 0, step: 1 });
 */
export function ademamix32(param: Float32Array, grad: Float32Array, fast: Float32Array | null, slow: Float32Array, v: Float32Array, o: WasmAdemamixOptions): void {
  const beta1 = f(o.beta1);
  const oneMinusBeta1 = f(1 - o.beta1);
  const beta3 = f(o.beta3);
  const oneMinusBeta3 = f(1 - o.beta3);
  const beta2 = f(o.beta2);
  const oneMinusBeta2 = f(1 - o.beta2);
  const biasCorrection1 = f(1 - o.beta1 ** o.step);
  const biasCorrection2Sqrt = f(Math.sqrt(1 - o.beta2 ** o.step));
  const alpha = f(o.alpha);
  const eps = f(o.eps);
  const weightDecay = f(o.weightDecay);
  const negLr = f(-o.lr);
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] as number;
    const theta = param[i] as number;
    let m1 = g;
    if (fast !== null) {
      m1 = f(f((fast[i] as number) * beta1) + f(oneMinusBeta1 * g));
      fast[i] = m1;
    }
    const m2 = f(f((slow[i] as number) * beta3) + f(oneMinusBeta3 * g));
    slow[i] = m2;
    const sq = f(f((v[i] as number) * beta2) + f(f(oneMinusBeta2 * g) * g));
    v[i] = sq;
    const denom = f(f(f(Math.sqrt(sq)) / biasCorrection2Sqrt) + eps);
    let u = f(f(f(m1 / biasCorrection1) + f(alpha * m2)) / denom);
    if (weightDecay !== 0) u = f(u + f(weightDecay * theta));
    param[i] = f(theta + f(negLr * u));
  }
}

/** Σx² in float64 in the kernels' order: four lanes (i mod 4) up to the last multiple of 4, then the tail. */
export function sumSquares32(x: Float32Array): number {
  const n = x.length;
  const end = n - (n % 4);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < end; i += 4) {
    const a = x[i] as number, b = x[i + 1] as number, c = x[i + 2] as number, d = x[i + 3] as number;
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
  }
  let sum = s0 + s1 + (s2 + s3);
  for (let i = end; i < n; i++) sum += (x[i] as number) * (x[i] as number);
  return sum;
}

/**
 * LAMB's first pass in float32, as `lamb_f32`: m, v and the Adam step r; returns Σθ² and Σr².
 *
 * @example
 * const { weightSq, stepSq } = lambStage32(p, g, m, v, r, { beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0 });
 */
export function lambStage32(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, step: Float32Array, o: WasmLambOptions): { weightSq: number; stepSq: number } {
  const beta1 = f(o.beta1);
  const oneMinusBeta1 = f(1 - o.beta1);
  const beta2 = f(o.beta2);
  const oneMinusBeta2 = f(1 - o.beta2);
  const eps = f(o.eps);
  const weightDecay = f(o.weightDecay);
  for (let i = 0; i < param.length; i++) {
    const g = grad[i] as number;
    const theta = param[i] as number;
    const expAvg = f(f((m[i] as number) * beta1) + f(oneMinusBeta1 * g));
    const expAvgSq = f(f((v[i] as number) * beta2) + f(f(oneMinusBeta2 * g) * g));
    m[i] = expAvg;
    v[i] = expAvgSq;
    let r = f(expAvg / f(f(Math.sqrt(expAvgSq)) + eps));
    if (weightDecay !== 0) r = f(r + f(weightDecay * theta));
    step[i] = r;
  }
  return { weightSq: sumSquares32(param), stepSq: sumSquares32(step) };
}

/**
 * θ ← θ + a·x in float32, as `axpy_f32`.
 *
 * @example
 * axpy32(p, r, -1e-3);
 */
export function axpy32(param: Float32Array, x: Float32Array, a: number): void {
  const a32 = f(a);
  for (let i = 0; i < param.length; i++) param[i] = f((param[i] as number) + f(a32 * (x[i] as number)));
}

/**
 * LARS in float32 after the norms, as `lars_f32`; `buffer` null without momentum.
 *
 * @example
 * lars32(p, g, null, { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, scaled: false, localLr: 1, firstStep: true });
 */
export function lars32(param: Float32Array, grad: Float32Array, buffer: Float32Array | null, o: WasmLarsOptions): void {
  const localLr = f(o.localLr);
  const weightDecay = f(o.weightDecay);
  const momentum = f(o.momentum);
  const oneMinusDampening = f(1 - o.dampening);
  const negLr = f(-o.lr);
  for (let i = 0; i < param.length; i++) {
    const theta = param[i] as number;
    let d = grad[i] as number;
    if (o.scaled) d = f(f(d + f(weightDecay * theta)) * localLr);
    if (buffer !== null) {
      const b = o.firstStep ? d : f(f(momentum * (buffer[i] as number)) + f(oneMinusDampening * d));
      buffer[i] = b;
      d = o.nesterov ? f(d + f(momentum * b)) : b;
    }
    param[i] = f(theta + f(negLr * d));
  }
}
