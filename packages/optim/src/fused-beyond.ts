/**
 * The float32 updates of the optimizers beyond torch.optim (Schedule-Free AdamW and SGD, AdEMAMix,
 * LAMB, LARS), as fused.ts does for torch.optim's: float32 parameters of at least
 * {@link FUSED_THRESHOLD} elements run the WebAssembly SIMD kernels of @descent/tensor, smaller ones
 * (or every one when the kernels are unavailable) the TypeScript twins of float32-beyond.ts, which
 * compute the same float32 arithmetic bit for bit. Each returns false (or null) when the arrays are
 * not all float32: the caller then runs its float64 loop.
 */
import { wasmKernels } from '@descent/tensor';
import type { FloatArray, WasmAdemamixOptions, WasmKernels, WasmLambOptions, WasmLarsOptions, WasmScheduleFreeAdamWOptions, WasmScheduleFreeSgdOptions } from '@descent/tensor';
import { FUSED_THRESHOLD, canFuse } from './fused';
import { ademamix32, axpy32, lambStage32, lars32, scheduleFreeAdamW32, scheduleFreeSgd32, sumSquares32 } from './float32-beyond';

function kernelsFor(first: FloatArray): WasmKernels | null {
  return first.length < FUSED_THRESHOLD ? null : wasmKernels();
}

/**
 * One float32 Schedule-Free AdamW step when it applies.
 *
 * @example
 * if (!fusedScheduleFreeAdamW(y, g, z, v, options)) inFloat64();
 */
export function fusedScheduleFreeAdamW(param: FloatArray, grad: FloatArray, z: FloatArray, v: FloatArray, options: WasmScheduleFreeAdamWOptions): boolean {
  if (!canFuse([param, grad, z, v])) return false;
  const [p, g, zs, vs] = [param, grad, z, v] as Float32Array[] as [Float32Array, Float32Array, Float32Array, Float32Array];
  const k = kernelsFor(p);
  if (k !== null) k.scheduleFreeAdamW(p, g, zs, vs, options);
  else scheduleFreeAdamW32(p, g, zs, vs, options);
  return true;
}

/**
 * One float32 Schedule-Free SGD step when it applies.
 *
 * @example
 * if (!fusedScheduleFreeSgd(y, g, z, options)) inFloat64();
 */
export function fusedScheduleFreeSgd(param: FloatArray, grad: FloatArray, z: FloatArray, options: WasmScheduleFreeSgdOptions): boolean {
  if (!canFuse([param, grad, z])) return false;
  const [p, g, zs] = [param, grad, z] as Float32Array[] as [Float32Array, Float32Array, Float32Array];
  const k = kernelsFor(p);
  if (k !== null) k.scheduleFreeSgd(p, g, zs, options);
  else scheduleFreeSgd32(p, g, zs, options);
  return true;
}

/**
 * One float32 AdEMAMix step when it applies (`fast` null when β₁ = 0).
 *
 * @example
 * if (!fusedAdemamix(p, g, m1, m2, v, options)) inFloat64();
 */
export function fusedAdemamix(param: FloatArray, grad: FloatArray, fast: FloatArray | null, slow: FloatArray, v: FloatArray, options: WasmAdemamixOptions): boolean {
  if (!canFuse([param, grad, fast, slow, v])) return false;
  const p = param as Float32Array;
  const k = kernelsFor(p);
  if (k !== null) k.ademamix(p, grad as Float32Array, fast as Float32Array | null, slow as Float32Array, v as Float32Array, options);
  else ademamix32(p, grad as Float32Array, fast as Float32Array | null, slow as Float32Array, v as Float32Array, options);
  return true;
}

let kernelScratch: Float32Array | null = null;
let plainScratch = new Float32Array(0);

/** A float32 scratch array of `n` elements: in wasm memory for the kernels, plain otherwise. */
function scratch(k: WasmKernels | null, n: number): Float32Array {
  if (k === null) {
    if (plainScratch.length < n) plainScratch = new Float32Array(n);
    return plainScratch.subarray(0, n);
  }
  if (kernelScratch === null || kernelScratch.length < n) kernelScratch = k.alloc('float32', n);
  return kernelScratch.subarray(0, n);
}

/**
 * One float32 LAMB step when it applies: the first pass (m, v, the Adam step r and the two sums),
 * then `trust(‖θ‖², ‖r‖²)` gives the step size γ·τ, then θ ← θ − γ·τ·r. Returns false for float64.
 *
 * @example
 * fusedLamb(p, g, m, v, options, (w2, r2) => lr * Math.min(Math.sqrt(w2), 10) / Math.sqrt(r2));
 */
export function fusedLamb(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, options: WasmLambOptions, stepSize: (weightSq: number, stepSq: number) => number): boolean {
  if (!canFuse([param, grad, m, v])) return false;
  const p = param as Float32Array;
  const k = kernelsFor(p);
  const r = scratch(k, p.length);
  if (k !== null) {
    const { weightSq, stepSq } = k.lambStage(p, grad as Float32Array, m as Float32Array, v as Float32Array, r, options);
    k.axpy(p, r, -stepSize(weightSq, stepSq));
  } else {
    const { weightSq, stepSq } = lambStage32(p, grad as Float32Array, m as Float32Array, v as Float32Array, r, options);
    axpy32(p, r, -stepSize(weightSq, stepSq));
  }
  return true;
}

/**
 * One float32 LARS step when it applies: Σθ² and Σg², then `rate(‖θ‖, ‖g‖)` gives whether and
 * how the direction is rescaled, then the fused pass. Returns false for float64.
 *
 * @example
 * fusedLars(p, g, buf, (pn, gn) => ({ ...options, scaled: false, localLr: 1 }));
 */
export function fusedLars(param: FloatArray, grad: FloatArray, buffer: FloatArray | null, options: (paramNorm: number, gradNorm: number) => WasmLarsOptions): boolean {
  if (!canFuse([param, grad, buffer])) return false;
  const p = param as Float32Array;
  const g = grad as Float32Array;
  const k = kernelsFor(p);
  const [paramSq, gradSq] = k !== null ? k.sumSquares2(p, g) : [sumSquares32(p), sumSquares32(g)];
  const o = options(Math.sqrt(paramSq), Math.sqrt(gradSq));
  if (k !== null) k.lars(p, g, buffer as Float32Array | null, o);
  else lars32(p, g, buffer as Float32Array | null, o);
  return true;
}
