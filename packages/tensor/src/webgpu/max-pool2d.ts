/// <reference types="@webgpu/types" />
/**
 * 2-D max pooling on the GPU: window maxima with their positions, and the backward scatter
 * (the maps of `kernels/max-pool2d.ts`):
 *
 *   out[p, oy, ox]     = max over taps (i, j) of x[p, oy·sh − ph + i·dh, ox·sw − pw + j·dw]
 *   indices[p, oy, ox] = iy·W + ix of that maximum (the first one; NaN wins; padding never does)
 *   gx[p, indices[p, o]] += g[p, o]
 *
 * The forward pass is one thread per output. The backward pass is one thread per plane p that
 * zeroes its plane and adds the plane's gradients in output order: it needs only the indices
 * (adaptive max pooling shares it), needs no float atomics, and adds in the CPU loop's order, so
 * ties of several windows on one position sum bit-identically.
 */
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUDType, GPUView } from './array';
import { LINEAR_BUILTINS, LINEAR_INDEX, WORKGROUP, launch, metaBuffer, wgslType } from './dispatch';
import { ISNAN } from './elementwise';
import type { GPUWindowGeometry } from './im2col';

/** WGSL: whether `v` beats the running best `best` (PyTorch's `val > max || isnan(val)`). */
function beats(t: 'f32' | 'i32' | 'u32'): string {
  return t === 'f32' ? '(v > best || isnan(v))' : '(v > best)';
}

function forwardSource(t: 'f32' | 'i32' | 'u32'): string {
  return `${ISNAN}
@group(0) @binding(0) var<storage, read> x: array<${t}>;
@group(0) @binding(1) var<storage, read_write> values: array<${t}>;
@group(0) @binding(2) var<storage, read_write> picks: array<i32>;
@group(0) @binding(3) var<storage, read> dims: array<i32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  if (i >= u32(dims[0])) { return; }
  let C = dims[1]; let H = dims[2]; let W = dims[3]; let outH = dims[4]; let outW = dims[5];
  let kh = dims[7]; let kw = dims[8]; let dh = dims[9]; let dw = dims[10]; let ph = dims[11]; let pw = dims[12]; let sh = dims[13]; let sw = dims[14];
  let e = i32(i);
  let ox = e % outW;
  let oy = (e / outW) % outH;
  let p = e / (outW * outH);
  let base = dims[15] + (p / C) * dims[16] + (p % C) * dims[17];
  var best = ${t}(0);
  var at = -1;
  for (var ki = 0; ki < kh; ki++) {
    let iy = oy * sh - ph + ki * dh;
    if (iy < 0 || iy >= H) { continue; }
    for (var j = 0; j < kw; j++) {
      let ix = ox * sw - pw + j * dw;
      if (ix < 0 || ix >= W) { continue; }
      let v = x[base + iy * dims[18] + ix * dims[19]];
      if (at < 0 || ${beats(t)}) {
        best = v;
        at = iy * W + ix;
      }
    }
  }
  values[e] = best;
  picks[e] = at;
}`;
}

const BACKWARD = `@group(0) @binding(0) var<storage, read> g: array<f32>;
@group(0) @binding(1) var<storage, read> picks: array<i32>;
@group(0) @binding(2) var<storage, read_write> gx: array<f32>;
@group(0) @binding(3) var<storage, read> dims: array<i32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  let planes = dims[0];
  if (i >= u32(planes)) { return; }
  let C = dims[1]; let outH = dims[2]; let outW = dims[3]; let plane = dims[4];
  let p = i32(i);
  let dst = p * plane;
  for (var k = 0; k < plane; k++) { gx[dst + k] = 0.0; }
  let gBase = dims[5] + (p / C) * dims[6] + (p % C) * dims[7];
  let iBase = dims[10] + (p / C) * dims[11] + (p % C) * dims[12];
  for (var oy = 0; oy < outH; oy++) {
    for (var ox = 0; ox < outW; ox++) {
      let at = picks[iBase + oy * dims[13] + ox * dims[14]];
      if (at >= 0 && at < plane) {
        gx[dst + at] += g[gBase + oy * dims[8] + ox * dims[9]];
      }
    }
  }
}`;

/**
 * Max pooling of a [N, C, H, W] view (any strides) over the windows of `geo` (padding = [ph, pw]):
 * the maxima (null when `withValues` is false) and their int32 flat positions in each H×W plane,
 * new contiguous [N, C, outH, outW] arrays.
 *
 * @example
 * const { values, indices } = maxPool2dGPU(ctx, x, geo, true);
 */
export function maxPool2dGPU(ctx: GPUContext, x: GPUView, geo: GPUWindowGeometry, withValues: boolean): { values: GPUArray | null; indices: GPUArray } {
  if (x.shape.length !== 4) throw new RangeError(`webgpu max_pool2d: expected a 4-D input [N, C, H, W], got shape [${x.shape.join(', ')}]`);
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const dtype: GPUDType = x.array.dtype;
  const total = numelOf([n, channels, geo.outH, geo.outW]);
  const values = new GPUArray(ctx, total, dtype);
  const indices = new GPUArray(ctx, total, 'int32');
  if (total === 0) return { values: withValues ? values : null, indices };
  const words = [
    total, channels, height, width, geo.outH, geo.outW, 0,
    geo.kernel[0], geo.kernel[1], geo.dilation[0], geo.dilation[1], geo.padding[0], geo.padding[1], geo.stride[0], geo.stride[1],
    x.offset, ...x.strides,
  ];
  const t = wgslType(dtype);
  launch(ctx, `max-pool2d:${dtype}`, () => forwardSource(t), [x.array.buffer, values.buffer, indices.buffer, metaBuffer(ctx, words)], Math.ceil(total / WORKGROUP));
  if (withValues) return { values, indices };
  values.release();
  return { values: null, indices };
}

/**
 * The gradient of max pooling with respect to its input: each entry of `grad` [N, C, outH, outW]
 * (any strides) added at the position `indices` (int32, same shape) names in its plane of a new
 * contiguous [N, C, height, width] array.
 *
 * @example
 * const gx = maxPool2dBackwardGPU(ctx, g, indices, 24, 24);
 */
export function maxPool2dBackwardGPU(ctx: GPUContext, grad: GPUView, indices: GPUView, height: number, width: number): GPUArray {
  if (grad.array.dtype !== 'float32') throw new TypeError(`webgpu max_pool2d backward: expected a float32 gradient, got ${grad.array.dtype}`);
  if (indices.array.dtype !== 'int32') throw new TypeError(`webgpu max_pool2d backward: expected int32 indices, got ${indices.array.dtype}`);
  const [n, channels, outH, outW] = grad.shape as [number, number, number, number];
  const planes = n * channels;
  const plane = height * width;
  const out = new GPUArray(ctx, planes * plane, 'float32');
  if (planes * plane === 0) return out;
  const words = [planes, channels, outH, outW, plane, grad.offset, ...grad.strides, indices.offset, ...indices.strides];
  launch(ctx, 'max-pool2d-backward:float32', () => BACKWARD, [grad.array.buffer, indices.array.buffer, out.buffer, metaBuffer(ctx, words)], Math.ceil(planes / WORKGROUP));
  return out;
}
