/**
 * ReLU's forward and backward as one flat loop each over float tensors (PyTorch's `relu` and
 * `threshold_backward(grad, out, 0)`), for the autograd op: the generic element-wise path costs
 * a function call per element forward and three passes backward (`out > 0`, a cast, a product).
 *
 *   forward:   out[i] = x[i] > 0 ? x[i] : (x[i] is NaN ? NaN : 0)
 *   backward:  gx[i]  = out[i] > 0 ? g[i] : 0
 *
 * Large arrays run on the wasm SIMD kernels (assembly/relu.ts, the same selections lane by lane);
 * results still come from the storage pools, so backward recycles them as before.
 */
import { allocate, type FloatArray } from '../dtype';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { activeWasmKernels, WASM_ELEMENTWISE_THRESHOLD } from './wasm-dispatch';

function dense(t: Tensor): { data: FloatArray; offset: number } {
  const c = t.contiguous();
  return { data: c.storage.data as FloatArray, offset: c.offset };
}

/** From the storage pools (zero-filled), as every op result, so backward can recycle it. */
function fresh(dtype: 'float32' | 'float64', n: number): FloatArray {
  return allocate(dtype, n) as FloatArray;
}

/** The wasm kernels when `n` is large enough for them to pay. */
function wasmFor(n: number): ReturnType<typeof activeWasmKernels> {
  return n < WASM_ELEMENTWISE_THRESHOLD ? null : activeWasmKernels();
}

function floatDtype(t: Tensor): 'float32' | 'float64' | null {
  return t.dtype === 'float32' || t.dtype === 'float64' ? t.dtype : null;
}

/**
 * `x.relu()` for a float tensor in one loop (NaN stays NaN); null for other dtypes, which the
 * caller sends through the generic op.
 *
 * @example
 * const out = reluForward(x) ?? x.relu();
 */
export function reluForward(x: Tensor): Tensor | null {
  const dtype = floatDtype(x);
  if (dtype === null) return null;
  const n = x.numel();
  const src = dense(x);
  const shape = [...x.shape];
  const out = fresh(dtype, n);
  const k = wasmFor(n);
  if (k !== null) {
    k.relu(src.data.subarray(src.offset, src.offset + n), out);
    return x._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
  }
  const data = src.data;
  const o = src.offset;
  for (let i = 0; i < n; i++) {
    const v = data[o + i] as number;
    // v > 0 keeps v; NaN fails both tests and is kept too; everything else is 0.
    out[i] = v > 0 || v !== v ? v : 0;
  }
  return x._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * The gradient of ReLU from the output's gradient `grad` and the saved output `out` (same shape):
 * `grad` where `out > 0`, else 0. Null when the two are not float tensors of one dtype and shape.
 *
 * @example
 * const gx = reluBackward(g, out) ?? g.mul(out.gt(0).to(g.dtype));
 */
export function reluBackward(grad: Tensor, out: Tensor): Tensor | null {
  const dtype = floatDtype(grad);
  if (dtype === null || out.dtype !== dtype || grad.ndim !== out.ndim || grad.shape.some((s, i) => s !== out.shape[i])) return null;
  const n = grad.numel();
  const g = dense(grad);
  const y = dense(out);
  const shape = [...grad.shape];
  const gx = fresh(dtype, n);
  const k = wasmFor(n);
  if (k !== null) {
    k.reluBackward(g.data.subarray(g.offset, g.offset + n), y.data.subarray(y.offset, y.offset + n), gx);
    return grad._make(new Storage(gx), shape, contiguousStrides(shape), 0, dtype);
  }
  const gd = g.data;
  const yd = y.data;
  const go = g.offset;
  const yo = y.offset;
  for (let i = 0; i < n; i++) gx[i] = (yd[yo + i] as number) > 0 ? (gd[go + i] as number) : 0;
  return grad._make(new Storage(gx), shape, contiguousStrides(shape), 0, dtype);
}
