/// <reference types="@webgpu/types" />
/**
 * Adaptive 2-D pooling on the GPU (the maps of `kernels/adaptive-pool2d.ts`): output (oy, ox) of
 * each plane covers rows [⌊oy·H/outH⌋, ⌈(oy+1)·H/outH⌉) and likewise columns;
 *
 *   avg[p, oy, ox]  = (Σ taps x) / kh / kw            (taps row by row; one thread per output)
 *   gx[p, y, x]     = Σ over windows containing (y, x) of g[p, oy, ox] / kh / kw
 *                     (one thread per input element, windows in output order: the CPU's order of additions)
 *   max[p, oy, ox]  = first maximum (NaN wins), indices its iy·W + ix
 *
 * The windows containing row y are oy ∈ [⌊y·outH/H⌋, ⌈(y+1)·outH/H⌉ − 1]. Max pooling's backward
 * is `maxPool2dBackwardGPU`.
 */
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUView } from './array';
import { WORKGROUP, launch, metaBuffer } from './dispatch';
import { linearKernel } from './linear-kernel';
import { ISNAN } from './elementwise';

const WINDOW = `fn lo(i: i32, inSize: i32, outSize: i32) -> i32 { return (i * inSize) / outSize; }
fn hi(i: i32, inSize: i32, outSize: i32) -> i32 { return ((i + 1) * inSize + outSize - 1) / outSize; }`;

function forwardSource(max: boolean): string {
  const body = max
    ? `var best = 0.0;
  var at = -1;
  for (var iy = y0; iy < y1; iy++) {
    for (var ix = x0; ix < x1; ix++) {
      let v = x[base + iy * dims[8] + ix * dims[9]];
      if (at < 0 || v > best || isnan(v)) { best = v; at = iy * W + ix; }
    }
  }
  out[e] = best;
  picks[e] = at;`
    : `var sum = 0.0;
  for (var iy = y0; iy < y1; iy++) {
    for (var ix = x0; ix < x1; ix++) { sum += x[base + iy * dims[8] + ix * dims[9]]; }
  }
  out[e] = (sum / f32(y1 - y0)) / f32(x1 - x0);`;
  const writes: Record<string, string> = max ? { out: 'array<f32>', picks: 'array<i32>' } : { out: 'array<f32>' };
  return `${ISNAN}
${WINDOW}
${linearKernel({ x: 'array<f32>' }, writes, `let C = dims[1]; let H = dims[2]; let W = dims[3]; let outH = dims[4]; let outW = dims[5];
  let e = i32(i);
  let ox = e % outW;
  let oy = (e / outW) % outH;
  let p = e / (outW * outH);
  let base = dims[10] + (p / C) * dims[6] + (p % C) * dims[7];
  let y0 = lo(oy, H, outH); let y1 = hi(oy, H, outH);
  let x0 = lo(ox, W, outW); let x1 = hi(ox, W, outW);
  ${body}`)}`;
}

const AVG_BACKWARD = `${WINDOW}
${linearKernel({ g: 'array<f32>' }, { gx: 'array<f32>' }, `let C = dims[1]; let H = dims[2]; let W = dims[3]; let outH = dims[4]; let outW = dims[5];
  let e = i32(i);
  let x = e % W;
  let y = (e / W) % H;
  let p = e / (W * H);
  let base = dims[10] + (p / C) * dims[6] + (p % C) * dims[7];
  let oy0 = (y * outH) / H;
  let oy1 = min(((y + 1) * outH + H - 1) / H, outH);
  let ox0 = (x * outW) / W;
  let ox1 = min(((x + 1) * outW + W - 1) / W, outW);
  var sum = 0.0;
  for (var oy = oy0; oy < oy1; oy++) {
    let kh = f32(hi(oy, H, outH) - lo(oy, H, outH));
    for (var ox = ox0; ox < ox1; ox++) {
      let kw = f32(hi(ox, W, outW) - lo(ox, W, outW));
      sum += (g[base + oy * dims[8] + ox * dims[9]] / kh) / kw;
    }
  }
  gx[e] = sum;`)}`;

function planeWords(total: number, v: GPUView, height: number, width: number, outH: number, outW: number): number[] {
  const [s0, s1, s2, s3] = v.strides as [number, number, number, number];
  return [total, v.shape[1] as number, height, width, outH, outW, s0, s1, s2, s3, v.offset];
}

/**
 * Adaptive average pooling of a float32 [N, C, H, W] view (any strides) to a new contiguous
 * [N, C, outH, outW] array.
 *
 * @example
 * const out = adaptiveAvgPool2dGPU(ctx, x, 1, 1);
 */
export function adaptiveAvgPool2dGPU(ctx: GPUContext, x: GPUView, outH: number, outW: number): GPUArray {
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const total = numelOf([n, channels, outH, outW]);
  const out = new GPUArray(ctx, total, 'float32');
  if (total === 0) return out;
  launch(ctx, 'adaptive-avg-pool2d:float32', () => forwardSource(false), [x.array.buffer, out.buffer, metaBuffer(ctx, planeWords(total, x, height, width, outH, outW))], Math.ceil(total / WORKGROUP));
  return out;
}

/**
 * The gradient of adaptive average pooling with respect to its input: a new contiguous
 * [N, C, height, width] array from the output's gradient `grad` [N, C, outH, outW] (any strides).
 *
 * @example
 * const gx = adaptiveAvgPool2dBackwardGPU(ctx, g, 7, 7);
 */
export function adaptiveAvgPool2dBackwardGPU(ctx: GPUContext, grad: GPUView, height: number, width: number): GPUArray {
  const [n, channels, outH, outW] = grad.shape as [number, number, number, number];
  const total = numelOf([n, channels, height, width]);
  const out = new GPUArray(ctx, total, 'float32');
  if (total === 0) return out;
  launch(ctx, 'adaptive-avg-pool2d-backward:float32', () => AVG_BACKWARD, [grad.array.buffer, out.buffer, metaBuffer(ctx, planeWords(total, grad, height, width, outH, outW))], Math.ceil(total / WORKGROUP));
  return out;
}

/**
 * Adaptive max pooling of a float32 [N, C, H, W] view (any strides): the maxima and their int32
 * flat positions in each H×W plane, new contiguous [N, C, outH, outW] arrays.
 *
 * @example
 * const { values, indices } = adaptiveMaxPool2dGPU(ctx, x, 2, 2);
 */
export function adaptiveMaxPool2dGPU(ctx: GPUContext, x: GPUView, outH: number, outW: number): { values: GPUArray; indices: GPUArray } {
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const total = numelOf([n, channels, outH, outW]);
  const values = new GPUArray(ctx, total, 'float32');
  const indices = new GPUArray(ctx, total, 'int32');
  if (total === 0) return { values, indices };
  const meta = metaBuffer(ctx, planeWords(total, x, height, width, outH, outW));
  launch(ctx, 'adaptive-max-pool2d:float32', () => forwardSource(true), [x.array.buffer, values.buffer, indices.buffer, meta], Math.ceil(total / WORKGROUP));
  return { values, indices };
}
