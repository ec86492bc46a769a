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
 * Every step is a recorded dispatch: nothing is read back. When the columns of the whole batch
 * would pass `maxColumns` elements (by default a quarter of the device's largest storage binding),
 * the samples are taken in chunks: forward and input-gradient chunks are copied into their place
 * in the result, weight-gradient chunks are summed.
 */
import type { GPUContext } from './runtime';
import { GPUArray } from './array';
import type { GPUView } from './array';
import { binary, contiguous } from './elementwise';
import { col2imGPU, im2colGPU } from './im2col';
import type { GPUWindowGeometry } from './im2col';
import { matmul } from './matmul';
import { copyInto } from './copy-into';

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

/** Samples `[start, start + count)` of a view whose first dimension runs over the samples. */
function samples(v: GPUView, start: number, count: number): GPUView {
  return { array: v.array, shape: [count, ...v.shape.slice(1)], strides: v.strides, offset: v.offset + start * (v.strides[0] as number) };
}

/** The default column budget: a quarter of the largest storage binding, in float32 elements. */
function defaultColumns(ctx: GPUContext): number {
  return Math.floor(ctx.info.maxStorageBufferBindingSize / 16);
}

/** Samples per chunk so that a chunk's columns (`perSample` elements each) fit in `maxColumns`. */
function chunkOf(n: number, perSample: number, maxColumns: number): number {
  return Math.max(1, Math.min(n, Math.floor(maxColumns / Math.max(perSample, 1))));
}

/** The shapes of one chunk's grouped product: `count` samples, `channels` in, `outChannels` out. */
interface GroupShape {
  /** outH · outW. */
  area: number;
  /** C · kh · kw: the rows of the columns. */
  depth: number;
  /** Output channels per group. */
  og: number;
  /** Column rows per group. */
  kg: number;
  /** count · area: the columns of every sample side by side. */
  wide: number;
}

function groupShape(count: number, channels: number, outChannels: number, geo: GPUWindowGeometry, groups: number): GroupShape {
  const area = geo.outH * geo.outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  return { area, depth, og: outChannels / groups, kg: depth / groups, wide: count * area };
}

/** One chunk's forward product: a new [O, count·area] array (no bias). */
function forwardWide(ctx: GPUContext, x: GPUView, weight: GPUView, geo: GPUWindowGeometry, groups: number): GPUArray {
  const [n, channels] = x.shape as [number, number, number, number];
  const { area, og, kg, wide } = groupShape(n, channels, weight.shape[0] as number, geo, groups);
  const cols = im2colGPU(ctx, x, geo, { rowStride: wide, sampleStride: area });
  const a: GPUView = { array: weight.array, shape: [groups, og, kg], strides: [og * kg, kg, 1], offset: weight.offset };
  const b: GPUView = { array: cols, shape: [groups, kg, wide], strides: [kg * wide, wide, 1], offset: 0 };
  const { array } = matmul(ctx, a, b);
  cols.release();
  return array;
}

/**
 * The convolution of `x` [N, C, H, W] with `weight` [O, C / groups, kh, kw] plus an optional
 * `bias` [O]: a new contiguous [N, O, outH, outW] array.
 *
 * @example
 * const out = conv2dGPU(ctx, x, w, b, geo, 1);
 */
export function conv2dGPU(ctx: GPUContext, x: GPUView, weight: GPUView, bias: GPUView | null, geo: GPUWindowGeometry, groups: number, maxColumns = defaultColumns(ctx)): GPUArray {
  const [n, channels] = x.shape as [number, number, number, number];
  const outChannels = weight.shape[0] as number;
  const area = geo.outH * geo.outW;
  const step = chunkOf(n, channels * geo.kernel[0] * geo.kernel[1] * area, maxColumns);
  const w = packedView(ctx, weight);
  let out: GPUView;
  let owned: GPUArray;
  if (step >= n) {
    // [O, N·area] read as [N, O, area].
    owned = forwardWide(ctx, x, w.view, geo, groups);
    out = { array: owned, shape: [n, outChannels, area], strides: [area, n * area, 1], offset: 0 };
  } else {
    owned = new GPUArray(ctx, n * outChannels * area, 'float32');
    for (let n0 = 0; n0 < n; n0 += step) {
      const count = Math.min(step, n - n0);
      const part = forwardWide(ctx, samples(x, n0, count), w.view, geo, groups);
      copyInto(ctx, { array: part, shape: [count, outChannels, area], strides: [area, count * area, 1], offset: 0 }, owned, n0 * outChannels * area, [outChannels * area, area, 1]);
      part.release();
    }
    out = { array: owned, shape: [n, outChannels, area], strides: [outChannels * area, area, 1], offset: 0 };
  }
  w.temp?.release();
  // Back to a contiguous [N, O, area], with the bias added on the way when there is one.
  const result = bias === null
    ? contiguous(ctx, out)
    : binary(ctx, 'add', out, { array: bias.array, shape: [outChannels, 1], strides: [bias.strides[0] ?? 1, 0], offset: bias.offset });
  owned.release();
  return result;
}

/** One chunk's input gradient: a new contiguous [count, C, height, width] array. */
function inputGradChunk(ctx: GPUContext, grad: GPUView, weight: GPUView, geo: GPUWindowGeometry, groups: number, height: number, width: number): GPUArray {
  const [n, outChannels] = grad.shape as [number, number, number, number];
  const { area, depth, og, kg, wide } = groupShape(n, (weight.shape[1] as number) * groups, outChannels, geo, groups);
  const gT = gradWide(ctx, grad);
  // W[g]ᵀ [kg, og] through strides, times grad [G, og, N·area].
  const a: GPUView = { array: weight.array, shape: [groups, kg, og], strides: [og * kg, 1, kg], offset: weight.offset };
  const b: GPUView = { array: gT, shape: [groups, og, wide], strides: [og * wide, wide, 1], offset: 0 };
  const { array: cols } = matmul(ctx, a, b); // [depth, N·area]
  gT.release();
  const image = col2imGPU(ctx, { array: cols, shape: [n, depth, area], strides: [area, wide, 1], offset: 0 }, geo, height, width);
  cols.release();
  return image;
}

/**
 * The gradient of {@link conv2dGPU} with respect to its input: a new contiguous
 * [N, C, height, width] array from the output's gradient `grad` [N, O, outH, outW].
 *
 * @example
 * const gx = conv2dBackwardInputGPU(ctx, g, w, geo, 1, 28, 28);
 */
export function conv2dBackwardInputGPU(ctx: GPUContext, grad: GPUView, weight: GPUView, geo: GPUWindowGeometry, groups: number, height: number, width: number, maxColumns = defaultColumns(ctx)): GPUArray {
  const n = grad.shape[0] as number;
  const channels = (weight.shape[1] as number) * groups;
  const step = chunkOf(n, channels * geo.kernel[0] * geo.kernel[1] * geo.outH * geo.outW, maxColumns);
  const w = packedView(ctx, weight);
  if (step >= n) {
    const image = inputGradChunk(ctx, grad, w.view, geo, groups, height, width);
    w.temp?.release();
    return image;
  }
  const plane = channels * height * width;
  const out = new GPUArray(ctx, n * plane, 'float32');
  for (let n0 = 0; n0 < n; n0 += step) {
    const count = Math.min(step, n - n0);
    const part = inputGradChunk(ctx, samples(grad, n0, count), w.view, geo, groups, height, width);
    copyInto(ctx, { array: part, shape: [count * plane], strides: [1], offset: 0 }, out, n0 * plane, [1]);
    part.release();
  }
  w.temp?.release();
  return out;
}

/** One chunk's weight gradient: a new contiguous [O, C / groups · kh · kw] array. */
function weightGradChunk(ctx: GPUContext, grad: GPUView, x: GPUView, geo: GPUWindowGeometry, groups: number): GPUArray {
  const [n, channels] = x.shape as [number, number, number, number];
  const { area, og, kg, wide } = groupShape(n, channels, grad.shape[1] as number, geo, groups);
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

/**
 * The gradient of {@link conv2dGPU} with respect to its weight: a new contiguous
 * [O, C / groups, kh, kw] array from the output's gradient `grad` and the input `x`.
 *
 * @example
 * const gw = conv2dBackwardWeightGPU(ctx, g, x, geo, 1);
 */
export function conv2dBackwardWeightGPU(ctx: GPUContext, grad: GPUView, x: GPUView, geo: GPUWindowGeometry, groups: number, maxColumns = defaultColumns(ctx)): GPUArray {
  const [n, channels] = x.shape as [number, number, number, number];
  const step = chunkOf(n, channels * geo.kernel[0] * geo.kernel[1] * geo.outH * geo.outW, maxColumns);
  let sum: GPUArray | null = null;
  for (let n0 = 0; n0 < n; n0 += step) {
    const count = Math.min(step, n - n0);
    const part = weightGradChunk(ctx, samples(grad, n0, count), samples(x, n0, count), geo, groups);
    if (sum === null) {
      sum = part;
      continue;
    }
    const view = (array: GPUArray): GPUView => ({ array, shape: [array.length], strides: [1], offset: 0 });
    const next = binary(ctx, 'add', view(sum), view(part));
    sum.release();
    part.release();
    sum = next;
  }
  return sum ?? weightGradChunk(ctx, grad, x, geo, groups);
}
