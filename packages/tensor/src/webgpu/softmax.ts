/// <reference types="@webgpu/types" />
/**
 * softmax and logSoftmax along the last dimension, one workgroup of 256 threads per row: a tree
 * max, a tree sum of exp(x − max), then the row is written (x − max − log(sum) for logSoftmax),
 * the same max-shifted form PyTorch's CPU kernel uses, so large logits do not overflow.
 */
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUView } from './array';
import { packed } from './reduction';
import { launch, metaBuffer } from './dispatch';

const THREADS = 256;

function source(log: boolean): string {
  const write = log ? 'src[base + j] - m - log(total)' : 'exp(src[base + j] - m) / total';
  return `
var<private> NEG_INF_BITS: u32 = 0xff800000u;
@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read> dims: array<i32>;
var<workgroup> part: array<f32, ${THREADS}>;
@compute @workgroup_size(${THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row = i32(wid.x + wid.y * nwg.x);
  let rows = dims[0];
  let size = dims[1];
  let live = row < rows;
  let base = row * size;
  var m = bitcast<f32>(NEG_INF_BITS);
  if (live) {
    for (var j = i32(lid.x); j < size; j += ${THREADS}) { m = max(m, src[base + j]); }
  }
  part[lid.x] = m;
  workgroupBarrier();
  for (var s = ${THREADS / 2}u; s > 0u; s = s / 2u) {
    if (lid.x < s) { part[lid.x] = max(part[lid.x], part[lid.x + s]); }
    workgroupBarrier();
  }
  m = part[0];
  workgroupBarrier();
  var acc = 0.0;
  if (live) {
    for (var j = i32(lid.x); j < size; j += ${THREADS}) { acc += exp(src[base + j] - m); }
  }
  part[lid.x] = acc;
  workgroupBarrier();
  for (var s = ${THREADS / 2}u; s > 0u; s = s / 2u) {
    if (lid.x < s) { part[lid.x] = part[lid.x] + part[lid.x + s]; }
    workgroupBarrier();
  }
  let total = part[0];
  if (live) {
    for (var j = i32(lid.x); j < size; j += ${THREADS}) { out[base + j] = ${write}; }
  }
}`;
}

/**
 * softmax (or logSoftmax with `log`) of a float32 view along its last dimension, into a new
 * contiguous array of the same shape.
 *
 * @example
 * const p = softmax(ctx, logits, false);
 */
export function softmax(ctx: GPUContext, input: GPUView, log: boolean): GPUArray {
  const name = log ? 'logSoftmax' : 'softmax';
  if (input.array.dtype !== 'float32') throw new TypeError(`webgpu ${name}: expected a float32 input, got ${input.array.dtype}`);
  const n = numelOf(input.shape);
  const size = input.shape.length === 0 ? 1 : (input.shape[input.shape.length - 1] as number);
  const out = new GPUArray(ctx, n, 'float32');
  if (n === 0) return out;
  const rows = n / size;
  const src = packed(ctx, input);
  launch(ctx, `${name}:float32`, () => source(log), [src.buffer, out.buffer, metaBuffer(ctx, [rows, size])], rows);
  if (src !== input.array) src.release();
  return out;
}
