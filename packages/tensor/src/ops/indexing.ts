/** gather, indexSelect, maskedFill and where. */
import { checkNumberArg } from '../arguments';
import { allocate, castScalar, scalarTypeName } from '../dtype';
import type { DType } from '../dtype';
import { scalarArray } from './binary';
import { mapTernary } from '../kernels/elementwise';
import type { Operand } from '../kernels/elementwise';
import { offsets } from '../kernels/offsets';
import { resultType } from '../result-type';
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
    // Negative indices are out of bounds too, as in PyTorch's gather.
    if (k < 0 || k >= size) throw new RangeError(`index ${k} is out of bounds for dimension ${d} with size ${size}`);
    let off = t.offset;
    for (let j = 0; j < shape.length; j++) off += (j === d ? k : (counter[j] as number)) * (t.strides[j] as number);
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
    // Negative indices are out of range too, as in PyTorch's index_select.
    if (k < 0 || k >= size) throw new RangeError(`index out of range in self: index ${k} for dimension ${d} with size ${size}`);
  }
  if (t.ndim === 0) return t.reshape([picks.length]).contiguous();
  const parts = picks.map((k) => t.narrow(d, k, 1));
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

/** `x` read as broadcast to `shape`; a number or a 0-d tensor of another dtype becomes a constant of `dtype`. */
function operandAs(x: Tensor | number, shape: readonly number[], dtype: DType): Operand {
  if (typeof x === 'number' || (x.ndim === 0 && x.dtype !== dtype)) {
    const value = typeof x === 'number' ? x : (x.storage.data[x.offset] as number);
    return { data: scalarArray(castScalar(value, dtype)), strides: new Array<number>(shape.length).fill(0), offset: 0 };
  }
  return { data: x.storage.data, strides: broadcastStrides(x.shape, x.strides, shape), offset: x.offset };
}

/**
 * Elements from `a` where `cond` is true, else from `b`, with broadcasting. The dtype is PyTorch's
 * result type of `a` and `b` (so `where(c, int32Tensor, 0.5)` is float32).
 */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  if (cond.dtype !== 'bool') {
    throw new TypeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${scalarTypeName(cond.dtype)}`);
  }
  const host = typeof a !== 'number' ? a : typeof b !== 'number' ? b : cond;
  const dtype = resultType([a, b]);
  const shapeOf = (x: Tensor | number): readonly number[] => (typeof x === 'number' ? [] : x.shape);
  const shape = broadcastShapes(broadcastShapes(cond.shape, shapeOf(a)), shapeOf(b));
  const out = allocate(dtype, sizeOf(shape));
  mapTernary(
    (c, x, y) => (c ? x : y),
    shape,
    { data: out, strides: contiguousStrides(shape), offset: 0 },
    operandAs(cond, shape, 'bool'),
    operandAs(a, shape, dtype),
    operandAs(b, shape, dtype),
  );
  return host._make(new Storage(out), shape, contiguousStrides(shape), 0, dtype);
}

/** masked_fill's mask must be bool. */
export function checkMask(mask: Tensor): void {
  if (mask.dtype !== 'bool') throw new TypeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype}`);
}

/** `t` with `value` wherever `mask` (bool) is true; the result has the broadcast shape of both, as torch.masked_fill. */
export function maskedFill(t: Tensor, mask: Tensor, value: number): Tensor {
  checkNumberArg(value, 'masked_fill', 'value', 2);
  checkMask(mask);
  const shape = broadcastShapes(t.shape, mask.shape);
  const out = allocate(t.dtype, sizeOf(shape));
  const v = castScalar(value, t.dtype);
  mapTernary(
    (x, m) => (m ? v : x),
    shape,
    { data: out, strides: contiguousStrides(shape), offset: 0 },
    operandAs(t, shape, t.dtype),
    operandAs(mask, shape, 'bool'),
    { data: out, strides: new Array<number>(shape.length).fill(0), offset: 0 },
  );
  return t._make(new Storage(out), shape, contiguousStrides(shape), 0, t.dtype);
}
