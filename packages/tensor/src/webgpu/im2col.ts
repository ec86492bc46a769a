/// <reference types="@webgpu/types" />
/**
 * im2col and its adjoint col2im on the GPU, the two gathers every GPU convolution is built on
 * (the same maps as `kernels/im2col.ts`):
 *
 *   cols[s, (c·kh + i)·kw + j, oy·outW + ox] = x[s, c, oy·sh − top + i·dh, ox·sw − left + j·dw]   (0 outside)
 *   img[b, c, y, x] = Σ over taps (i, j) and positions (oy, ox) that read (y, x) of cols[b, (c·kh + i)·kw + j, oy·outW + ox]
 *
 * im2col runs one thread per column entry; its destination layout is given by a row stride and a
 * sample stride, so the same kernel writes per-sample columns [S, depth, area] (forward and input
 * gradient) or the samples side by side [depth, S·area] (the weight gradient's one product).
 * col2im runs one thread per image element and sums the column entries that read it, taps in
 * (i, j) order: no atomics, and the CPU loop's order of additions, so the sums are bit-identical.
 * Both read their input through its strides (no contiguous copy first).
 */
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUView } from './array';
import { WORKGROUP, launch, metaBuffer } from './dispatch';
import { linearKernel } from './linear-kernel';

/** Window geometry as the kernels read it: [kh, kw], [dh, dw], [top, left], [sh, sw] and the window grid. */
export interface GPUWindowGeometry {
  /** Kernel size [kh, kw]. */
  kernel: readonly [number, number];
  /** Spacing of kernel taps [dh, dw]. */
  dilation: readonly [number, number];
  /** Padding before the first row and column [top, left] (the far sides only shape outH / outW). */
  padding: readonly [number, number];
  /** Window step [sh, sw]. */
  stride: readonly [number, number];
  /** Window positions down and across. */
  outH: number;
  outW: number;
}

const GEOMETRY_WORDS = 'let kh = dims[7]; let kw = dims[8]; let dh = dims[9]; let dw = dims[10]; let top = dims[11]; let left = dims[12]; let sh = dims[13]; let sw = dims[14];';

/** Words 6…14 of a kernel's metadata (word 6 unused, so the shared prologue reads 7…14). */
function geometryWords(geo: GPUWindowGeometry): number[] {
  return [0, geo.kernel[0], geo.kernel[1], geo.dilation[0], geo.dilation[1], geo.padding[0], geo.padding[1], geo.stride[0], geo.stride[1]];
}

const IM2COL = linearKernel({ x: 'array<f32>' }, { cols: 'array<f32>' }, `let C = dims[1]; let H = dims[2]; let W = dims[3]; let outH = dims[4]; let outW = dims[5];
  ${GEOMETRY_WORDS}
  let area = outH * outW;
  let depth = C * kh * kw;
  let e = i32(i);
  let pos = e % area;
  let r = e / area;
  let row = r % depth;
  let s = r / depth;
  let ox = pos % outW;
  let oy = pos / outW;
  let j = row % kw;
  let t = row / kw;
  let ki = t % kh;
  let c = t / kh;
  let y = oy * sh - top + ki * dh;
  let xx = ox * sw - left + j * dw;
  var v = 0.0;
  if (y >= 0 && y < H && xx >= 0 && xx < W) {
    v = x[dims[15] + s * dims[16] + c * dims[17] + y * dims[18] + xx * dims[19]];
  }
  cols[s * dims[21] + row * dims[20] + pos] = v;`);

const COL2IM = linearKernel({ cols: 'array<f32>' }, { img: 'array<f32>' }, `let C = dims[1]; let H = dims[2]; let W = dims[3]; let outH = dims[4]; let outW = dims[5];
  ${GEOMETRY_WORDS}
  let e = i32(i);
  let xx = e % W;
  let y = (e / W) % H;
  let c = (e / (W * H)) % C;
  let b = e / (W * H * C);
  let base = dims[15] + b * dims[16];
  var sum = 0.0;
  for (var ki = 0; ki < kh; ki++) {
    let ty = y + top - ki * dh;
    if (ty < 0 || ty % sh != 0) { continue; }
    let oy = ty / sh;
    if (oy >= outH) { continue; }
    for (var j = 0; j < kw; j++) {
      let tx = xx + left - j * dw;
      if (tx < 0 || tx % sw != 0) { continue; }
      let ox = tx / sw;
      if (ox >= outW) { continue; }
      sum += cols[base + ((c * kh + ki) * kw + j) * dims[17] + (oy * outW + ox) * dims[18]];
    }
  }
  img[e] = sum;`);

/** Where im2col writes sample s, column row r, position p: `s·sampleStride + r·rowStride + p`. */
export interface ColumnsLayout {
  /** Elements between consecutive column rows. */
  rowStride: number;
  /** Elements between consecutive samples. */
  sampleStride: number;
}

/**
 * The columns of a float32 [S, C, H, W] view (any strides) into a new array of
 * S·C·kh·kw·outH·outW elements laid out as `layout` says (default: per sample [S, depth, area]).
 *
 * @example
 * const cols = im2colGPU(ctx, xView, geo); // [S, C·kh·kw, outH·outW]
 */
export function im2colGPU(ctx: GPUContext, x: GPUView, geo: GPUWindowGeometry, layout?: ColumnsLayout): GPUArray {
  if (x.array.dtype !== 'float32') throw new TypeError(`webgpu im2col: expected a float32 input, got ${x.array.dtype}`);
  if (x.shape.length !== 4) throw new RangeError(`webgpu im2col: expected a 4-D input [S, C, H, W], got shape [${x.shape.join(', ')}]`);
  const [samples, channels, height, width] = x.shape as [number, number, number, number];
  const area = geo.outH * geo.outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const total = samples * depth * area;
  const out = new GPUArray(ctx, total, 'float32');
  if (total === 0) return out;
  const { rowStride, sampleStride } = layout ?? { rowStride: area, sampleStride: depth * area };
  const words = [total, channels, height, width, geo.outH, geo.outW, ...geometryWords(geo), x.offset, ...x.strides, rowStride, sampleStride];
  launch(ctx, 'im2col:float32', () => IM2COL, [x.array.buffer, out.buffer, metaBuffer(ctx, words)], Math.ceil(total / WORKGROUP));
  return out;
}

/**
 * The adjoint of {@link im2colGPU}: a float32 columns view [B, C·kh·kw, outH·outW] (any strides)
 * summed into a new contiguous [B, C, height, width] image.
 *
 * @example
 * const img = col2imGPU(ctx, colsView, geo, 28, 28);
 */
export function col2imGPU(ctx: GPUContext, cols: GPUView, geo: GPUWindowGeometry, height: number, width: number): GPUArray {
  if (cols.array.dtype !== 'float32') throw new TypeError(`webgpu col2im: expected float32 columns, got ${cols.array.dtype}`);
  if (cols.shape.length !== 3) throw new RangeError(`webgpu col2im: expected columns [B, C·kh·kw, L], got shape [${cols.shape.join(', ')}]`);
  const [batch, rows] = cols.shape as [number, number, number];
  const channels = rows / (geo.kernel[0] * geo.kernel[1]);
  const total = numelOf([batch, channels, height, width]);
  const out = new GPUArray(ctx, total, 'float32');
  if (total === 0) return out;
  const words = [total, channels, height, width, geo.outH, geo.outW, ...geometryWords(geo), cols.offset, ...cols.strides];
  launch(ctx, 'col2im:float32', () => COL2IM, [cols.array.buffer, out.buffer, metaBuffer(ctx, words)], Math.ceil(total / WORKGROUP));
  return out;
}
