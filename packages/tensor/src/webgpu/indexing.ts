/// <reference types="@webgpu/types" />
/**
 * Gather and scatter-add along a dimension: `indexSelect` (torch.index_select) and `scatterAdd`
 * (torch.scatter_add), one thread per output (gather) or per index element (scatter).
 *
 * float32 scatter-add accumulates with a compare-and-swap loop on the value's bits (WGSL has atomic
 * add for integers only), so colliding additions run in an unspecified order: sums agree with the CPU
 * to float32 rounding, not bit for bit. Indices live on the GPU and cannot be checked without a
 * readback: an out-of-range index reads 0 (indexSelect) or is skipped (scatterAdd) instead of
 * throwing, so callers that need PyTorch's error check indices on the CPU first.
 */
import type { GPUContext } from './runtime';
import { GPUArray, contiguousStridesOf, numelOf } from './array';
import type { GPUView } from './array';
import { contiguous } from './elementwise';
import { packed } from './reduction';
import { WORKGROUP, launch, metaBuffer, wgslType } from './dispatch';
import { linearKernel } from './linear-kernel';
import { indexWalk } from './index-walk';
import type { IndexWalk } from './index-walk';

function normDim(dim: number, rank: number, name: string): number {
  const r = Math.max(rank, 1);
  if (!Number.isInteger(dim) || dim < -r || dim >= r) throw new RangeError(`${name}: Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  return dim < 0 ? dim + rank : dim;
}

function selectSource(t: string): string {
  return linearKernel({ src: `array<${t}>`, index: 'array<i32>' }, { out: `array<${t}>` }, `let k = dims[1];
  let size = dims[2];
  let inner = dims[3];
  let e = i32(i);
  let o = e / (k * inner);
  let j = (e / inner) % k;
  let r = e % inner;
  let at = index[j];
  if (at < 0 || at >= size) { out[i] = ${t}(0); return; }
  out[i] = src[(o * size + at) * inner + r];`);
}

/**
 * `input.index_select(dim, index)`: the slices of `input` at the int32 `index` (1-D) along `dim`,
 * into a new contiguous array.
 *
 * @example
 * const rows = indexSelect(ctx, table, 0, ids);
 */
export function indexSelect(ctx: GPUContext, input: GPUView, dim: number, index: GPUView): GPUArray {
  if (index.array.dtype !== 'int32') throw new TypeError(`webgpu index_select(): Expected dtype int32 for index, got ${index.array.dtype}`);
  if (index.shape.length > 1) throw new RangeError(`webgpu index_select(): Index is supposed to be a vector, got shape [${index.shape.join(', ')}]`);
  const d = normDim(dim, input.shape.length, 'webgpu index_select()');
  const k = numelOf(index.shape);
  const shape = input.shape.length === 0 ? [] : input.shape.map((s, i) => (i === d ? k : s));
  const size = input.shape.length === 0 ? 1 : (input.shape[d] as number);
  const inner = numelOf(input.shape.slice(d + 1));
  const n = numelOf(shape);
  const out = new GPUArray(ctx, n, input.array.dtype);
  if (n === 0) return out;
  const src = packed(ctx, input);
  const idx = packed(ctx, index);
  const t = wgslType(input.array.dtype);
  launch(ctx, `indexSelect:${input.array.dtype}`, () => selectSource(t), [src.buffer, idx.buffer, out.buffer, metaBuffer(ctx, [n, k, size, inner])], Math.ceil(n / WORKGROUP));
  if (src !== input.array) src.release();
  if (idx !== index.array) idx.release();
  return out;
}

/** Over the index's shape: `srcAt` in src (contiguous), `dst` in the output, which takes the index element along `dim`. */
const SCATTER_WALK: IndexWalk = {
  size: 'dims[4 + d]',
  offsets: [
    { name: 'dst', start: '0', stride: 'dims[4 + rank + d]', ruled: true },
    { name: 'srcAt', start: '0', stride: 'dims[4 + 2 * rank + d]', ruled: false },
  ],
  rule: 'k = at;',
};

function scatterSource(dtype: 'float32' | 'int32'): string {
  const add =
    dtype === 'int32'
      ? 'atomicAdd(&out[dst], v);'
      : `var old = atomicLoad(&out[dst]);
  loop {
    let next = bitcast<u32>(bitcast<f32>(old) + v);
    let swapped = atomicCompareExchangeWeak(&out[dst], old, next);
    if (swapped.exchanged) { break; }
    old = swapped.old_value;
  }`;
  return linearKernel({ src: `array<${wgslType(dtype)}>`, index: 'array<i32>' }, { out: `array<atomic<${dtype === 'int32' ? 'i32' : 'u32'}>>` }, `let rank = dims[1];
  let dim = dims[2];
  let size = dims[3];
  let at = index[i];
  ${indexWalk(SCATTER_WALK)}
  if (at < 0 || at >= size) { return; }
  let v = src[srcAt];
  ${add}`);
}

/**
 * `self.scatter_add(dim, index, src)`: a contiguous copy of `self` with `src[p]` added at `index[p]`
 * along `dim` for every position p of `index` (which may be smaller than `src` in every dimension).
 *
 * @example
 * const counts = scatterAdd(ctx, zeros, 0, labels, ones);
 */
export function scatterAdd(ctx: GPUContext, self: GPUView, dim: number, index: GPUView, src: GPUView): GPUArray {
  const name = 'webgpu scatter_add()';
  const dtype = self.array.dtype;
  if (dtype === 'bool') throw new TypeError(`${name}: bool is not supported; use int32 or float32`);
  if (src.array.dtype !== dtype) throw new TypeError(`${name}: Expected self.dtype to be equal to src.dtype, got ${dtype} and ${src.array.dtype}`);
  if (index.array.dtype !== 'int32') throw new TypeError(`${name}: Expected dtype int32 for index, got ${index.array.dtype}`);
  const rank = self.shape.length;
  if (index.shape.length !== rank || src.shape.length !== rank) {
    throw new RangeError(`${name}: Index tensor must have the same number of dimensions as self tensor and src tensor, got ${index.shape.length}, ${rank} and ${src.shape.length}`);
  }
  const d = normDim(dim, rank, name);
  for (let k = 0; k < rank; k++) {
    const ik = index.shape[k] as number;
    if (ik > (src.shape[k] as number) || (k !== d && ik > (self.shape[k] as number))) {
      throw new RangeError(`${name}: Size does not match at dimension ${k}: index [${index.shape.join(', ')}], self [${self.shape.join(', ')}], src [${src.shape.join(', ')}]`);
    }
  }
  const out = contiguous(ctx, self);
  const n = numelOf(index.shape);
  if (n === 0) return out;
  const srcArray = packed(ctx, src);
  const idx = packed(ctx, index);
  const words = [n, rank, d, rank === 0 ? 1 : (self.shape[d] as number), ...index.shape, ...contiguousStridesOf(self.shape), ...contiguousStridesOf(src.shape)];
  launch(ctx, `scatterAdd:${dtype}`, () => scatterSource(dtype), [srcArray.buffer, idx.buffer, out.buffer, metaBuffer(ctx, words)], Math.ceil(n / WORKGROUP));
  if (srcArray !== src.array) srcArray.release();
  if (idx !== index.array) idx.release();
  return out;
}
