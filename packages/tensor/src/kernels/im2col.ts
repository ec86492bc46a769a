/**
 * im2col and its adjoint col2im, the two loops every convolution and pooling op is built on
 * (Chellapilla et al. 2006, "High Performance Convolutional Neural Networks for Document
 * Processing"). For an input [B, C, H, W] and a kernel kh×kw sliding with stride, dilation and
 * (possibly asymmetric) zero padding over outH×outW positions:
 *
 *   cols[b, (c·kh + i)·kw + j, oy·outW + ox] = x[b, c, oy·sh − top + i·dh, ox·sw − left + j·dw]   (0 outside)
 *
 * col2im is the transpose of that linear map: every column entry is added back to the input
 * position it was read from (overlapping windows accumulate). Both write fresh contiguous tensors.
 */
import type { FloatArray } from '../dtype';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

/** Rows at least this long are copied with `set` (a view per row costs more than a short loop). */
const SET_MIN = 64;

/** Where a kernel reads from: sizes and steps per spatial dim, [height, width]. */
export interface Im2colGeometry {
  /** Kernel size [kh, kw]. */
  kernel: readonly [number, number];
  /** Spacing of kernel taps [dh, dw]. */
  dilation: readonly [number, number];
  /** Zero padding [top, bottom, left, right]. */
  padding: readonly [number, number, number, number];
  /** Window step [sh, sw]. */
  stride: readonly [number, number];
}

/**
 * Number of window positions along each spatial dim: ⌊(size + padding − dilation·(k − 1) − 1) / stride⌋ + 1.
 *
 * @example
 * im2colOutputSize(28, 28, { kernel: [5, 5], dilation: [1, 1], padding: [0, 0, 0, 0], stride: [1, 1] }); // [24, 24]
 */
export function im2colOutputSize(height: number, width: number, geo: Im2colGeometry): [number, number] {
  const [kh, kw] = geo.kernel;
  const [dh, dw] = geo.dilation;
  const [top, bottom, left, right] = geo.padding;
  const [sh, sw] = geo.stride;
  return [Math.floor((height + top + bottom - dh * (kh - 1) - 1) / sh) + 1, Math.floor((width + left + right - dw * (kw - 1) - 1) / sw) + 1];
}

/** First and one-past-last output index o with 0 ≤ o·s − pad + tap < size. */
function validRange(out: number, size: number, s: number, pad: number, tap: number): [number, number] {
  const lo = Math.max(0, Math.ceil((pad - tap) / s));
  const hi = Math.min(out, Math.floor((size - 1 + pad - tap) / s) + 1);
  return [lo, Math.max(lo, hi)];
}

