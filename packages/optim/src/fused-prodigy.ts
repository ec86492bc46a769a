/**
 * Prodigy's float32 passes, as fused-beyond.ts does for the other optimizers beyond torch.optim:
 * float32 parameters of at least {@link FUSED_THRESHOLD} elements run the WebAssembly SIMD kernels
 * of @descent/tensor, smaller ones (or every one when the kernels are unavailable) the TypeScript
 * twins of float32-prodigy.ts, which compute the same float32 arithmetic bit for bit. Each returns
 * null (or false) when the arrays are not all float32: the caller then runs its float64 loop.
 */
import { wasmKernels } from '@descent/tensor';
import type { FloatArray, WasmProdigyOptions, WasmProdigySums } from '@descent/tensor';
import { FUSED_THRESHOLD, canFuse } from './fused';
import { prodigyStats32, prodigyStep32 } from './float32-prodigy';

/**
 * Prodigy's first float32 pass over one parameter (m, v, s and the two sums) when it applies.
 *
 * @example
 * const sums = fusedProdigyStats(p, g, p0, s, m, v, options) ?? inFloat64();
 */
export function fusedProdigyStats(param: FloatArray, grad: FloatArray, p0: FloatArray, s: FloatArray, m: FloatArray | null, v: FloatArray, options: WasmProdigyOptions): WasmProdigySums | null {
  if (!canFuse([param, grad, p0, s, m, v])) return null;
  const [p, g, start, sum, second] = [param, grad, p0, s, v] as Float32Array[] as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  const first = m as Float32Array | null;
  const k = p.length < FUSED_THRESHOLD ? null : wasmKernels();
  return k !== null ? k.prodigyStats(p, g, start, sum, first, second, options) : prodigyStats32(p, g, start, sum, first, second, options);
}

/**
 * Prodigy's second float32 pass over one parameter (the update with the new d) when it applies.
 *
 * @example
 * if (!fusedProdigyStep(p, g, m, v, { ...options, d })) inFloat64();
 */
export function fusedProdigyStep(param: FloatArray, grad: FloatArray, m: FloatArray | null, v: FloatArray, options: WasmProdigyOptions): boolean {
  if (!canFuse([param, grad, m, v])) return false;
  const [p, g, second] = [param, grad, v] as Float32Array[] as [Float32Array, Float32Array, Float32Array];
  const first = m as Float32Array | null;
  const k = p.length < FUSED_THRESHOLD ? null : wasmKernels();
  if (k !== null) k.prodigyStep(p, g, first, second, options);
  else prodigyStep32(p, g, first, second, options);
  return true;
}
