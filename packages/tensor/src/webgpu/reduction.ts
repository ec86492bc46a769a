/// <reference types="@webgpu/types" />
/**
 * Reductions over one dimension or over everything: sum, mean, max, min, argmax, argmin.
 *
 * The input is made contiguous first, then seen as [outer, size, inner] around the reduced
 * dimension. Few long reductions: one workgroup of 256 threads computes one output, each thread
 * folding a strided slice of the `size` elements, then the workgroup folding the 256 partials as a
 * tree in workgroup memory (2 KiB for values + indices). Many outputs (≥ 1024) or short rows
 * (≤ 32): one thread per output folds its row serially, with no barriers. max/min/argmax/argmin propagate NaN and return the first index of
 * the extreme, as PyTorch does.
 */
import type { GPUContext } from './runtime';
import { GPUArray, isContiguousView, numelOf } from './array';
import type { GPUDType, GPUView } from './array';
import { ISNAN, contiguous } from './elementwise';
import { metaBuffer, launch, wgslType } from './dispatch';

/** The reductions the GPU implements. */
export type ReduceOp = 'sum' | 'mean' | 'max' | 'min' | 'argmax' | 'argmin';

const THREADS = 256;

/** The view as a contiguous array (the array itself when it already is one from offset 0). */
export function packed(ctx: GPUContext, view: GPUView): GPUArray {
  if (view.offset === 0 && isContiguousView(view) && view.array.length === numelOf(view.shape)) return view.array;
  return contiguous(ctx, view);
}

function source(op: ReduceOp, dtype: GPUDType, serial: boolean): string {
  const t = wgslType(dtype);
  const arg = op === 'argmax' || op === 'argmin';
  const extreme = op !== 'sum' && op !== 'mean';
  const cmp = op === 'max' || op === 'argmax' ? '>' : '<';
  const isNan = (v: string): string => (dtype === 'float32' ? `isnan(${v})` : 'false');
  // Whether (a, ia) should replace (b, ib): NaN wins, then the extreme, then the smaller index.
  const better = `fn better(a: ${t}, ia: i32, b: ${t}, ib: i32) -> bool {
  if (${isNan('a')}) { return !${isNan('b')} || ia < ib; }
  if (${isNan('b')}) { return false; }
  return a ${cmp} b || (a == b && ia < ib);
}`;
  const outType = arg ? 'i32' : t;
  const zero = t === 'f32' ? '0.0' : '0';
  const fold = extreme
    ? `if (idx < 0 || better(v, j, acc, idx)) { acc = v; idx = j; }`
    : `acc = acc + v;`;
  const combine = extreme
    ? `let ov = vals[lid.x + s]; let oi = inds[lid.x + s];
      if (oi >= 0 && (inds[lid.x] < 0 || better(ov, oi, vals[lid.x], inds[lid.x]))) { vals[lid.x] = ov; inds[lid.x] = oi; }`
    : `vals[lid.x] = vals[lid.x] + vals[lid.x + s];`;
  const result = op === 'mean' ? 'vals[0] / f32(size)' : arg ? 'inds[0]' : 'vals[0]';
  if (serial) {
    const serialResult = op === 'mean' ? 'acc / f32(size)' : arg ? 'idx' : 'acc';
    return `${extreme && dtype === 'float32' ? ISNAN : ''}
${extreme ? better : ''}
@group(0) @binding(0) var<storage, read> src: array<${t}>;
@group(0) @binding(1) var<storage, read_write> out: array<${outType}>;
@group(0) @binding(2) var<storage, read> dims: array<i32>;
@compute @workgroup_size(${THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let w = i32((wid.x + wid.y * nwg.x) * ${THREADS}u + lid.x);
  let outer = dims[0];
  let size = dims[1];
  let inner = dims[2];
  if (w >= outer * inner) { return; }
  let base = (w / inner) * size * inner + w % inner;
  var acc: ${t} = ${zero};
  var idx: i32 = -1;
  for (var j = 0; j < size; j++) {
    let v = src[base + j * inner];
    ${fold}
  }
  out[w] = ${serialResult};
}`;
  }
  return `${extreme && dtype === 'float32' ? ISNAN : ''}
${extreme ? better : ''}
@group(0) @binding(0) var<storage, read> src: array<${t}>;
@group(0) @binding(1) var<storage, read_write> out: array<${outType}>;
@group(0) @binding(2) var<storage, read> dims: array<i32>;
var<workgroup> vals: array<${t}, ${THREADS}>;
var<workgroup> inds: array<i32, ${THREADS}>;
@compute @workgroup_size(${THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let w = i32(wid.x + wid.y * nwg.x);
  let outer = dims[0];
  let size = dims[1];
  let inner = dims[2];
  let live = w < outer * inner;
  let o = w / max(inner, 1);
  let r = w % max(inner, 1);
  let base = o * size * inner + r;
  var acc: ${t} = ${zero};
  var idx: i32 = -1;
  if (live) {
    for (var j = i32(lid.x); j < size; j += ${THREADS}) {
      let v = src[base + j * inner];
      ${fold}
    }
  }
  vals[lid.x] = acc;
  inds[lid.x] = idx;
  workgroupBarrier();
  for (var s = ${THREADS / 2}u; s > 0u; s = s / 2u) {
    if (lid.x < s) {
      ${combine}
    }
    workgroupBarrier();
  }
  if (live && lid.x == 0u) { out[w] = ${result}; }
}`;
}

