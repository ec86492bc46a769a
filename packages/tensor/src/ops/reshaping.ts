/**
 * repeat, roll, unfold, repeatInterleave, unflatten, tril/triu, diagonal, diag, meshgrid and
 * maskedSelect, composed from views, `indexSelect`, `gather` and `where`: on autograd tensors those
 * record, so every op here is differentiable without a rule of its own (STYLE.md: build from
 * primitives where they match PyTorch).
 */
import { broadcastShapes, normalizeDim, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

/** An int32 tensor of `values` built through `like`'s family (no history). */
export function intTensor(like: Tensor, values: ArrayLike<number>, shape: readonly number[] = [values.length]): Tensor {
  const data = Int32Array.from(values);
  const strides = shape.map((_, i) => sizeOf(shape.slice(i + 1)));
  return like._make(new Storage(data), [...shape], strides, 0, 'int32');
}

/** A bool tensor of `values` built through `like`'s family. */
function boolTensor(like: Tensor, values: ArrayLike<number>, shape: readonly number[]): Tensor {
  const data = Uint8Array.from(values);
  const strides = shape.map((_, i) => sizeOf(shape.slice(i + 1)));
  return like._make(new Storage(data), [...shape], strides, 0, 'bool');
}

/** torch.Tensor.repeat: the tensor tiled `sizes[i]` times along each dim (leading sizes add dims). */
export function repeat(t: Tensor, sizes: readonly number[]): Tensor {
  if (sizes.length < t.ndim) {
    throw new RangeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const bad = sizes.find((s) => s < 0);
  if (bad !== undefined) throw new RangeError(`Trying to create tensor with negative dimension ${bad}: [${sizes.join(', ')}]`);
  const lead = sizes.length - t.ndim;
  const shape = [...new Array<number>(lead).fill(1), ...t.shape];
  // [r0, s0, r1, s1, …]: each dim with a broadcast repeat dim in front of it.
  const paired = shape.flatMap((s) => [1, s]);
  const expanded = shape.flatMap((s, i) => [sizes[i] as number, s]);
  return t.reshape(paired).expand(expanded).reshape(shape.map((s, i) => s * (sizes[i] as number)));
}

/** torch.roll: elements shifted along `dims` (wrapping); without dims, over the flattened tensor. */
export function roll(t: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  if (dims.length === 0) {
    if (shifts.length !== 1) throw new RangeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:0`);
    return roll(t.flatten(), shifts, [0]).reshape(t.shape);
  }
  if (shifts.length !== dims.length) throw new RangeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
  let out = t;
  dims.forEach((dim, i) => {
    const d = normalizeDim(dim, t.ndim);
    const n = t.shape[d] as number;
    if (n === 0) return;
    const shift = (((shifts[i] as number) % n) + n) % n;
    out = out.indexSelect(d, intTensor(t, Array.from({ length: n }, (_, j) => (j - shift + n) % n)));
  });
  return out;
}

/** Tensor.unfold: windows of `size` every `step` along `dim`, as a new last dim (a copy here). */
export function unfold(t: Tensor, dim: number, size: number, step: number): Tensor {
  const d = t.ndim === 0 ? 0 : normalizeDim(dim, t.ndim);
  const n = t.ndim === 0 ? 1 : (t.shape[d] as number);
  if (size > n) throw new RangeError(`maximum size for tensor at dimension ${d} is ${n} but size is ${size}`);
  if (!(step > 0)) throw new RangeError(`step is ${step} but must be > 0`);
  if (t.ndim === 0) return t.reshape([1]);
  const windows = Math.floor((n - size) / step) + 1;
  const idx = Array.from({ length: windows * size }, (_, i) => Math.floor(i / size) * step + (i % size));
  const picked = t.indexSelect(d, intTensor(t, idx));
  const shape = [...t.shape.slice(0, d), windows, size, ...t.shape.slice(d + 1)];
  const order = shape.map((_, i) => i).filter((i) => i !== d + 1);
  order.push(d + 1);
  return picked.reshape(shape).permute(order);
}

/** torch.repeat_interleave: each element repeated `repeats` times along `dim` (flattened without one). */
export function repeatInterleave(t: Tensor, repeats: number | Tensor, dim: number | undefined): Tensor {
  const x = dim === undefined ? t.flatten() : t;
  const d = dim === undefined ? 0 : normalizeDim(dim, t.ndim);
  const n = x.ndim === 0 ? 1 : (x.shape[d] as number);
  if (typeof repeats !== 'number' && repeats.dtype !== 'int32') throw new TypeError(`repeat_interleave: repeats must be an int32 tensor, got ${repeats.dtype}`);
  let counts = typeof repeats === 'number' ? new Array<number>(n).fill(repeats) : Array.from(repeats.toTypedArray(), Number);
  // A one-element repeats tensor applies to every element, as a number does.
  if (counts.length === 1 && n !== 1) counts = new Array<number>(n).fill(counts[0] as number);
  if (counts.length !== n) throw new RangeError('repeats must have the same size as input along dim');
  if (counts.some((c) => c < 0)) throw new RangeError('repeats can not be negative');
  const idx = counts.flatMap((c, i) => new Array<number>(c).fill(i));
  return x.indexSelect(d, intTensor(t, idx));
}

/** Tensor.unflatten: dim `dim` split into `sizes` (one may be −1). */
export function unflatten(t: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalizeDim(dim, t.ndim);
  if (sizes.length === 0) throw new RangeError('unflatten: sizes must be non-empty');
  const n = t.shape[d] as number;
  const known = sizes.reduce((a, s) => (s === -1 ? a : a * s), 1);
  const filled = sizes.map((s) => (s === -1 ? n / known : s));
  if (sizeOf(filled) !== n || filled.some((s) => !Number.isInteger(s))) {
    throw new RangeError(`unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${dim} (${n}) in the input tensor`);
  }
  return t.reshape([...t.shape.slice(0, d), ...filled, ...t.shape.slice(d + 1)]);
}

/** tril (lower) or triu (upper) of the last two dims, relative to `diagonal`; others set to 0. */
export function triangle(t: Tensor, diagonal: number, lower: boolean): Tensor {
  if (t.ndim < 2) throw new RangeError(`${lower ? 'tril' : 'triu'}: input tensor must have at least 2 dimensions`);
  const [rows, cols] = t.shape.slice(-2) as [number, number];
  const keep = Array.from({ length: rows * cols }, (_, p) => {
    const j = (p % cols) - Math.floor(p / cols);
    return (lower ? j <= diagonal : j >= diagonal) ? 1 : 0;
  });
  return t.where(boolTensor(t, keep, [rows, cols]), 0);
}

/** torch.diagonal: the entries (i, i + offset) of dims dim1 and dim2, as a new last dim. */
export function diagonal(t: Tensor, offset: number, dim1: number, dim2: number): Tensor {
  const a = normalizeDim(dim1, t.ndim);
  const b = normalizeDim(dim2, t.ndim);
  if (a === b) throw new RangeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const [n1, n2] = [t.shape[a] as number, t.shape[b] as number];
  const len = Math.max(0, offset >= 0 ? Math.min(n1, n2 - offset) : Math.min(n1 + offset, n2));
  const rest = t.shape.map((_, i) => i).filter((i) => i !== a && i !== b);
  const moved = t.permute([...rest, a, b]).reshape([...rest.map((i) => t.shape[i] as number), n1 * n2]);
  const idx = Array.from({ length: len }, (_, i) => (offset >= 0 ? i * n2 + i + offset : (i - offset) * n2 + i));
  return moved.indexSelect(moved.ndim - 1, intTensor(t, idx));
}

/** torch.diag: a 1-d tensor as the `diagonal`-th diagonal of a square matrix, or a matrix's diagonal. */
export function diag(t: Tensor, offset: number): Tensor {
  if (t.ndim === 2) return diagonal(t, offset, 0, 1);
  if (t.ndim !== 1) throw new RangeError('diag(): Supports 1D or 2D tensors. Got ' + `${t.ndim}D`);
  const n = t.shape[0] as number;
  const m = n + Math.abs(offset);
  const idx: number[] = [];
  const keep: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const k = offset >= 0 ? i : j;
      const on = j - i === offset;
      idx.push(on ? k : 0);
      keep.push(on ? 1 : 0);
    }
  }
  // An empty vector on an off-diagonal: an m×m matrix of zeros (the empty sum, still differentiable).
  if (n === 0) return t.sum().mul(0).expand([m, m]).contiguous();
  return t.indexSelect(0, intTensor(t, idx)).reshape([m, m]).where(boolTensor(t, keep, [m, m]), 0);
}

/** torch.meshgrid with `indexing` 'ij' (PyTorch 1.13's default) or 'xy'. */
export function meshgrid(tensors: readonly Tensor[], indexing: 'ij' | 'xy'): Tensor[] {
  if (indexing !== 'ij' && indexing !== 'xy') throw new RangeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${String(indexing)}`);
  for (const t of tensors) if (t.ndim > 1) throw new RangeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${t.ndim}D`);
  const sizes = tensors.map((t) => t.numel());
  const swap = indexing === 'xy' && tensors.length >= 2;
  const shape = swap ? [sizes[1] as number, sizes[0] as number, ...sizes.slice(2)] : sizes;
  return tensors.map((t, i) => {
    const pos = swap && i < 2 ? 1 - i : i;
    const view = shape.map((_, j) => (j === pos ? (sizes[i] as number) : 1));
    return t.reshape(view).expand(shape);
  });
}

/** torch.masked_select: the elements where `mask` (broadcast) is true, as a 1-d tensor. */
export function maskedSelect(t: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== 'bool') throw new TypeError(`masked_select: expected BoolTensor for mask`);
  const shape = broadcastShapes(t.shape, mask.shape);
  const m = mask.expand(shape);
  const x = t.expand(shape).reshape([-1]);
  const flags = m.contiguous().toTypedArray();
  const idx: number[] = [];
  flags.forEach((f, i) => {
    if (f !== 0) idx.push(i);
  });
  return x.indexSelect(0, intTensor(t, idx));
}

/** torch.nonzero: the int32 coordinates `[n, ndim]` of the non-zero elements, in row-major order. */
export function nonzero(t: Tensor): Tensor {
  const values = t.contiguous().toTypedArray();
  const coords: number[] = [];
  let n = 0;
  values.forEach((v, p) => {
    if (v === 0) return;
    n++;
    let rest = p;
    const c = new Array<number>(t.ndim);
    for (let d = t.ndim - 1; d >= 0; d--) {
      const s = t.shape[d] as number;
      c[d] = rest % s;
      rest = Math.floor(rest / s);
    }
    coords.push(...c);
  });
  return intTensor(t, coords, [n, t.ndim]);
}
