/// <reference types="@webgpu/types" />
/**
 * Matrix multiply and batched matrix multiply, tiled in workgroup memory.
 *
 * Tile sizes: each workgroup is 16×16 = 256 threads and computes a 64×64 block of the output; each
 * thread keeps a 4×4 block of accumulators in registers. The K dimension is walked 16 at a time:
 * the workgroup stages a 64×16 tile of A and a 16×64 tile of B in workgroup memory, then every
 * thread does 16 × 16 multiply-adds per stage from 8 loads per k step. Why these numbers:
 * - 256 threads is the WebGPU default `maxComputeInvocationsPerWorkgroup`, so it runs on every adapter;
 * - the two tiles take 2 × 1024 floats = 8 KiB, half the 16 KiB guaranteed
 *   `maxComputeWorkgroupStorageSize`, leaving room for two resident workgroups per compute unit;
 * - a 4×4 register block gives 2 multiply-adds per workgroup-memory load (a 1×1 block gives 0.5),
 *   the main lever for a memory-bound tiled kernel, while 16 accumulators stay within the registers
 *   of mobile GPUs;
 * - 64 divides the hidden sizes models use (64…4096), so edge tiles are rare.
 *
 * Inputs are strided views of rank ≥ 2 ([..., M, K] and [..., K, N]): a transposed operand
 * (`x.mT`) is read through its strides without a copy. Batch dimensions broadcast; the output is a
 * new contiguous [...batch, M, N] array.
 */
import { broadcastShapes } from '../shape';
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUView } from './array';
import { metaBuffer } from './dispatch';

/** Rows and columns of the output block one workgroup computes. */
export const TILE_MN = 64;
/** Depth of the K slice staged in workgroup memory per step. */
export const TILE_K = 16;

const SOURCE = `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read> dims: array<i32>;
var<workgroup> As: array<f32, ${TILE_MN * TILE_K}>;
var<workgroup> Bs: array<f32, ${TILE_K * TILE_MN}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = dims[0];
  let N = dims[1];
  let K = dims[2];
  let br = dims[3];
  var rem = i32(wid.z);
  var aBase = dims[4];
  var bBase = dims[5];
  for (var d = br - 1; d >= 0; d--) {
    let s = dims[10 + d];
    let c = rem % s;
    rem = rem / s;
    aBase += c * dims[10 + br + d];
    bBase += c * dims[10 + 2 * br + d];
  }
  let sAm = dims[6];
  let sAk = dims[7];
  let sBk = dims[8];
  let sBn = dims[9];
  let row0 = i32(wid.y) * ${TILE_MN};
  let col0 = i32(wid.x) * ${TILE_MN};
  let tx = i32(lid.x);
  let ty = i32(lid.y);
  let t = ty * 16 + tx;
  var acc: array<f32, 16>;
  for (var k0 = 0; k0 < K; k0 += ${TILE_K}) {
    for (var l = 0; l < 4; l++) {
      let e = t + l * 256;
      let ar = row0 + e / ${TILE_K};
      let ak = k0 + e % ${TILE_K};
      var av = 0.0;
      if (ar < M && ak < K) { av = a[aBase + ar * sAm + ak * sAk]; }
      As[e] = av;
      let bk = k0 + e / ${TILE_MN};
      let bc = col0 + e % ${TILE_MN};
      var bv = 0.0;
      if (bk < K && bc < N) { bv = b[bBase + bk * sBk + bc * sBn]; }
      Bs[e] = bv;
    }
    workgroupBarrier();
    for (var kk = 0; kk < ${TILE_K}; kk++) {
      let a0 = As[(ty * 4 + 0) * ${TILE_K} + kk];
      let a1 = As[(ty * 4 + 1) * ${TILE_K} + kk];
      let a2 = As[(ty * 4 + 2) * ${TILE_K} + kk];
      let a3 = As[(ty * 4 + 3) * ${TILE_K} + kk];
      let bRow = kk * ${TILE_MN} + tx * 4;
      let b0 = Bs[bRow];
      let b1 = Bs[bRow + 1];
      let b2 = Bs[bRow + 2];
      let b3 = Bs[bRow + 3];
      acc[0] += a0 * b0; acc[1] += a0 * b1; acc[2] += a0 * b2; acc[3] += a0 * b3;
      acc[4] += a1 * b0; acc[5] += a1 * b1; acc[6] += a1 * b2; acc[7] += a1 * b3;
      acc[8] += a2 * b0; acc[9] += a2 * b1; acc[10] += a2 * b2; acc[11] += a2 * b3;
      acc[12] += a3 * b0; acc[13] += a3 * b1; acc[14] += a3 * b2; acc[15] += a3 * b3;
    }
    workgroupBarrier();
  }
  let outBase = i32(wid.z) * M * N;
  for (var i = 0; i < 4; i++) {
    let r = row0 + ty * 4 + i;
    for (var j = 0; j < 4; j++) {
      let c = col0 + tx * 4 + j;
      if (r < M && c < N) { out[outBase + r * N + c] = acc[i * 4 + j]; }
    }
  }
}`;

