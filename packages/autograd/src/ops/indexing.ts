/**
 * Indexing ops. gather and indexSelect send g back with a scatter-add into zeros; those
 * scatters are recorded ops themselves (their gradient is the gather / indexSelect of g), so
 * higher-order gradients flow through. The index, mask and condition tensors are saved as in
 * PyTorch (an in-place change to them is caught, and they are freed after backward).
 */
import { Tensor as BaseTensor, acquireArray, dtypeOfArray, gpuScatterAddInto, recycleArray } from '@descent/tensor';
import type { DType, TypedArray } from '@descent/tensor';
import { filled, rowMajorStrides } from '../filled';
import { gradMode } from '../grad-mode';
import { isGradTensor, needsGrad, record } from '../node';
import { metaOf, sumToShape } from '../sum-to-shape';
import { asGrad } from '../tensor';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/**
 * Reads an index tensor (any layout) into int32, row-major: a copy from the storage pools, which
 * the caller may give back with `recycleArray` once read.
 */
function indexValues(index: BaseTensor): Int32Array {
  const raw = index.contiguous().toTypedArray();
  if (raw instanceof Int32Array) return raw;
  // Element-wise set converts as Int32Array.from does (ToInt32).
  const picks = acquireArray('int32', raw.length, false) as Int32Array;
  picks.set(raw);
  recycleArray(dtypeOfArray(raw), raw);
  return picks;
}

/** Gives the copies read by a scatter back to the storage pools (nothing else holds them). */
function release(values: TypedArray, picks: Int32Array): void {
  recycleArray(dtypeOfArray(values), values);
  recycleArray('int32', picks);
}

/** out[i][j] = a[index[i][j]][j] (dim 0); the gradient scatter-adds g to those positions. */
export function gather(a: Tensor, dim: number, index: BaseTensor): Tensor {
  const out = base.gather.call(a, dim, index) as Tensor;
  if (!needsGrad(a)) return out;
  const d = dim < 0 ? dim + a.ndim : dim;
  const { shape, dtype } = metaOf(a);
  return record(out, 'GatherBackward0', [a], (g) => [scatterAdd(g, shape, dtype, d, index)], [
    index,
  ]);
}

/** @internal Zeros of `shape` plus `src` added at the positions `index` names along `dim`. */
export function scatterAdd(
  src: Tensor,
  shape: readonly number[],
  dtype: DType,
  dim: number,
  index: BaseTensor,
): Tensor {
  if (src.device !== 'cpu') return scatterAddRecorded(gpuScatterAddInto(src.to(dtype), shape, dim, index) as Tensor, src, dim, index);
  const out = filled(shape, dtype, 0);
  const data = out.storage.data;
  const values = src.contiguous().toTypedArray();
  const picks = indexValues(index);
  const strides = rowMajorStrides(shape);
  const size = shape[dim] as number;
  const ishape = index.shape;
  const counter = new Array<number>(ishape.length).fill(0);
  for (let p = 0; p < picks.length; p++) {
    let k = picks[p] as number;
    if (k < 0) k += size;
    let off = 0;
    for (let j = 0; j < ishape.length; j++)
      off += (j === dim ? k : (counter[j] as number)) * (strides[j] as number);
    data[off] = (data[off] as number) + (values[p] as number);
    for (let j = ishape.length - 1; j >= 0; j--) {
      counter[j] = (counter[j] as number) + 1;
      if ((counter[j] as number) < (ishape[j] as number)) break;
      counter[j] = 0;
    }
  }
  release(values, picks);
  return scatterAddRecorded(out, src, dim, index);
}

/** Records scatter-add's rule on `out` (its gradient is the gather of g). */
function scatterAddRecorded(out: Tensor, src: Tensor, dim: number, index: BaseTensor): Tensor {
  if (!needsGrad(src)) return out;
  return record(out, 'ScatterAddBackward0', [src], (g) => [g.gather(dim, index)], [index]);
}

