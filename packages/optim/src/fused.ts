/**
 * The float32 updates of Adam, SGD, RMSprop and Adagrad: large float32 parameters run the fused
 * WebAssembly SIMD kernels of @descent/tensor, the others (small, or kernels unavailable:
 * `DESCENT_WASM=0`, no SIMD) the TypeScript loops of float32-updates.ts, which compute the same
 * float32 arithmetic bit for bit. So a float32 parameter gets one result whatever its size and
 * whether it is stepped alone or in a flat group, as PyTorch's CPU optimizers compute float32
 * parameters in float32. Each returns false only when the arrays are not all float32 (float64
 * parameters): the caller then runs its float64 loop.
 */
import { wasmKernels } from '@descent/tensor';
import type { FloatArray, WasmAdagradOptions, WasmAdamOptions, WasmKernels, WasmRmspropOptions, WasmSgdOptions } from '@descent/tensor';
import { adagrad32, adam32, rmsprop32, sgd32 } from './float32-updates';

/**
 * Parameters with fewer elements than this stay in TypeScript (measured: an Adam step on 1024
 * float32 values is already 2× faster in wasm with the copies in and out, 4–5× from 16384).
 */
export const FUSED_THRESHOLD = 1024;

/** True when every array is float32 with the first one's length (nulls aside). */
function allFloat32(arrays: readonly (FloatArray | null)[]): boolean {
  const first = arrays[0] as FloatArray;
  if (!(first instanceof Float32Array)) return false;
  return arrays.every((a) => a === null || (a instanceof Float32Array && a.length === first.length));
}

/** The kernels, for float32 arrays large enough to gain from them (the caller checked allFloat32). */
function kernelsFor(first: FloatArray): WasmKernels | null {
  return first.length < FUSED_THRESHOLD ? null : wasmKernels();
}

/**
 * Whether these arrays take the float32 updates below (all float32, one length), whatever their
 * size and whether the kernels are available.
 *
 * @example
 * if (canFuse([p, g, m, v])) decayThenFuse();
 */
export function canFuse(arrays: readonly (FloatArray | null)[]): boolean {
  return allFloat32(arrays);
}

/**
 * One float32 Adam step (L2 weight decay form) when it applies.
 *
 * @example
 * if (!fusedAdam(p, g, m, v, null, options)) adamInTs();
 */
export function fusedAdam(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, vMax: FloatArray | null, options: WasmAdamOptions): boolean {
  if (!allFloat32([param, grad, m, v, vMax])) return false;
  const k = kernelsFor(param);
  if (k !== null) k.adam(param, grad, m, v, vMax, options);
  else adam32(param as Float32Array, grad as Float32Array, m as Float32Array, v as Float32Array, vMax as Float32Array | null, options);
  return true;
}

/**
 * One float32 SGD step when it applies.
 *
 * @example
 * if (!fusedSgd(p, g, buf, options)) sgdInTs();
 */
export function fusedSgd(param: FloatArray, grad: FloatArray, buffer: FloatArray | null, options: WasmSgdOptions): boolean {
  if (!allFloat32([param, grad, buffer])) return false;
  const k = kernelsFor(param);
  if (k !== null) k.sgd(param, grad, buffer, options);
  else sgd32(param as Float32Array, grad as Float32Array, buffer as Float32Array | null, options);
  return true;
}

/**
 * One float32 RMSprop step when it applies.
 *
 * @example
 * if (!fusedRmsprop(p, g, sq, null, null, options)) rmspropInTs();
 */
export function fusedRmsprop(param: FloatArray, grad: FloatArray, squareAvg: FloatArray, gradAvg: FloatArray | null, buffer: FloatArray | null, options: WasmRmspropOptions): boolean {
  if (!allFloat32([param, grad, squareAvg, gradAvg, buffer])) return false;
  const k = kernelsFor(param);
  if (k !== null) k.rmsprop(param, grad, squareAvg, gradAvg, buffer, options);
  else rmsprop32(param as Float32Array, grad as Float32Array, squareAvg as Float32Array, gradAvg as Float32Array | null, buffer as Float32Array | null, options);
  return true;
}

/**
 * One float32 Adagrad step when it applies.
 *
 * @example
 * if (!fusedAdagrad(p, g, sum, options)) adagradInTs();
 */
export function fusedAdagrad(param: FloatArray, grad: FloatArray, sum: FloatArray, options: WasmAdagradOptions): boolean {
  if (!allFloat32([param, grad, sum])) return false;
  const k = kernelsFor(param);
  if (k !== null) k.adagrad(param, grad, sum, options);
  else adagrad32(param as Float32Array, grad as Float32Array, sum as Float32Array, options);
  return true;
}
