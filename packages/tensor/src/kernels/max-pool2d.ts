/**
 * 2-D max pooling in one pass (window maxima and where they came from), and its backward pass as
 * a scatter of the output's gradient to those positions (PyTorch's `max_pool2d_with_indices` and
 * `max_pool2d_with_indices_backward`):
 *
 *   out[p, oy, ox]     = max over taps (i, j) of x[p, oy·sh − ph + i·dh, ox·sw − pw + j·dw]
 *   indices[p, oy, ox] = iy·W + ix of that maximum (the first one; NaN wins; padding never does)
 *   gx[p, indices[p, o]] += g[p, o]
 *
 * where p runs over batch and channel together. Large passes run on the wasm kernels
 * (assembly/max-pool2d.ts): the same comparisons, and the same additions, in the same order.
 */
import { allocate, type FloatArray, type TypedArray } from '../dtype';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { activeWasmKernels, WASM_ELEMENTWISE_THRESHOLD } from './wasm-dispatch';
import { gpuMaxPool2dBackward, gpuMaxPool2dForward, gpuMaxPool2dIndices } from '../device/gpu-pooling';

/** A pooling window, [height, width] per field; padding is symmetric. */
export interface MaxPool2dGeometry {
  /** Window size [kh, kw]. */
  kernel: readonly [number, number];
  /** Window step [sh, sw]. */
  stride: readonly [number, number];
  /** Implicit padding on both sides [ph, pw] (never wins). */
  padding: readonly [number, number];
  /** Spacing of window taps [dh, dw]. */
  dilation: readonly [number, number];
  /** Output size (the caller's, which knows about `ceilMode`). */
  outH: number;
  outW: number;
}

