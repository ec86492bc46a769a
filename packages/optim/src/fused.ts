/**
 * The fused WebAssembly SIMD updates of @descent/tensor for large float32 parameters: each returns
 * false when it did not run (wasm unavailable or `DESCENT_WASM=0`, float64, small, mixed dtypes), so
 * the caller runs its TypeScript loop. The fused kernels compute in float32, as PyTorch's CPU
 * optimizers do for float32 parameters; the TypeScript loops compute in float64 and round on store.
 */
import { wasmKernels } from '@descent/tensor';
import type { FloatArray, WasmAdagradOptions, WasmAdamOptions, WasmKernels, WasmRmspropOptions, WasmSgdOptions } from '@descent/tensor';

/**
 * Parameters with fewer elements than this stay in TypeScript (measured: an Adam step on 1024
 * float32 values is already 2× faster in wasm with the copies in and out, 4–5× from 16384).
 */
export const FUSED_THRESHOLD = 1024;

function usable(arrays: readonly (FloatArray | null)[]): WasmKernels | null {
  const first = arrays[0] as FloatArray;
  if (!(first instanceof Float32Array) || first.length < FUSED_THRESHOLD) return null;
  if (!arrays.every((a) => a === null || (a instanceof Float32Array && a.length === first.length))) return null;
  return wasmKernels();
}

/**
 * Whether the fused kernels would run on these arrays (float32, one length, large, wasm available).
 *
 * @example
 * if (canFuse([p, g, m, v])) decayThenFuse();
 */
export function canFuse(arrays: readonly (FloatArray | null)[]): boolean {
  return usable(arrays) !== null;
}

/**
 * One fused Adam step (L2 weight decay form) when it applies.
 *
 * @example
 * if (!fusedAdam(p, g, m, v, null, options)) adamInTs();
 */
export function fusedAdam(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, vMax: FloatArray | null, options: WasmAdamOptions): boolean {
  const k = usable([param, grad, m, v, vMax]);
  if (k === null) return false;
  k.adam(param, grad, m, v, vMax, options);
  return true;
}

/**
 * One fused SGD step when it applies.
 *
 * @example
 * if (!fusedSgd(p, g, buf, options)) sgdInTs();
 */
export function fusedSgd(param: FloatArray, grad: FloatArray, buffer: FloatArray | null, options: WasmSgdOptions): boolean {
  const k = usable([param, grad, buffer]);
  if (k === null) return false;
  k.sgd(param, grad, buffer, options);
  return true;
}

/**
 * One fused RMSprop step when it applies.
 *
 * @example
 * if (!fusedRmsprop(p, g, sq, null, null, options)) rmspropInTs();
 */
export function fusedRmsprop(param: FloatArray, grad: FloatArray, squareAvg: FloatArray, gradAvg: FloatArray | null, buffer: FloatArray | null, options: WasmRmspropOptions): boolean {
  const k = usable([param, grad, squareAvg, gradAvg, buffer]);
  if (k === null) return false;
  k.rmsprop(param, grad, squareAvg, gradAvg, buffer, options);
  return true;
}

/**
 * One fused Adagrad step when it applies.
 *
 * @example
 * if (!fusedAdagrad(p, g, sum, options)) adagradInTs();
 */
export function fusedAdagrad(param: FloatArray, grad: FloatArray, sum: FloatArray, options: WasmAdagradOptions): boolean {
  const k = usable([param, grad, sum]);
  if (k === null) return false;
  k.adagrad(param, grad, sum, options);
  return true;
}
