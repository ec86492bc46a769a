import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/** Where the col2im kernel reads and writes: planes, image and output sizes, and the kernel's window. */
export interface WasmCol2imShape {
  /** Contiguous H×W planes of the image (batch and channel together). */
  planes: number;
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
}

/**
 * col2im in wasm (assembly/col2im.ts): the columns `cols` [planes·kh·kw, outH·outW] added into the
 * image `out` [planes, H, W] (the caller zeroes it, or passes what should be added to); same order
 * of additions as the TypeScript loop.
 *
 * @example
 * wasmCol2im(ctx, cols, gx, { planes: 64 * 6, height: 28, width: 28, outH: 24, outW: 24, kernel: [5, 5], dilation: [1, 1], top: 0, left: 0, stride: [1, 1] });
 */
export function wasmCol2im(ctx: WasmContext, cols: FloatArray, out: FloatArray, s: WasmCol2imShape): void {
  const fn = out instanceof Float32Array ? ctx.exports.col2im_f32 : ctx.exports.col2im_f64;
  ctx.withArrays([cols, out], [true, true], ([pc, po]) =>
    fn(pc as number, s.planes, s.height, s.width, s.outH, s.outW, s.kernel[0], s.kernel[1], s.dilation[0], s.dilation[1], s.top, s.left, s.stride[0], s.stride[1], po as number),
  [false, true]);
}
