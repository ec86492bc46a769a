/// <reference types="@webgpu/types" />
/**
 * `input.gather(dim, index)` (torch.gather): one thread per index element p, reading
 * `input[p₀, …, index[p], …, p_{r−1}]` through the input's strides. The index has the input's rank
 * and is at most its size in every dimension but `dim`. As for indexSelect, an index out of range
 * cannot be checked without a readback: it reads 0 instead of throwing.
 */
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUView } from './array';
import { WORKGROUP, launch, metaBuffer, wgslType } from './dispatch';
import { linearKernel } from './linear-kernel';
import { packed } from './reduction';
import { indexWalk } from './index-walk';
import type { IndexWalk } from './index-walk';

/** Along `dim`, the coordinate is the index element's (negative counts from the end; out of range reads 0). */
const WALK: IndexWalk = {
  size: 'dims[4 + d]',
  offsets: [{ name: 'off', start: 'dims[3]', stride: 'dims[4 + rank + d]', ruled: true }],
  rule: `k = idx[i];
      let limit = dims[4 + 2 * rank];
      if (k < 0) { k += limit; }
      if (k < 0 || k >= limit) { ok = false; }`,
};

function source(t: string): string {
  return linearKernel({ src: `array<${t}>`, idx: 'array<i32>' }, { out: `array<${t}>` }, `let rank = dims[1];
  let dim = dims[2];
  var ok = true;
  ${indexWalk(WALK)}
  if (ok) { out[i] = src[off]; } else { out[i] = ${t}(0); }`);
}

/**
 * `input.gather(dim, index)` into a new contiguous array of the index's shape.
 *
 * @example
 * const picked = gather(ctx, logp, 1, targets); // targets [N, 1] int32
 */
export function gather(ctx: GPUContext, input: GPUView, dim: number, index: GPUView): GPUArray {
  if (index.array.dtype !== 'int32') throw new TypeError(`webgpu gather(): Expected dtype int32 for index, got ${index.array.dtype}`);
  const rank = input.shape.length;
  if (index.shape.length !== rank) throw new RangeError('Index tensor must have the same number of dimensions as input tensor');
  const n = numelOf(index.shape);
  const out = new GPUArray(ctx, n, input.array.dtype);
  if (n === 0) return out;
  const idx = packed(ctx, index);
  const words = [n, rank, dim, input.offset, ...index.shape, ...input.strides, input.shape[dim] ?? 1];
  launch(ctx, `gather:${input.array.dtype}`, () => source(wgslType(input.array.dtype)), [input.array.buffer, idx.buffer, out.buffer, metaBuffer(ctx, words)], Math.ceil(n / WORKGROUP));
  if (idx !== index.array) idx.release();
  return out;
}