/**
 * Reduces `input` over `dim` (or over every element when `dim` is undefined) into a contiguous
 * array of the shape with `dim` removed (the caller re-inserts it for keepdim). argmax/argmin give
 * int32 indices; mean needs float32.
 *
 * @example
 * const s = reduce(ctx, 'sum', view, 1);
 */
export function reduce(ctx: GPUContext, op: ReduceOp, input: GPUView, dim?: number): GPUArray {
  const dtype = input.array.dtype;
  if (dtype === 'bool') throw new TypeError(`webgpu ${op}: bool inputs are not supported; convert to int32 or float32 first`);
  if (op === 'mean' && dtype !== 'float32') throw new TypeError(`webgpu mean: expected a float32 input, got ${dtype}`);
  const shape = input.shape;
  const n = numelOf(shape);
  let outer = 1;
  let size = n;
  let inner = 1;
  if (dim !== undefined) {
    if (!Number.isInteger(dim) || dim < -Math.max(shape.length, 1) || dim >= Math.max(shape.length, 1)) {
      throw new RangeError(`Dimension out of range (expected to be in range of [${-Math.max(shape.length, 1)}, ${Math.max(shape.length, 1) - 1}], but got ${dim})`);
    }
    const d = dim < 0 ? dim + shape.length : dim;
    outer = numelOf(shape.slice(0, d));
    size = shape.length === 0 ? 1 : (shape[d] as number);
    inner = numelOf(shape.slice(d + 1));
  }
  if (size === 0 && op !== 'sum' && op !== 'mean') {
    throw new RangeError(`webgpu ${op}: Expected reduction dim ${dim ?? 'all'} to have non-zero size.`);
  }
  const outDType: GPUDType = op === 'argmax' || op === 'argmin' ? 'int32' : dtype;
  const out = new GPUArray(ctx, outer * inner, outDType);
  if (outer * inner === 0) return out;
  const src = packed(ctx, input);
  // Many short reductions: one thread each, no barriers. Few long ones: a workgroup each.
  const serial = outer * inner >= 4 * THREADS || size <= 32;
  const workgroups = serial ? Math.ceil((outer * inner) / THREADS) : outer * inner;
  launch(ctx, `reduce:${op}:${dtype}:${serial ? 'serial' : 'tree'}`, () => source(op, dtype, serial), [src.buffer, out.buffer, metaBuffer(ctx, [outer, size, inner])], workgroups);
  if (src !== input.array) src.release();
  return out;
}
