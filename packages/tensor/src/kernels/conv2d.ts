/**
 * 2-D convolution (cross-correlation, PyTorch's `conv2d`) and its two backward passes as im2col
 * plus matrix products, a chunk of samples at a time:
 *
 *   forward:        out[n]  = W · cols(x[n])                      W: [O, C·kh·kw] per group
 *   input grad:     gx[n]   = col2im(Wᵀ · g[n])
 *   weight grad:    gW      = Σₙ g[n] · cols(x[n])ᵀ
 *
 * With the WebAssembly kernels, the columns and the results are laid out in wasm memory, so the
 * SIMD matmul reads and writes them in place (no staging copies), and a chunk of samples is one
 * batched product that the matmul splits over the thread pool. Without them the same loops run on
 * the TypeScript matmul.
 */
import type { FloatArray } from '../dtype';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { wasmKernels } from '../wasm/index';
import { gpuConv2dBackwardInput, gpuConv2dBackwardWeight, gpuConv2dForward } from '../device/gpu-conv';
import type { MatmulShape } from '../wasm/index';
import { im2colOutputSize } from './im2col';
import { columnsInto, imageInto } from './im2col-dispatch';
import type { Im2colGeometry } from './im2col';
import { matmul2d } from './matmul';
import { activeWasmKernels, wasmMatmulInto } from './wasm-dispatch';

/** Elements of the column buffer of one chunk of samples (16 MiB of float32). */
const CHUNK_ELEMENTS = 1 << 22;

type Dtype = 'float32' | 'float64';