/** Picks entries `index` along `dim`; the gradient index-adds g back (repeats accumulate). */
export function indexSelect(a: Tensor, dim: number, index: BaseTensor): Tensor {
  const out = base.indexSelect.call(a, dim, index) as Tensor;
  if (!needsGrad(a)) return out;
  const d = a.ndim === 0 ? 0 : dim < 0 ? dim + a.ndim : dim;
  const { shape, dtype } = metaOf(a);
  return record(out, 'IndexSelectBackward0', [a], (g) => [indexAdd(g, shape, dtype, d, index)], [
    index,
  ]);
}

/** @internal Zeros of `shape` plus slice i of `src` along `dim` added at slice index[i]. */
export function indexAdd(
  src: Tensor,
  shape: readonly number[],
  dtype: DType,
  dim: number,
  index: BaseTensor,
): Tensor {
  if (shape.length === 0) return src.sum().to(dtype);
  if (src.device !== 'cpu') {
    // index_add as a scatter-add with the index broadcast over the other dims of src.
    const spread = index.reshape(shape.map((_, j) => (j === dim ? -1 : 1))).expand([...src.shape]);
    return indexAddRecorded(gpuScatterAddInto(src.to(dtype), shape, dim, spread) as Tensor, src, dim, index);
  }
  const out = filled(shape, dtype, 0);
  const data = out.storage.data;
  const values = src.contiguous().toTypedArray();
  const picks = indexValues(index);
  const size = shape[dim] as number;
  let inner = 1;
  for (let j = dim + 1; j < shape.length; j++) inner *= shape[j] as number;
  let outer = 1;
  for (let j = 0; j < dim; j++) outer *= shape[j] as number;
  const n = picks.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      let k = picks[i] as number;
      if (k < 0) k += size;
      const from = (o * n + i) * inner;
      const to = (o * size + k) * inner;
      for (let r = 0; r < inner; r++)
        data[to + r] = (data[to + r] as number) + (values[from + r] as number);
    }
  }
  release(values, picks);
  return indexAddRecorded(out, src, dim, index);
}

/** Records index-add's rule on `out` (its gradient is the indexSelect of g). */
function indexAddRecorded(out: Tensor, src: Tensor, dim: number, index: BaseTensor): Tensor {
  if (!needsGrad(src)) return out;
  return record(out, 'IndexAddBackward0', [src], (g) => [g.indexSelect(dim, index)], [index]);
}

/** Fills `value` where `mask` holds; the gradient is g with those positions zeroed. */
export function maskedFill(a: Tensor, mask: BaseTensor, value: number): Tensor {
  const out = base.maskedFill.call(a, mask, value) as Tensor;
  if (!needsGrad(a)) return out;
  const ma = metaOf(a);
  return record(out, 'MaskedFillBackward0', [a], (g) => [sumToShape(g.maskedFill(mask, 0), ma)], [
    mask,
  ]);
}

/**
 * `a` where `condition` holds, else `b` (torch.where), broadcasting all three. The gradient goes
 * to `a` where the condition holds and to `b` elsewhere.
 *
 * @example
 * where(x.gt(0), x, 0); // relu-like, as torch.where(x > 0, x, 0)
 */
export function where(
  condition: BaseTensor,
  a: BaseTensor | number,
  b: BaseTensor | number,
): Tensor {
  const receiver =
    typeof a === 'number'
      ? filled([], typeof b !== 'number' && b.dtype === 'float64' ? 'float64' : 'float32', a)
      : a;
  const out = asGrad(base.where.call(receiver, condition, b));
  const gradA = typeof a !== 'number' && isGradTensor(a);
  const gradB = typeof b !== 'number' && isGradTensor(b);
  if (!gradMode.enabled || !(gradA || gradB)) return out;
  const ma = gradA ? metaOf(a) : null;
  const mb = gradB ? metaOf(b) : null;
  return record(
    out,
    'WhereBackward0',
    [ma ? a : null, mb ? b : null],
    (g) => [
      ma ? sumToShape(g.where(condition, 0), ma) : null,
      mb ? sumToShape(g.where(condition.logicalNot(), 0), mb) : null,
    ],
    [condition],
  );
}
