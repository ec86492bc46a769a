/// <reference types="@webgpu/types" />
/**
 * Slice-scatter into zeros (the gradient of slice / narrow / select / chunk): an output of `shape`
 * that holds `src` at positions start, start + step, … along `dim` and 0 elsewhere. One thread per
 * output element; `src` is read through its strides.
 */
import type { GPUContext } from './runtime';
import { GPUArray, numelOf } from './array';
import type { GPUView } from './array';
import { WORKGROUP, launch, metaBuffer, wgslType } from './dispatch';
import { linearKernel } from './linear-kernel';
import { indexWalk } from './index-walk';
import type { IndexWalk } from './index-walk';

/** Along `dim`, output coordinate c holds source element (c − start) / step when that is whole and in range. */
const WALK: IndexWalk = {
  size: 'dims[7 + d]',
  offsets: [{ name: 'off', start: 'dims[6]', stride: 'dims[7 + rank + d]', ruled: true }],
  rule: `let r = c - start;
      k = r / step;
      if (r < 0 || r % step != 0 || k >= count) { ok = false; }`,
};

function source(t: string): string {
  return linearKernel({ src: `array<${t}>` }, { out: `array<${t}>` }, `let rank = dims[1];
  let dim = dims[2];
  let start = dims[3];
  let step = dims[4];
  let count = dims[5];
  var ok = true;
  ${indexWalk(WALK)}
  if (ok) { out[i] = src[off]; } else { out[i] = ${t}(0); }`);
}

/**
 * Zeros of `shape` with `src` written at start, start + step, … along `dim`, as a new contiguous array.
 *
 * @example
 * const grad = sliceScatter(ctx, g, [6, 4], 0, 2, 1); // g [2, 4] into rows 2 and 3
 */
export function sliceScatter(ctx: GPUContext, src: GPUView, shape: readonly number[], dim: number, start: number, step: number): GPUArray {
  const rank = shape.length;
  if (src.shape.length !== rank) throw new RangeError(`webgpu sliceScatter: src of rank ${src.shape.length} into a shape of rank ${rank}`);
  if (!(step >= 1)) throw new RangeError(`webgpu sliceScatter: step must be positive, got ${step}`);
  const n = numelOf(shape);
  const out = new GPUArray(ctx, n, src.array.dtype);
  if (n === 0) return out;
  const words = [n, rank, dim, start, step, src.shape[dim] ?? 1, src.offset, ...shape, ...src.strides];
  launch(ctx, `slice-scatter:${src.array.dtype}`, () => source(wgslType(src.array.dtype)), [src.array.buffer, out.buffer, metaBuffer(ctx, words)], Math.ceil(n / WORKGROUP));
  return out;
}
