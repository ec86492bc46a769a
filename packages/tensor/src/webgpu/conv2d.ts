/// <reference types="@webgpu/types" />
/**
 * 2-D convolution on the GPU as im2col / col2im plus the tiled matmul, the same factorisation as
 * `kernels/conv2d.ts` with G groups of og = O / G output and kg = depth / G column rows each:
 *
 *   forward:      out[g]  = W[g] · cols[g]              [og, kg] · [kg, N·area], one matmul batched over g
 *   input grad:   gx      = col2im(W[g]ᵀ · grad[g])     [kg, og] · [og, N·area], then one col2im
 *   weight grad:  gW[g]   = grad[g] · cols[g]ᵀ          [og, N·area] · [N·area, kg]
 *
 * where cols are the columns of all N samples side by side ([depth, N·area], im2col's wide layout)
 * and grad is packed as [O, N·area]. Every product's columns run over N·area, so the whole batch
 * fills the matmul's 64-wide tiles even when a late layer's outH·outW is small, and the weight
 * gradient's batch sum happens inside one product. The weight and its transpose are read through
 * strides; the [O, N·area] result goes back to [N, O, outH, outW] in the copy that adds the bias.
 * Every step is a recorded dispatch: nothing is read back.
 */
import type { GPUContext } from './runtime';
import type { GPUArray, GPUView } from './array';
import { binary, contiguous } from './elementwise';
import { col2imGPU, im2colGPU } from './im2col';
import type { GPUWindowGeometry } from './im2col';
import { matmul } from './matmul';

/** A contiguous view of `v` (the view itself when it already is one, else a packed copy). */
function packedView(ctx: GPUContext, v: GPUView): { view: GPUView; temp: GPUArray | null } {
  let expected = 1;
  let dense = true;
  for (let d = v.shape.length - 1; d >= 0; d--) {
    if ((v.shape[d] as number) !== 1 && v.strides[d] !== expected) dense = false;
    expected *= v.shape[d] as number;
  }
  if (dense) return { view: v, temp: null };
  const array = contiguous(ctx, v);
  let s = 1;
  const strides = v.shape.map(() => 0);
  for (let d = v.shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= v.shape[d] as number;
  }
  return { view: { array, shape: v.shape, strides, offset: 0 }, temp: array };
}

/** `grad` [N, O, outH, outW] (any strides) packed as [O, N·outH·outW]: the samples side by side. */
function gradWide(ctx: GPUContext, grad: GPUView): GPUArray {
  const [n, outChannels, outH, outW] = grad.shape as [number, number, number, number];
  const [gs0, gs1, gs2, gs3] = grad.strides as [number, number, number, number];
  return contiguous(ctx, { array: grad.array, shape: [outChannels, n, outH, outW], strides: [gs1, gs0, gs2, gs3], offset: grad.offset });
}

/**
 * The convolution of `x` [N, C, H, W] with `weight` [O, C / groups, kh, kw] plus an optional
 * `bias` [O]: a new contiguous [N, O, outH, outW] array.
 *
 * @example
 * const out = conv2dGPU(ctx, x, w, b, geo, 1);
 */
export function conv2dGPU(ctx: GPUContext, x: GPUView, weight: GPUView, bias: GPUView | null, geo: GPUWindowGeometry, groups: number): GPUArray {
  const [n, channels] = x.shape as [number, number, number, number];
  const outChannels = weight.shape[0] as number;
  const area = geo.outH * geo.outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const og = outChannels / groups;
  const kg = depth / groups;
  const wide = n * area;
  const cols = im2colGPU(ctx, x, geo, { rowStride: wide, sampleStride: area });
  const w = packedView(ctx, weight);
  const a: GPUView = { array: w.view.array, shape: [groups, og, kg], strides: [og * kg, kg, 1], offset: w.view.offset };
  const b: GPUView = { array: cols, shape: [groups, kg, wide], strides: [kg * wide, wide, 1], offset: 0 };
  const { array } = matmul(ctx, a, b); // [O, N·area]
  cols.release();
  w.temp?.release();
  // Back to [N, O, area], with the bias added on the way when there is one.
  const out: GPUView = { array, shape: [n, outChannels, area], strides: [area, wide, 1], offset: 0 };
  const result = bias === null
    ? contiguous(ctx, out)
    : binary(ctx, 'add', out, { array: bias.array, shape: [outChannels, 1], strides: [bias.strides[0] ?? 1, 0], offset: bias.offset });
  array.release();
  return result;
}

/**
 * The gradient of {@link conv2dGPU} with respect to its input: a new contiguous
 * [N, C, height, width] array from the output's gradient `grad` [N, O, outH, outW].
 *
 * @example
 * const gx = conv2dBackwardInputGPU(ctx, g, w, geo, 1, 28, 28);
 */
export function conv2dBackwardInputGPU(ctx: GPUContext, grad: GPUView, weight: GPUView, geo: GPUWindowGeometry, groups: number, height: number, width: number): GPUArray {
  const [n, outChannels] = grad.shape as [number, number, number, number];
  const channels = (weight.shape[1] as number) * groups;
  const area = geo.outH * geo.outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const og = outChannels / groups;
  const kg = depth / groups;
  const wide = n * area;
  const w = packedView(ctx, weight);
  const gT = gradWide(ctx, grad);
  // W[g]ᵀ [kg, og] through strides, times grad [G, og, N·area].
  const a: GPUView = { array: w.view.array, shape: [groups, kg, og], strides: [og * kg, 1, kg], offset: w.view.offset };
  const b: GPUView = { array: gT, shape: [groups, og, wide], strides: [og * wide, wide, 1], offset: 0 };
  const { array: cols } = matmul(ctx, a, b); // [depth, N·area]
  w.temp?.release();
  gT.release();
  const image = col2imGPU(ctx, { array: cols, shape: [n, depth, area], strides: [area, wide, 1], offset: 0 }, geo, height, width);
  cols.release();
  return image;
}

/**
 * The gradient of {@link conv2dGPU} with respect to its weight: a new contiguous
 * [O, C / groups, kh, kw] array from the output's gradient `grad` and the input `x`.
 *
 * @example
 * const gw = conv2dBackwardWeightGPU(ctx, g, x, geo, 1);
 */
export function conv2dBackwardWeightGPU(ctx: GPUContext, grad: GPUView, x: GPUView, geo: GPUWindowGeometry, groups: number): GPUArray {
  const [n, channels] = x.shape as [number, number, number, number];
  const outChannels = grad.shape[1] as number;
  const area = geo.outH * geo.outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const og = outChannels / groups;
  const kg = depth / groups;
  const wide = n * area;
  // Columns of every sample side by side: [depth, N·area].
  const cols = im2colGPU(ctx, x, geo, { rowStride: wide, sampleStride: area });
  const gT = gradWide(ctx, grad);
  const a: GPUView = { array: gT, shape: [groups, og, wide], strides: [og * wide, wide, 1], offset: 0 };
  const b: GPUView = { array: cols, shape: [groups, wide, kg], strides: [kg * wide, 1, wide], offset: 0 };
  const { array } = matmul(ctx, a, b);
  cols.release();
  gT.release();
  return array;
}
