/**
 * The convolution's im2col on the wasm kernel when the columns live in wasm memory (the input is
 * copied in, the columns written in place), else on the TypeScript loops of `im2col.ts`.
 */
import type { FloatArray } from '../dtype';
import { im2colInto, im2colSamplesInto } from './im2col';
import type { Im2colGeometry } from './im2col';
import { activeWasmKernels } from './wasm-dispatch';

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
