/**
 * Typed-array access to parameters, gradients and state buffers for the update loops, and the
 * allocation of state buffers (in WebAssembly memory for large float32 parameters).
 */
import { zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Storage, contiguousStrides, wasmKernels, zerosLike } from '@descent/tensor';
import type { FloatArray } from '@descent/tensor';
import { FUSED_THRESHOLD } from './fused';

/** Views handed out by {@link floats} for tensors that do not cover their whole storage. */
const views = new WeakMap<Tensor, { data: FloatArray; offset: number; view: FloatArray }>();

/**
 * The contiguous values of a tensor as a typed array (no copy), offset included. A tensor that is
 * its whole storage gets the storage array itself; other views are made once and reused, so a
 * step allocates nothing here.
 *
 * @example
 * const m = floats(state.expAvg as Tensor);
 */
export function floats(t: Tensor): FloatArray {
  if (!t.isContiguous())
    throw new Error('optimizer: parameters, gradients and state must be contiguous');
  const data = t.storage.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new TypeError(`optimizer: expected a floating tensor, got ${t.dtype}`);
  }
  const n = t.numel();
  if (t.offset === 0 && data.length === n) return data;
  const cached = views.get(t);
  if (cached !== undefined && cached.data === data && cached.offset === t.offset) return cached.view;
  const view = data.subarray(t.offset, t.offset + n);
  views.set(t, { data, offset: t.offset, view });
  return view;
}

/**
 * A zero tensor shaped and typed like `p` (for state buffers). Buffers of large float32 parameters
 * live in WebAssembly memory when it is shared, so the fused updates read them without copying
 * (freed with the tensor by the garbage collector).
 */
export function zerosLikeParam(p: Tensor): Tensor {
  if (p.storage.device !== 'cpu') return zerosLike(p) as Tensor;
  const n = p.numel();
  const k = p.dtype === 'float32' && n >= FUSED_THRESHOLD ? wasmKernels() : null;
  if (k?.shared) {
    const shape = [...p.shape];
    return p._make(new Storage(k.alloc('float32', n)), shape, contiguousStrides(shape), 0, 'float32');
  }
  return zeros([...p.shape], { dtype: p.dtype });
}

/**
 * Moves a large float32 parameter's storage into WebAssembly memory (once, when its state is
 * created) where memory is shared, so the fused updates write θ in place instead of copying it in
 * and out on every step. The values are unchanged and every view of the storage sees the new
 * array; an array taken from the storage before (`p.storage.data`) no longer aliases the parameter.
 * Parameters that are a part of a larger storage, small, float64, in browsers without
 * cross-origin isolation, or met while wasm memory is at its budget (`WASM_GC_BUDGET`) are left as
 * they are.
 *
 * @example
 * moveIntoWasm(param); // before the first fused step
 */
export function moveIntoWasm(p: Tensor): void {
  if (p.storage.device !== 'cpu') return; // GPU parameters keep their buffers
  const data = p.storage.data;
  if (!(data instanceof Float32Array) || data.length < FUSED_THRESHOLD || p.offset !== 0 || data.length !== p.numel()) return;
  const k = wasmKernels();
  if (k === null || !k.shared || k.owns(data)) return;
  const resident = k.alloc('float32', data.length);
  // Past the budget of collector-freed wasm memory `alloc` hands out a plain array: keep the old one.
  if (!k.owns(resident)) return;
  resident.set(data);
  p.storage.data = resident;
  p.storage.pooled = false; // the array is no longer the pools' to take back
}
