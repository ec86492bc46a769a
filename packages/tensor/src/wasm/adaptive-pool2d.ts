import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/** Sizes of an adaptive pooling: contiguous H×W input planes and the output size. */
export interface WasmAdaptivePool2dShape {
  /** Contiguous planes (batch and channel together). */
  planes: number;
  height: number;
  width: number;
  outH: number;
  outW: number;
}

/**
 * Adaptive average pooling forward in wasm (assembly/adaptive-pool2d.ts): each window's sum / kh / kw.
 *
 * @example
 * wasmAdaptiveAvgPool2d(ctx, x, out, { planes: 64, height: 7, width: 7, outH: 1, outW: 1 });
 */
export function wasmAdaptiveAvgPool2d(ctx: WasmContext, src: FloatArray, dst: FloatArray, s: WasmAdaptivePool2dShape): void {
  const fn = dst instanceof Float32Array ? ctx.exports.adaptive_avg_pool2d_f32 : ctx.exports.adaptive_avg_pool2d_f64;
  ctx.withArrays([src, dst], [true, false], ([px, pd]) => fn(px as number, s.planes, s.height, s.width, s.outH, s.outW, pd as number), [false, true]);
}

/**
 * Adaptive average pooling backward in wasm: `gx` (planes·H·W, zeroed by the kernel) receives
 * g / kh / kw at every tap of each window, windows in output order.
 *
 * @example
 * wasmAdaptiveAvgPool2dBackward(ctx, g, gx, { planes: 64, height: 7, width: 7, outH: 1, outW: 1 });
 */
export function wasmAdaptiveAvgPool2dBackward(ctx: WasmContext, g: FloatArray, gx: FloatArray, s: WasmAdaptivePool2dShape): void {
  const fn = gx instanceof Float32Array ? ctx.exports.adaptive_avg_pool2d_bwd_f32 : ctx.exports.adaptive_avg_pool2d_bwd_f64;
  ctx.withArrays([g, gx], [true, false], ([pg, px]) => fn(pg as number, s.planes, s.height, s.width, s.outH, s.outW, px as number), [false, true]);
}

/**
 * Adaptive max pooling forward in wasm: window maxima into `values`, positions into `indices`.
 *
 * @example
 * wasmAdaptiveMaxPool2d(ctx, x, values, indices, { planes: 64, height: 7, width: 7, outH: 2, outW: 2 });
 */
export function wasmAdaptiveMaxPool2d(ctx: WasmContext, src: FloatArray, values: FloatArray, indices: Int32Array, s: WasmAdaptivePool2dShape): void {
  const fn = values instanceof Float32Array ? ctx.exports.adaptive_max_pool2d_f32 : ctx.exports.adaptive_max_pool2d_f64;
  // The indices travel as a Float32Array over the same bytes: staging copies them bit for bit.
  const picks = new Float32Array(indices.buffer, indices.byteOffset, indices.length);
  ctx.withArrays([src, values, picks], [true, false, false], ([px, pv, pi]) => fn(px as number, s.planes, s.height, s.width, s.outH, s.outW, pv as number, pi as number), [false, true, true]);
}
