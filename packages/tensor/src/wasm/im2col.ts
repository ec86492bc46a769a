import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/** Where the im2col kernel reads and writes: sizes, the kernel's window and the columns' layout. */
export interface WasmIm2colShape {
  samples: number;
  channels: number;
  height: number;
  width: number;
  outH: number;
  outW: number;
  kernel: readonly [number, number];
  dilation: readonly [number, number];
  /** Top and left padding (bottom and right only bound the output size). */
  top: number;
  left: number;
  stride: readonly [number, number];
  /** Elements between column rows ((c·kh + i)·kw + j) and between samples in `cols`. */
  rowStride: number;
  sampleStride: number;
}

/**
 * im2col in wasm (assembly/im2col.ts): `src` holds `samples` contiguous [C, H, W] images; entries
 * of `cols` that fall in the padding are left untouched. Rows of stride 1 are one `memory.copy`.
 *
 * @example
 * wasmIm2col(ctx, x, cols, { samples: 64, channels: 1, height: 28, width: 28, outH: 24, outW: 24, kernel: [5, 5], dilation: [1, 1], top: 0, left: 0, stride: [1, 1], rowStride: 576, sampleStride: 25 * 576 });
 */
export function wasmIm2col(ctx: WasmContext, src: FloatArray, cols: FloatArray, s: WasmIm2colShape): void {
  const fn = cols instanceof Float32Array ? ctx.exports.im2col_f32 : ctx.exports.im2col_f64;
  ctx.withArrays([src, cols], [true, true], ([ps, pc]) =>
    fn(ps as number, s.samples, s.channels, s.height, s.width, s.outH, s.outW, s.kernel[0], s.kernel[1], s.dilation[0], s.dilation[1], s.top, s.left, s.stride[0], s.stride[1], pc as number, s.rowStride, s.sampleStride),
  [false, true]);
}
