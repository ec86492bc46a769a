import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/** Sizes of a max pooling: planes of the input, its plane size, the output size and the window. */
export interface WasmMaxPool2dShape {
  /** Contiguous H×W planes (batch and channel together). */
  planes: number;
  height: number;
  width: number;
  outH: number;
  outW: number;
  kernel: readonly [number, number];
  stride: readonly [number, number];
  /** Symmetric padding [ph, pw] (never wins). */
  padding: readonly [number, number];
  dilation: readonly [number, number];
}

/**
 * Max pooling forward in wasm (assembly/max-pool2d.ts): window maxima of `src` into `values` and
 * their flat positions in each plane into `indices` (planes·outH·outW each).
 *
 * @example
 * wasmMaxPool2d(ctx, x, values, indices, { planes: 384, height: 24, width: 24, outH: 12, outW: 12, kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1] });
 */
export function wasmMaxPool2d(ctx: WasmContext, src: FloatArray, values: FloatArray, indices: Int32Array, s: WasmMaxPool2dShape): void {
  const fn = values instanceof Float32Array ? ctx.exports.max_pool2d_f32 : ctx.exports.max_pool2d_f64;
  // The indices travel as a Float32Array over the same bytes: staging copies them bit for bit.
  const picks = new Float32Array(indices.buffer, indices.byteOffset, indices.length);
  ctx.withArrays([src, values, picks], [true, false, false], ([px, pv, pi]) =>
    fn(px as number, s.planes, s.height, s.width, s.outH, s.outW, s.kernel[0], s.kernel[1], s.stride[0], s.stride[1], s.padding[0], s.padding[1], s.dilation[0], s.dilation[1], pv as number, pi as number),
  [false, true, true]);
}