function allocate(dtype: 'float32' | 'float64', n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

function floatDtype(t: Tensor, op: string): 'float32' | 'float64' {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${op}: expected a floating tensor, got ${t.dtype}`);
  return t.dtype;
}

/**
 * The columns [B, C·kh·kw, outH·outW] of a [B, C, H, W] input (any layout; read contiguously).
 *
 * @example
 * im2col(x, { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] });
 */
export function im2col(x: Tensor, geo: Im2colGeometry): Tensor {
  const dtype = floatDtype(x, 'im2col');
  if (x.ndim !== 4) throw new RangeError(`im2col: expected a 4-D input [B, C, H, W], got shape [${x.shape.join(', ')}]`);
  const [batch, channels, height, width] = x.shape as [number, number, number, number];
  const [outH, outW] = im2colOutputSize(height, width, geo);
  const [kh, kw] = geo.kernel;
  const rows = channels * kh * kw;
  const cols = allocate(dtype, batch * rows * outH * outW);
  const src = x.contiguous();
  im2colInto(src.storage.data as FloatArray, src.offset, batch * channels, height, width, outH, outW, geo, cols);
  const shape = [batch, rows, outH * outW];
  return x._make(new Storage(cols), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * Fills `cols` (planes·kh·kw rows of outH·outW) from `planes` contiguous H×W planes of `data`
 * starting at `offset`; the plane index runs over batch and channel together.
 */
export function im2colInto(data: FloatArray, offset: number, planes: number, height: number, width: number, outH: number, outW: number, geo: Im2colGeometry, cols: FloatArray): void {
  const [kh, kw] = geo.kernel;
  const [dh, dw] = geo.dilation;
  const [top, , left] = geo.padding;
  const [sh, sw] = geo.stride;
  const plane = height * width;
  const area = outH * outW;
  let row = 0;
  for (let p = 0; p < planes; p++) {
    const base = offset + p * plane;
    for (let i = 0; i < kh; i++) {
      const [yLo, yHi] = validRange(outH, height, sh, top, i * dh);
      for (let j = 0; j < kw; j++, row++) {
        const [xLo, xHi] = validRange(outW, width, sw, left, j * dw);
        const dst = row * area;
        // Rows outside [yLo, yHi) and columns outside [xLo, xHi) stay 0 (fresh arrays are zeroed).
        for (let oy = yLo; oy < yHi; oy++) {
          const srcRow = base + (oy * sh - top + i * dh) * width - left + j * dw;
          const d = dst + oy * outW;
          if (sw === 1 && xHi - xLo >= SET_MIN) {
            cols.set(data.subarray(srcRow + xLo, srcRow + xHi), d + xLo);
          } else if (sw === 1) {
            for (let ox = xLo; ox < xHi; ox++) cols[d + ox] = data[srcRow + ox] as number;
          } else {
            for (let ox = xLo; ox < xHi; ox++) cols[d + ox] = data[srcRow + ox * sw] as number;
          }
        }
      }
    }
  }
}

/** Adds the columns at `offset` of `cols` into `out` (planes contiguous H×W planes, pre-zeroed by the caller). */
export function col2imInto(cols: FloatArray, offset: number, planes: number, height: number, width: number, outH: number, outW: number, geo: Im2colGeometry, out: FloatArray): void {
  const [kh, kw] = geo.kernel;
  const [dh, dw] = geo.dilation;
  const [top, , left] = geo.padding;
  const [sh, sw] = geo.stride;
  const plane = height * width;
  const area = outH * outW;
  let row = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * plane;
    for (let i = 0; i < kh; i++) {
      const [yLo, yHi] = validRange(outH, height, sh, top, i * dh);
      for (let j = 0; j < kw; j++, row++) {
        const [xLo, xHi] = validRange(outW, width, sw, left, j * dw);
        const srcBase = offset + row * area;
        for (let oy = yLo; oy < yHi; oy++) {
          const dstRow = base + (oy * sh - top + i * dh) * width - left + j * dw;
          const s = srcBase + oy * outW;
          for (let ox = xLo; ox < xHi; ox++) {
            const at = dstRow + ox * sw;
            out[at] = (out[at] as number) + (cols[s + ox] as number);
          }
        }
      }
    }
  }
}

/**
 * The columns of `samples` samples side by side: `cols` [C·kh·kw, samples·outH·outW], sample s in
 * columns [s·outH·outW, (s + 1)·outH·outW), from `samples` contiguous [C, H, W] images of `data`
 * starting at `offset`. A whole batch's weight gradient is then one product, Gᵀ-free:
 * gW = g [O, samples·area] · colsᵀ. Entries that fall in the padding are left as they are (the
 * caller zeroes `cols` first when there is padding).
 */
export function im2colSamplesInto(data: FloatArray, offset: number, samples: number, channels: number, height: number, width: number, outH: number, outW: number, geo: Im2colGeometry, cols: FloatArray): void {
  const [kh, kw] = geo.kernel;
  const [dh, dw] = geo.dilation;
  const [top, , left] = geo.padding;
  const [sh, sw] = geo.stride;
  const plane = height * width;
  const area = outH * outW;
  const rowStride = samples * area;
  for (let s = 0; s < samples; s++) {
    let row = 0;
    for (let c = 0; c < channels; c++) {
      const base = offset + (s * channels + c) * plane;
      for (let i = 0; i < kh; i++) {
        const [yLo, yHi] = validRange(outH, height, sh, top, i * dh);
        for (let j = 0; j < kw; j++, row++) {
          const [xLo, xHi] = validRange(outW, width, sw, left, j * dw);
          const dst = row * rowStride + s * area;
          for (let oy = yLo; oy < yHi; oy++) {
            const srcRow = base + (oy * sh - top + i * dh) * width - left + j * dw;
            const d = dst + oy * outW;
            for (let ox = xLo; ox < xHi; ox++) cols[d + ox] = data[srcRow + ox * sw] as number;
          }
        }
      }
    }
  }
}
