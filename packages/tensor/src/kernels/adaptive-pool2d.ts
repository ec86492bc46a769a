/**
 * Adaptive 2-D pooling (PyTorch's `adaptive_avg_pool2d` / `adaptive_max_pool2d` CPU kernels): output
 * (oy, ox) of each plane covers rows [⌊oy·H/outH⌋, ⌈(oy+1)·H/outH⌉) and likewise columns;
 *
 *   avg[p, oy, ox]  = (Σ taps x) / kh / kw            (taps row by row)
 *   gx[p, tap]     += g[p, oy, ox] / kh / kw          (windows in output order)
 *   max[p, oy, ox]  = first maximum (NaN wins), indices its iy·W + ix
 *
 * where p runs over batch and channel together. Large passes run on the wasm kernels
 * (assembly/adaptive-pool2d.ts) with the same operations in the same order; max pooling's
 * backward is {@link maxPool2dBackward}.
 */
import { allocate, type FloatArray } from '../dtype';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { activeWasmKernels, WASM_ELEMENTWISE_THRESHOLD } from './wasm-dispatch';
import { gpuAdaptiveAvgPool2dBackward, gpuAdaptiveAvgPool2dForward, gpuAdaptiveMaxPool2dForward } from '../device/gpu-pooling';

export { maxPool2dBackward as adaptiveMaxPool2dBackward } from './max-pool2d';

function floatDtype(t: Tensor, op: string): 'float32' | 'float64' {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${op}: expected a floating tensor, got ${t.dtype}`);
  return t.dtype;
}

function check4d(t: Tensor, op: string): [number, number, number, number] {
  if (t.ndim !== 4) throw new RangeError(`${op}: expected a 4-D tensor [N, C, H, W], got shape [${t.shape.join(', ')}]`);
  return t.shape as [number, number, number, number];
}

const lo = (i: number, inSize: number, outSize: number): number => Math.floor((i * inSize) / outSize);
const hi = (i: number, inSize: number, outSize: number): number => Math.ceil(((i + 1) * inSize) / outSize);

/** A float array of `dtype` rounded as the kernels do (f32 math is rounded per operation). */
function round(dtype: 'float32' | 'float64'): (v: number) => number {
  return dtype === 'float32' ? Math.fround : (v: number): number => v;
}

/**
 * Adaptive average pooling of `x` [N, C, H, W] (any layout) to [N, C, outH, outW].
 *
 * @example
 * adaptiveAvgPool2dForward(x, 1, 1); // global average pooling
 */
export function adaptiveAvgPool2dForward(x: Tensor, outH: number, outW: number): Tensor {
  const dtype = floatDtype(x, 'adaptive_avg_pool2d');
  const [n, channels, height, width] = check4d(x, 'adaptive_avg_pool2d');
  if (x.storage.device === 'webgpu') return gpuAdaptiveAvgPool2dForward(x, outH, outW);
  const c = x.contiguous();
  const data = c.storage.data as FloatArray;
  const planes = n * channels;
  const plane = height * width;
  const out = allocate(dtype, planes * outH * outW) as FloatArray;
  const k = planes * plane >= WASM_ELEMENTWISE_THRESHOLD ? activeWasmKernels() : null;
  if (k !== null) {
    k.adaptiveAvgPool2d(data.subarray(c.offset, c.offset + planes * plane), out, { planes, height, width, outH, outW });
  } else {
    const r = round(dtype);
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = c.offset + p * plane;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = lo(oy, height, outH);
        const y1 = hi(oy, height, outH);
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = lo(ox, width, outW);
          const x1 = hi(ox, width, outW);
          let sum = 0;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) sum = r(sum + (data[base + iy * width + ix] as number));
          }
          out[o] = r(r(sum / (y1 - y0)) / (x1 - x0));
        }
      }
    }
  }
  const shape = [n, channels, outH, outW];
  return x._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * The gradient of {@link adaptiveAvgPool2dForward} with respect to its input [N, C, height, width]
 * from the output's gradient `grad` [N, C, outH, outW].
 *
 * @example
 * const gx = adaptiveAvgPool2dBackward(g, 7, 7);
 */
export function adaptiveAvgPool2dBackward(grad: Tensor, height: number, width: number): Tensor {
  const dtype = floatDtype(grad, 'adaptive_avg_pool2d backward');
  const [n, channels, outH, outW] = check4d(grad, 'adaptive_avg_pool2d backward');
  if (grad.storage.device === 'webgpu') return gpuAdaptiveAvgPool2dBackward(grad, height, width);
  const g = grad.contiguous();
  const gd = g.storage.data as FloatArray;
  const planes = n * channels;
  const plane = height * width;
  const gx = allocate(dtype, planes * plane) as FloatArray;
  const k = planes * plane >= WASM_ELEMENTWISE_THRESHOLD ? activeWasmKernels() : null;
  if (k !== null) {
    k.adaptiveAvgPool2dBackward(gd.subarray(g.offset, g.offset + planes * outH * outW), gx, { planes, height, width, outH, outW });
  } else {
    const r = round(dtype);
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = p * plane;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = lo(oy, height, outH);
        const y1 = hi(oy, height, outH);
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = lo(ox, width, outW);
          const x1 = hi(ox, width, outW);
          const d = r(r((gd[g.offset + o] as number) / (y1 - y0)) / (x1 - x0));
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const at = base + iy * width + ix;
              gx[at] = (gx[at] as number) + d;
            }
          }
        }
      }
    }
  }
  const shape = [n, channels, height, width];
  return grad._make(new Storage(gx), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * Adaptive max pooling of `x` [N, C, H, W] (any layout): the maxima [N, C, outH, outW] and their
 * flat positions in each H×W plane (int32, same shape).
 *
 * @example
 * const { values, indices } = adaptiveMaxPool2dForward(x, 2, 2);
 */
export function adaptiveMaxPool2dForward(x: Tensor, outH: number, outW: number): { values: Tensor; indices: Tensor } {
  const dtype = floatDtype(x, 'adaptive_max_pool2d');
  const [n, channels, height, width] = check4d(x, 'adaptive_max_pool2d');
  if (x.storage.device === 'webgpu') return gpuAdaptiveMaxPool2dForward(x, outH, outW);
  const c = x.contiguous();
  const data = c.storage.data as FloatArray;
  const planes = n * channels;
  const plane = height * width;
  const values = allocate(dtype, planes * outH * outW) as FloatArray;
  const picks = new Int32Array(planes * outH * outW);
  const k = planes * plane >= WASM_ELEMENTWISE_THRESHOLD ? activeWasmKernels() : null;
  if (k !== null) {
    k.adaptiveMaxPool2d(data.subarray(c.offset, c.offset + planes * plane), values, picks, { planes, height, width, outH, outW });
  } else {
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = c.offset + p * plane;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = lo(oy, height, outH);
        const y1 = hi(oy, height, outH);
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = lo(ox, width, outW);
          const x1 = hi(ox, width, outW);
          let best = -Infinity;
          let at = -1;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const v = data[base + iy * width + ix] as number;
              // PyTorch's `val > max || isnan(val)`; the first tap always counts.
              if (at < 0 || v > best || v !== v) {
                best = v;
                at = iy * width + ix;
              }
            }
          }
          values[o] = best;
          picks[o] = at;
        }
      }
    }
  }
  const shape = [n, channels, outH, outW];
  const strides = contiguousStrides(shape);
  return {
    values: x._make(new Storage(values), shape, strides, 0, dtype),
    indices: x._make(new Storage(picks), shape, strides, 0, 'int32'),
  };
}