function floatDtype(t: Tensor, op: string): 'float32' | 'float64' {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${op}: expected a floating tensor, got ${t.dtype}`);
  return t.dtype;
}

/** From the storage pools (zero-filled), as every op result, so backward can recycle it. */
function fresh(dtype: 'float32' | 'float64', n: number): FloatArray {
  return allocate(dtype, n) as FloatArray;
}

/**
 * The TypeScript loop of maxPool2dForward and maxPool2dIndices: positions (and, unless `values` is
 * null, maxima) of `planes` H×W planes of `data` from `offset`, for any dtype.
 */
function windowMaxima(data: TypedArray, offset: number, planes: number, height: number, width: number, geo: MaxPool2dGeometry, values: FloatArray | null, picks: Int32Array): void {
  const { outH, outW } = geo;
  const [kh, kw] = geo.kernel;
  const [sh, sw] = geo.stride;
  const [ph, pw] = geo.padding;
  const [dh, dw] = geo.dilation;
  const plane = height * width;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = offset + p * plane;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - ph;
      for (let ox = 0; ox < outW; ox++, o++) {
        const x0 = ox * sw - pw;
        let best = -Infinity;
        let at = -1;
        for (let i = 0; i < kh; i++) {
          const iy = y0 + i * dh;
          if (iy < 0 || iy >= height) continue;
          const row = iy * width;
          for (let j = 0; j < kw; j++) {
            const ix = x0 + j * dw;
            if (ix < 0 || ix >= width) continue;
            const v = data[base + row + ix] as number;
            // PyTorch's `val > max || isnan(val)`; the first tap always counts.
            if (at < 0 || v > best || v !== v) {
              best = v;
              at = row + ix;
            }
          }
        }
        if (values !== null) values[o] = best;
        picks[o] = at;
      }
    }
  }
}

/**
 * Max pooling of `x` [N, C, H, W] (any layout): the maxima [N, C, outH, outW] and their flat
 * positions in each H×W plane (int32, same shape).
 *
 * @example
 * const { values, indices } = maxPool2dForward(x, { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 12, outW: 12 });
 */
export function maxPool2dForward(x: Tensor, geo: MaxPool2dGeometry): { values: Tensor; indices: Tensor } {
  const dtype = floatDtype(x, 'max_pool2d');
  if (x.ndim !== 4) throw new RangeError(`max_pool2d: expected a 4-D input [N, C, H, W], got shape [${x.shape.join(', ')}]`);
  if (x.storage.device === 'webgpu') return gpuMaxPool2dForward(x, geo);
  const c = x.contiguous();
  const data = c.storage.data as FloatArray;
  const [n, channels, height, width] = c.shape as [number, number, number, number];
  const { outH, outW } = geo;
  const planes = n * channels;
  const values = fresh(dtype, planes * outH * outW);
  const picks = new Int32Array(planes * outH * outW);
  const plane = height * width;
  const k = planes * plane >= WASM_ELEMENTWISE_THRESHOLD ? activeWasmKernels() : null;
  if (k !== null) {
    k.maxPool2d(data.subarray(c.offset, c.offset + planes * plane), values, picks, { planes, height, width, outH, outW, kernel: geo.kernel, stride: geo.stride, padding: geo.padding, dilation: geo.dilation });
  } else {
    windowMaxima(data, c.offset, planes, height, width, geo, values, picks);
  }
  const shape = [n, channels, outH, outW];
  const strides = contiguousStrides(shape);
  return {
    values: x._make(new Storage(values), shape, strides, 0, dtype),
    indices: x._make(new Storage(picks), shape, strides, 0, 'int32'),
  };
}

/**
 * Where the maxima of max pooling `x` [N, C, H, W] of any dtype (any layout) are: the flat
 * position in each H×W plane of every window's maximum, int32 [N, C, outH, outW]; as
 * {@link maxPool2dForward}'s indices, for inputs whose maxima the caller gathers itself.
 *
 * @example
 * const indices = maxPool2dIndices(labels, { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 12, outW: 12 });
 */
export function maxPool2dIndices(x: Tensor, geo: MaxPool2dGeometry): Tensor {
  if (x.ndim !== 4) throw new RangeError(`max_pool2d: expected a 4-D input [N, C, H, W], got shape [${x.shape.join(', ')}]`);
  if (x.storage.device === 'webgpu') return gpuMaxPool2dIndices(x, geo);
  const c = x.contiguous();
  const [n, channels, height, width] = c.shape as [number, number, number, number];
  const shape = [n, channels, geo.outH, geo.outW];
  const picks = new Int32Array(n * channels * geo.outH * geo.outW);
  windowMaxima(c.storage.data, c.offset, n * channels, height, width, geo, null, picks);
  return x._make(new Storage(picks), shape, contiguousStrides(shape), 0, 'int32');
}

/**
 * The gradient of {@link maxPool2dForward} with respect to its input [N, C, height, width]: each
 * entry of `grad` [N, C, outH, outW] added at the position `indices` names in its plane.
 *
 * @example
 * const gx = maxPool2dBackward(g, indices, 24, 24);
 */
export function maxPool2dBackward(grad: Tensor, indices: Tensor, height: number, width: number): Tensor {
  const dtype = floatDtype(grad, 'max_pool2d backward');
  if (grad.storage.device === 'webgpu') return gpuMaxPool2dBackward(grad, indices, height, width);
  const [n, channels, outH, outW] = grad.shape as [number, number, number, number];
  const g = grad.contiguous();
  const gd = g.storage.data as FloatArray;
  const idx = indices.contiguous();
  const id = idx.storage.data;
  const plane = height * width;
  const area = outH * outW;
  const gx = fresh(dtype, n * channels * plane);
  const shape = [n, channels, height, width];
  const k = n * channels * plane >= WASM_ELEMENTWISE_THRESHOLD ? activeWasmKernels() : null;
  if (k !== null) {
    k.maxPool2dBackward(gd.subarray(g.offset, g.offset + n * channels * area), (id as Int32Array).subarray(idx.offset, idx.offset + n * channels * area), gx, n * channels, area, plane);
    return grad._make(new Storage(gx), shape, contiguousStrides(shape), 0, dtype);
  }
  for (let p = 0; p < n * channels; p++) {
    const dst = p * plane;
    const src = p * area;
    for (let o = 0; o < area; o++) {
      const at = dst + (id[idx.offset + src + o] as number);
      gx[at] = (gx[at] as number) + (gd[g.offset + src + o] as number);
    }
  }
  return grad._make(new Storage(gx), shape, contiguousStrides(shape), 0, dtype);
}