/** A fresh zeroed array, in wasm memory when the kernels can use it in place there. */
function allocate(dtype: Dtype, n: number): FloatArray {
  const k = wasmKernels();
  if (k !== null && k.shared) return dtype === 'float32' ? k.alloc('float32', n) : k.alloc('float64', n);
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

const scratches = new Map<string, FloatArray>();

/** A reusable buffer of at least `n` elements (contents undefined), kept for the next call. */
function scratch(name: string, dtype: Dtype, n: number): FloatArray {
  const key = `${name}/${dtype}`;
  const held = scratches.get(key);
  if (held !== undefined && held.length >= n) return held.subarray(0, n);
  const fresh = allocate(dtype, Math.max(n, held?.length ?? 0));
  scratches.set(key, fresh);
  return fresh.subarray(0, n);
}

/** out[b] = A[b] · B[b] for every batch entry: in wasm when available and large enough, else in TypeScript. */
function product(a: FloatArray, b: FloatArray, out: FloatArray, shape: MatmulShape): void {
  if (wasmMatmulInto(a, b, out, shape)) return;
  const { m, k, n } = shape;
  const batch = shape.batch ?? 1;
  const sa = { offset: shape.a?.offset ?? 0, rs: shape.a?.rowStride ?? k, cs: shape.a?.colStride ?? 1, bs: shape.a?.batchStride ?? m * k };
  const sb = { offset: shape.b?.offset ?? 0, rs: shape.b?.rowStride ?? n, cs: shape.b?.colStride ?? 1, bs: shape.b?.batchStride ?? k * n };
  for (let i = 0; i < batch; i++) {
    matmul2d(
      { data: a, rows: m, cols: k, rowStride: sa.rs, colStride: sa.cs, offset: sa.offset + i * sa.bs },
      { data: b, rows: k, cols: n, rowStride: sb.rs, colStride: sb.cs, offset: sb.offset + i * sb.bs },
      out,
      i * m * n,
    );
  }
}

function dtypeOf(t: Tensor, op: string): Dtype {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${op}: expected a floating tensor, got ${t.dtype}`);
  return t.dtype;
}

function dense(t: Tensor): { data: FloatArray; offset: number } {
  const c = t.contiguous();
  return { data: c.storage.data as FloatArray, offset: c.offset };
}

function hasPadding(geo: Im2colGeometry): boolean {
  return geo.padding.some((p) => p !== 0);
}

/** Samples per chunk so that a chunk's columns fit in {@link CHUNK_ELEMENTS}. */
function chunkOf(samples: number, perSample: number): number {
  return Math.max(1, Math.min(samples, Math.floor(CHUNK_ELEMENTS / Math.max(perSample, 1))));
}

/**
 * The convolution of `x` `[N, C, H, W]` with `weight` `[O, C / groups, kh, kw]` plus an optional
 * `bias` `[O]`: `[N, O, outH, outW]` (shapes are the caller's to check).
 *
 * @example
 * conv2dForward(x, w, b, { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] }, 1);
 */
export function conv2dForward(x: Tensor, weight: Tensor, bias: Tensor | null, geo: Im2colGeometry, groups: number): Tensor {
  if (x.storage.device === 'webgpu') return gpuConv2dForward(x, weight, bias, geo, groups);
  const dtype = dtypeOf(x, 'conv2d');
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const outChannels = weight.shape[0] as number;
  const [outH, outW] = im2colOutputSize(height, width, geo);
  const area = outH * outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const out = allocate(dtype, n * outChannels * area);
  const src = dense(x);
  const w = dense(weight).data.subarray(dense(weight).offset);
  const step = chunkOf(n, depth * area);
  const cols = scratch('cols', dtype, step * depth * area);
  for (let n0 = 0; n0 < n; n0 += step) {
    const count = Math.min(step, n - n0);
    const used = cols.subarray(0, count * depth * area);
    if (hasPadding(geo)) used.fill(0);
    columnsInto(src.data, src.offset + n0 * channels * height * width, count, channels, height, width, outH, outW, geo, used, false);
    if (groups === 1) {
      product(w, used, out.subarray(n0 * outChannels * area, (n0 + count) * outChannels * area), {
        m: outChannels, k: depth, n: area, batch: count, a: { batchStride: 0 }, b: { batchStride: depth * area },
      });
    } else {
      const og = outChannels / groups;
      const kg = depth / groups;
      for (let s = 0; s < count; s++) {
        const o0 = (n0 + s) * outChannels * area;
        product(w, used.subarray(s * depth * area, (s + 1) * depth * area), out.subarray(o0, o0 + outChannels * area), {
          m: og, k: kg, n: area, batch: groups, a: { batchStride: og * kg }, b: { batchStride: kg * area },
        });
      }
    }
  }
  const kb = bias !== null && bias.dtype === dtype ? activeWasmKernels() : null;
  if (bias !== null && kb !== null) {
    const b = dense(bias);
    kb.convBias(out, b.data.subarray(b.offset, b.offset + outChannels), n, outChannels, area);
  } else if (bias !== null) {
    const b = dense(bias);
    for (let s = 0; s < n; s++) {
      for (let o = 0; o < outChannels; o++) {
        const v = b.data[b.offset + o] as number;
        const start = (s * outChannels + o) * area;
        for (let i = start; i < start + area; i++) out[i] = (out[i] as number) + v;
      }
    }
  }
  const shape = [n, outChannels, outH, outW];
  return x._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * The gradient of {@link conv2dForward} with respect to its input [N, C, height, width], from the
 * output's gradient `grad` [N, O, outH, outW].
 *
 * @example
 * conv2dBackwardInput(g, w, geo, 1, 28, 28);
 */
export function conv2dBackwardInput(grad: Tensor, weight: Tensor, geo: Im2colGeometry, groups: number, height: number, width: number): Tensor {
  if (grad.storage.device === 'webgpu') return gpuConv2dBackwardInput(grad, weight, geo, groups, height, width);
  const dtype = dtypeOf(grad, 'conv2d backward');
  const [n, outChannels, outH, outW] = grad.shape as [number, number, number, number];
  const channels = (weight.shape[1] as number) * groups;
  const area = outH * outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const gx = allocate(dtype, n * channels * height * width);
  const g = dense(grad);
  const gData = g.data.subarray(g.offset, g.offset + n * outChannels * area);
  const w = dense(weight).data.subarray(dense(weight).offset);
  const step = chunkOf(n, depth * area);
  const cols = scratch('cols', dtype, step * depth * area);
  const og = outChannels / groups;
  const kg = depth / groups;
  for (let n0 = 0; n0 < n; n0 += step) {
    const count = Math.min(step, n - n0);
    const used = cols.subarray(0, count * depth * area);
    if (groups === 1) {
      // Wᵀ read through strides: [depth, O] with row step 1 and column step depth.
      product(w, gData.subarray(n0 * outChannels * area, (n0 + count) * outChannels * area), used, {
        m: depth, k: outChannels, n: area, batch: count,
        a: { rowStride: 1, colStride: depth, batchStride: 0 }, b: { batchStride: outChannels * area },
      });
    } else {
      for (let s = 0; s < count; s++) {
        const g0 = (n0 + s) * outChannels * area;
        product(w, gData.subarray(g0, g0 + outChannels * area), used.subarray(s * depth * area, (s + 1) * depth * area), {
          m: kg, k: og, n: area, batch: groups,
          a: { rowStride: 1, colStride: kg, batchStride: og * kg }, b: { batchStride: og * area },
        });
      }
    }
    imageInto(used, 0, count * channels, height, width, outH, outW, geo, gx.subarray(n0 * channels * height * width, (n0 + count) * channels * height * width));
  }
  const shape = [n, channels, height, width];
  return grad._make(new Storage(gx), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * The gradient of {@link conv2dForward} with respect to its weight [O, C / groups, kh, kw], from
 * the output's gradient `grad` [N, O, outH, outW] and the input `x`.
 *
 * @example
 * conv2dBackwardWeight(g, x, geo, 1);
 */
export function conv2dBackwardWeight(grad: Tensor, x: Tensor, geo: Im2colGeometry, groups: number): Tensor {
  if (grad.storage.device === 'webgpu') return gpuConv2dBackwardWeight(grad, x, geo, groups);
  const dtype = dtypeOf(grad, 'conv2d backward');
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const [, outChannels, outH, outW] = grad.shape as [number, number, number, number];
  const area = outH * outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const kg = depth / groups;
  const gw = dtype === 'float32' ? new Float32Array(outChannels * kg) : new Float64Array(outChannels * kg);
  const g = dense(grad);
  const gData = g.data.subarray(g.offset, g.offset + n * outChannels * area);
  const src = dense(x);
  const step = chunkOf(n, depth * area);
  if (groups === 1) {
    weightGradWide(gData, src, n, channels, height, width, outChannels, outH, outW, geo, step, dtype, gw);
  } else {
    weightGradPerSample(gData, src, n, channels, height, width, outChannels, outH, outW, geo, groups, step, dtype, gw);
  }
  const shape = [outChannels, channels / groups, geo.kernel[0], geo.kernel[1]];
  return grad._make(new Storage(gw), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * groups = 1: per chunk of samples, g rearranged to [O, count·area] and the columns laid side by
 * side [depth, count·area], so the chunk's weight gradient is one product of inner size
 * count·area (instead of one small product per sample and a sum over them).
 */
function weightGradWide(gData: FloatArray, src: { data: FloatArray; offset: number }, n: number, channels: number, height: number, width: number, outChannels: number, outH: number, outW: number, geo: Im2colGeometry, step: number, dtype: Dtype, gw: FloatArray): void {
  const area = outH * outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const cols = scratch('cols', dtype, step * depth * area);
  const gT = scratch('grad-t', dtype, step * outChannels * area);
  const partial = n > step ? scratch('weight-grad', dtype, outChannels * depth) : gw;
  for (let n0 = 0; n0 < n; n0 += step) {
    const count = Math.min(step, n - n0);
    const wide = count * area;
    const used = cols.subarray(0, depth * wide);
    if (hasPadding(geo)) used.fill(0);
    columnsInto(src.data, src.offset + n0 * channels * height * width, count, channels, height, width, outH, outW, geo, used, true);
    const g = gT.subarray(0, outChannels * wide);
    for (let s = 0; s < count; s++) {
      for (let o = 0; o < outChannels; o++) {
        const from = (n0 + s) * outChannels * area + o * area;
        const to = o * wide + s * area;
        g.set(gData.subarray(from, from + area), to);
      }
    }
    // gW [O, depth] = g [O, wide] · colsᵀ, colsᵀ read through strides (row step 1, column step wide).
    product(g, used, partial, { m: outChannels, k: wide, n: depth, b: { rowStride: 1, colStride: wide } });
    if (partial !== gw) for (let i = 0; i < outChannels * depth; i++) gw[i] = (gw[i] as number) + (partial[i] as number);
  }
}

/** Any groups: one product per (sample, group) and a sum over the samples. */
function weightGradPerSample(gData: FloatArray, src: { data: FloatArray; offset: number }, n: number, channels: number, height: number, width: number, outChannels: number, outH: number, outW: number, geo: Im2colGeometry, groups: number, step: number, dtype: Dtype, gw: FloatArray): void {
  const area = outH * outW;
  const depth = channels * geo.kernel[0] * geo.kernel[1];
  const og = outChannels / groups;
  const kg = depth / groups;
  const cols = scratch('cols', dtype, step * depth * area);
  const partial = scratch('weight-grad', dtype, step * outChannels * kg);
  for (let n0 = 0; n0 < n; n0 += step) {
    const count = Math.min(step, n - n0);
    const used = cols.subarray(0, count * depth * area);
    if (hasPadding(geo)) used.fill(0);
    columnsInto(src.data, src.offset + n0 * channels * height * width, count, channels, height, width, outH, outW, geo, used, false);
    // One product per (sample, group): g[n, group] [og, area] · cols[n, group]ᵀ [area, kg].
    const parts = partial.subarray(0, count * outChannels * kg);
    product(gData.subarray(n0 * outChannels * area, (n0 + count) * outChannels * area), used, parts, {
      m: og, k: area, n: kg, batch: count * groups,
      a: { batchStride: og * area }, b: { rowStride: 1, colStride: area, batchStride: kg * area },
    });
    const size = outChannels * kg;
    for (let s = 0; s < count; s++) {
      const base = s * size;
      for (let i = 0; i < size; i++) gw[i] = (gw[i] as number) + (parts[base + i] as number);
    }
  }
}
