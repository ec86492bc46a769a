/// <reference types="@webgpu/types" />
/**
 * A strided view copied into a strided region of an existing array (`dst[view of dst] = src`):
 * what `cat` does once per operand on the GPU. One thread per source element; the source and the
 * destination each have an offset and one stride per dimension of the source's shape.
 */
import type { GPUContext } from './runtime';
import { numelOf } from './array';
import type { GPUArray, GPUView } from './array';
import { LINEAR_BUILTINS, LINEAR_INDEX, WORKGROUP, launch, metaBuffer, wgslType } from './dispatch';

function source(t: string): string {
  return `@group(0) @binding(0) var<storage, read> src: array<${t}>;
@group(0) @binding(1) var<storage, read_write> dst: array<${t}>;
@group(0) @binding(2) var<storage, read> dims: array<i32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  if (i >= u32(dims[0])) { return; }
  let rank = dims[1];
  var s = dims[2 + rank];
  var o = dims[3 + 2 * rank];
  var rem = i32(i);
  for (var d = rank - 1; d >= 0; d--) {
    let size = dims[2 + d];
    let idx = rem % size;
    rem = rem / size;
    s += idx * dims[3 + rank + d];
    o += idx * dims[4 + 2 * rank + d];
  }
  dst[o] = src[s];
}`;
}

/**
 * Writes every element of `src` into `dst` at `offset + Σ index·strides` (strides one per
 * dimension of `src`); both arrays share one dtype.
 *
 * @example
 * copyInto(ctx, part, out, 3 * 8, [40, 8, 1]); // a [2, 5, 8] part at row 3 of a [2, 5 + k, 8] result
 */
export function copyInto(ctx: GPUContext, src: GPUView, dst: GPUArray, offset: number, strides: readonly number[]): void {
  if (src.array.dtype !== dst.dtype) throw new TypeError(`webgpu copyInto: source ${src.array.dtype} and destination ${dst.dtype} differ`);
  const n = numelOf(src.shape);
  if (n === 0) return;
  const rank = src.shape.length;
  const words = [n, rank, ...src.shape, src.offset, ...src.strides, offset, ...strides];
  launch(ctx, `copy-into:${dst.dtype}`, () => source(wgslType(dst.dtype)), [src.array.buffer, dst.buffer, metaBuffer(ctx, words)], Math.ceil(n / WORKGROUP));
}
