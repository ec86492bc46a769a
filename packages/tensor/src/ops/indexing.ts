/** gather, indexSelect, maskedFill and where. */
import { allocate, castScalar, promoteTypes } from '../dtype';
import { mapTernary, operandOf } from '../kernels/elementwise';
import { offsets } from '../kernels/offsets';
import { broadcastShapes, broadcastStrides, contiguousStrides, normalizeDim, showShape, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

function checkIndex(index: Tensor, op: string): void {
  if (index.dtype !== 'int32') throw new TypeError(`${op}(): Expected dtype int32 for index, got ${index.dtype}`);
}

/** out[i][j] = t[index[i][j]][j] along `dim` (PyTorch's gather). */
export function gather(t: Tensor, dim: number, index: Tensor): Tensor {
  checkIndex(index, 'gather');
  const d = normalizeDim(dim, t.ndim);
  if (index.ndim !== t.ndim && !(t.ndim === 0 && index.ndim <= 1)) {
    throw new RangeError('Index tensor must have the same number of dimensions as input tensor');
  }
  index.shape.forEach((s, j) => {
    if (j !== d && s > (t.shape[j] ?? 1)) {
      throw new RangeError(
        `Size does not match at dimension ${j} expected index ${showShape(index.shape)} to be smaller than self ${showShape(t.shape)} apart from dimension ${d}`,
      );
    }
  });
  const shape = [...index.shape];
  const out = allocate(t.dtype, sizeOf(shape));
  const idxOffsets = offsets(index.shape, index.strides, index.offset);
  const n = out.length;
  const counter = new Array<number>(shape.length).fill(0);
  const size = t.shape[d] ?? 1;
  for (let p = 0; p < n; p++) {
    const k = index.storage.data[idxOffsets[p] as number] as number;
    if (k < -size || k >= size) throw new RangeError(`index ${k} is out of bounds for dimension ${d} with size ${size}`);
    let off = t.offset;
    for (let j = 0; j < shape.length; j++) off += (j === d ? (k < 0 ? k + size : k) : (counter[j] as number)) * (t.strides[j] as number);
    out[p] = t.storage.data[off] as number;
    for (let j = shape.length - 1; j >= 0; j--) {
      counter[j] = (counter[j] as number) + 1;
      if ((counter[j] as number) < (shape[j] as number)) break;
      counter[j] = 0;
    }
  }
  return t._make(new Storage(out), shape, contiguousStrides(shape), 0, t.dtype);
}

/** Selects entries `index` (1-D) along `dim`. */
export function indexSelect(t: Tensor, dim: number, index: Tensor): Tensor {
  checkIndex(index, 'index_select');
  if (index.ndim > 1) throw new RangeError('index_select(): Index is supposed to be a vector');
  const d = t.ndim === 0 ? 0 : normalizeDim(dim, t.ndim);
  const size = t.ndim === 0 ? 1 : (t.shape[d] as number);
  const picks = index.ndim === 0 ? [index.item()] : Array.from({ length: index.shape[0] as number }, (_, i) => index.storage.data[index.offset + i * (index.strides[0] as number)] as number);
  for (const k of picks) {
    if (k < -size || k >= size) throw new RangeError(`index out of range in self: index ${k} for dimension ${d} with size ${size}`);
  }
  if (t.ndim === 0) return t.reshape([picks.length]).contiguous();
  const parts = picks.map((k) => t.narrow(d, k < 0 ? k + size : k, 1));
  if (parts.length === 0) {
    const shape = [...t.shape];
    shape[d] = 0;
    return t._make(new Storage(allocate(t.dtype, 0)), shape, contiguousStrides(shape), 0, t.dtype);
  }
  const shape = [...t.shape];
  shape[d] = parts.length;
  const out = allocate(t.dtype, sizeOf(shape));
  const strides = contiguousStrides(shape);
  parts.forEach((p, i) => {
    const src = offsets(p.shape, p.strides, p.offset);
    const dst = offsets(p.shape, strides, i * (strides[d] as number));
    for (let q = 0; q < src.length; q++) out[dst[q] as number] = t.storage.data[src[q] as number] as number;
  });
  return t._make(new Storage(out), shape, strides, 0, t.dtype);
}

/** Elements from `a` where `cond` is true, else from `b`, with broadcasting. */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  if (cond.dtype !== 'bool') throw new TypeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype}`);
  const host = typeof a !== 'number' ? a : typeof b !== 'number' ? b : cond;
  const dtA = typeof a === 'number' ? null : a.dtype;
  const dtB = typeof b === 'number' ? null : b.dtype;
  const dtype = dtA && dtB ? promoteTypes(dtA, dtB) : (dtA ?? dtB ?? 'float32');
  const shapeOf = (x: Tensor | number): readonly number[] => (typeof x === 'number' ? [] : x.shape);
  const shape = broadcastShapes(broadcastShapes(cond.shape, shapeOf(a)), shapeOf(b));
  const op = (x: Tensor | number) =>
    typeof x === 'number'
      ? { data: Float64Array.of(castScalar(x, dtype)), strides: new Array<number>(shape.length).fill(0), offset: 0 }
      : { data: x.storage.data, strides: broadcastStrides(x.shape, x.strides, shape), offset: x.offset };
  const out = allocate(dtype, sizeOf(shape));
  mapTernary(
    (c, x, y) => (c ? x : y),
    shape,
    { data: out, strides: contiguousStrides(shape), offset: 0 },
    { data: cond.storage.data, strides: broadcastStrides(cond.shape, cond.strides, shape), offset: cond.offset },
    op(a),
    op(b),
  );
  return host._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/** `t` with `value` wherever `mask` (bool, broadcastable to t) is true. */
export function maskedFill(t: Tensor, mask: Tensor, value: number): Tensor {
  if (mask.dtype !== 'bool') throw new TypeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype}`);
  broadcastShapes(t.shape, mask.shape);
  const shape = [...t.shape];
  const out = allocate(t.dtype, sizeOf(shape));
  const v = castScalar(value, t.dtype);
  mapTernary(
    (x, m) => (m ? v : x),
    shape,
    { data: out, strides: contiguousStrides(shape), offset: 0 },
    operandOf(t),
    { data: mask.storage.data, strides: broadcastStrides(mask.shape, mask.strides, shape), offset: mask.offset },
    { data: out, strides: new Array<number>(shape.length).fill(0), offset: 0 },
  );
  return t._make(new Storage(out), shape, contiguousStrides(shape), 0, t.dtype);
}
