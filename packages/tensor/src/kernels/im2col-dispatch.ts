/**
 * The convolution's im2col and col2im on the wasm kernels when the columns (im2col) or the image
 * (col2im) live in wasm memory (the other operand is copied in), else on the TypeScript loops of
 * `im2col.ts`; and the tensor-level `col2im` (`F.fold`, conv-transpose) on top of them.
 */
import type { FloatArray } from '../dtype';
import { col2imInto, im2colInto, im2colOutputSize, im2colSamplesInto } from './im2col';
import type { Im2colGeometry } from './im2col';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { activeWasmKernels, wasmOrPlainArray } from './wasm-dispatch';
import { gpuCol2im, gpuIm2col } from '../device/gpu-conv';

/**
 * Columns of `samples` contiguous [C, H, W] images of `data` from `offset`: per sample
 * [C·kh·kw, area] one after the other (`wide` false, as {@link im2colInto}), or side by side
 * [C·kh·kw, samples·area] (`wide` true, as {@link im2colSamplesInto}). Padding entries are left
 * as they are.
 *
 * @example
 * columnsInto(x, 0, 64, 1, 28, 28, 24, 24, geo, cols, false);
 */
export function columnsInto(data: FloatArray, offset: number, samples: number, channels: number, height: number, width: number, outH: number, outW: number, geo: Im2colGeometry, cols: FloatArray, wide: boolean): void {
  const area = outH * outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const k = activeWasmKernels();
  if (k !== null && k.owns(cols) && (data instanceof Float32Array) === (cols instanceof Float32Array)) {
    k.im2col(data.subarray(offset, offset + samples * channels * height * width), cols, {
      samples, channels, height, width, outH, outW,
      kernel: geo.kernel, dilation: geo.dilation, top: geo.padding[0], left: geo.padding[2], stride: geo.stride,
      rowStride: wide ? samples * area : area,
      sampleStride: wide ? area : depth * area,
    });
    return;
  }
  if (wide) im2colSamplesInto(data, offset, samples, channels, height, width, outH, outW, geo, cols);
  else im2colInto(data, offset, samples * channels, height, width, outH, outW, geo, cols);
}

/**
 * col2im of `cols` (from `offset`, `planes`·kh·kw rows of outH·outW) added into `out` (`planes`
 * contiguous H×W planes): on the wasm kernel when the image or the columns live in wasm memory
 * (the other is staged), else on the TypeScript loop of `im2col.ts`. Same sums either way.
 *
 * @example
 * imageInto(cols, 0, 64 * 6, 28, 28, 24, 24, geo, gx);
 */
export function imageInto(cols: FloatArray, offset: number, planes: number, height: number, width: number, outH: number, outW: number, geo: Im2colGeometry, out: FloatArray): void {
  const k = activeWasmKernels();
  // The wasm loop pays even when one operand must be staged (the columns are the large one).
  if (k !== null && (k.owns(out) || k.owns(cols)) && (cols instanceof Float32Array) === (out instanceof Float32Array)) {
    const rows = planes * geo.kernel[0] * geo.kernel[1];
    k.col2im(cols.subarray(offset, offset + rows * outH * outW), out.subarray(0, planes * height * width), {
      planes, height, width, outH, outW,
      kernel: geo.kernel, dilation: geo.dilation, top: geo.padding[0], left: geo.padding[2], stride: geo.stride,
    });
    return;
  }
  col2imInto(cols, offset, planes, height, width, outH, outW, geo, out);
}

function floatDtype(t: Tensor, op: string): 'float32' | 'float64' {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${op}: expected a floating tensor, got ${t.dtype}`);
  return t.dtype;
}

/**
 * The adjoint of im2col: columns [B, C·kh·kw, outH·outW] summed back into a [B, C, height, width] image.
 *
 * @example
 * col2im(cols, geo, 28, 28);
 */
export function col2im(cols: Tensor, geo: Im2colGeometry, height: number, width: number): Tensor {
  const dtype = floatDtype(cols, 'col2im');
  const [kh, kw] = geo.kernel;
  const [outH, outW] = im2colOutputSize(height, width, geo);
  if (cols.ndim !== 3 || (cols.shape[1] as number) % (kh * kw) !== 0 || cols.shape[2] !== outH * outW) {
    throw new RangeError(`col2im: expected columns [B, C·${kh * kw}, ${outH * outW}], got shape [${cols.shape.join(', ')}]`);
  }
  if (cols.storage.device === 'webgpu') return gpuCol2im(cols, geo, height, width);
  const [batch, rows] = cols.shape as [number, number, number];
  const channels = rows / (kh * kw);
  const out = wasmOrPlainArray(dtype, batch * channels * height * width);
  const src = cols.contiguous();
  imageInto(src.storage.data as FloatArray, src.offset, batch * channels, height, width, outH, outW, geo, out);
  const shape = [batch, channels, height, width];
  return cols._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * The columns [B, C·kh·kw, outH·outW] of a [B, C, H, W] input (any layout; read contiguously): the
 * tensor-level im2col (`F.unfold`, average pooling), on the wasm kernel when the columns are born in
 * wasm memory.
 *
 * @example
 * im2col(x, { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] });
 */
export function im2col(x: Tensor, geo: Im2colGeometry): Tensor {
  const dtype = floatDtype(x, 'im2col');
  if (x.ndim !== 4) throw new RangeError(`im2col: expected a 4-D input [B, C, H, W], got shape [${x.shape.join(', ')}]`);
  if (x.storage.device === 'webgpu') return gpuIm2col(x, geo);
  const [batch, channels, height, width] = x.shape as [number, number, number, number];
  const [outH, outW] = im2colOutputSize(height, width, geo);
  const [kh, kw] = geo.kernel;
  const rows = channels * kh * kw;
  const cols = wasmOrPlainArray(dtype, batch * rows * outH * outW);
  const src = x.contiguous();
  columnsInto(src.storage.data as FloatArray, src.offset, batch, channels, height, width, outH, outW, geo, cols, false);
  const shape = [batch, rows, outH * outW];
  return x._make(new Storage(cols), shape, contiguousStrides(shape), 0, dtype);
}