/**
 * `a @ b` for float32 views of rank ≥ 2 with broadcast batch dimensions (torch.matmul's batched
 * rule), into a new contiguous array; its shape is returned beside it.
 *
 * @example
 * const { array, shape } = matmul(ctx, x, w); // [..., M, K] @ [..., K, N] → [..., M, N]
 */
export function matmul(ctx: GPUContext, a: GPUView, b: GPUView): { array: GPUArray; shape: number[] } {
  if (a.array.dtype !== 'float32' || b.array.dtype !== 'float32') throw new TypeError(`webgpu matmul: expected float32 operands, got ${a.array.dtype} and ${b.array.dtype}`);
  if (a.shape.length < 2 || b.shape.length < 2) throw new RangeError(`webgpu matmul: operands need at least 2 dimensions (unsqueeze vectors first), got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  const M = a.shape[a.shape.length - 2] as number;
  const K = a.shape[a.shape.length - 1] as number;
  const K2 = b.shape[b.shape.length - 2] as number;
  const N = b.shape[b.shape.length - 1] as number;
  if (K !== K2) throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${M}x${K} and ${K2}x${N})`);
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch);
  const shape = [...batch, M, N];
  const count = numelOf(batch);
  const out = new GPUArray(ctx, numelOf(shape), 'float32', K !== 0);
  if (count * M * N === 0) return { array: out, shape };
  const max = ctx.info.maxComputeWorkgroupsPerDimension;
  if (count > max) throw new RangeError(`webgpu matmul: ${count} batches exceed the device's ${max} workgroups per dimension`);
  const batchStrides = (view: GPUView, own: readonly number[]): number[] =>
    batch.map((_, d) => {
      const k = d - (batch.length - own.length);
      return k < 0 || own[k] === 1 ? 0 : (view.strides[k] as number);
    });
  const ra = a.strides.length;
  const rb = b.strides.length;
  const words = [
    M, N, K, batch.length, a.offset, b.offset,
    a.strides[ra - 2] as number, a.strides[ra - 1] as number, b.strides[rb - 2] as number, b.strides[rb - 1] as number,
    ...batch, ...batchStrides(a, aBatch), ...batchStrides(b, bBatch),
  ];
  if (K === 0) {
    // Empty sum: zeros. The pool's buffers are not zeroed, so write them.
    ctx.device.queue.writeBuffer(out.buffer, 0, new Float32Array(numelOf(shape)));
    return { array: out, shape };
  }
  const pipeline = ctx.pipelines.get('matmul:float32', () => SOURCE);
  const bindGroup = ctx.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [a.array.buffer, b.array.buffer, out.buffer, metaBuffer(ctx, words)].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  ctx.batcher.dispatch(pipeline, bindGroup, Math.ceil(N / TILE_MN), Math.ceil(M / TILE_MN), count);
  return { array: out, shape };
}
