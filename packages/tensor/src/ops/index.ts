/**
 * Python's `x[...]` for tensors: integers (negative ones count from the end), slices with steps,
 * `null` for a new axis, `'...'` for the ellipsis, bool masks and int32 index tensors (advanced
 * indexing with NumPy's and PyTorch's rule: the broadcast index dims replace the indexed dims where
 * those are adjacent, else they go first; integers next to index tensors count as index tensors).
 * Reading composes select/slice/unsqueeze/permute/reshape/indexSelect, so on autograd tensors it
 * records; writing applies the same indexing to a map of storage offsets and writes through it.
 */
import { allocate } from '../dtype';
import { broadcastShapes, contiguousStrides, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

/** A Python slice `start:stop:step`; omitted bounds are `null` (or undefined). */
export interface Slice {
  readonly kind: 'slice';
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number;
}

/** One item of an index: an int, a slice, `null` (new axis), `'...'`, an int list, or an int32/bool tensor. */
export type IndexItem = number | Slice | null | '...' | readonly number[] | Tensor;

/**
 * Python's `slice(start, stop, step)` for {@link Tensor.index} and {@link Tensor.at}.
 *
 * @example
 * x.at(slice(1, null, 2)); // x[1::2]
 */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = 1): Slice {
  const s = step ?? 1;
  if (!Number.isInteger(s) || s <= 0) throw new RangeError(`step must be greater than zero, got ${s}`);
  return { kind: 'slice', start, stop, step: s };
}

function isTensor(item: unknown): item is Tensor {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && typeof (item as Tensor).ndim === 'number' && (item as Tensor).storage !== undefined;
}

function isSlice(item: unknown): item is Slice {
  return typeof item === 'object' && item !== null && (item as Slice).kind === 'slice';
}

function describe(item: unknown): string {
  if (item === undefined) return 'undefined';
  if (typeof item === 'object') return Object.prototype.toString.call(item);
  return `${typeof item} ${typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? String(item) : ''}`.trim();
}

/** Index tensors as int32 tensors built like `like`. */
function intTensor(like: Tensor, values: ArrayLike<number>, shape: readonly number[]): Tensor {
  return like._make(new Storage(Int32Array.from(values)), [...shape], contiguousStrides(shape), 0, 'int32');
}

/** `x[items]`: basic items as views, then the advanced ones by one `indexSelect` over their flattened dims. */
export function index(x: Tensor, items: readonly IndexItem[]): Tensor {
  // Int lists become index tensors.
  const list = items.map((item) => (Array.isArray(item) ? intTensor(x, item as number[], [item.length]) : item));
  for (const item of list) {
    const ok = item === null || item === '...' || typeof item === 'number' || isSlice(item) || isTensor(item);
    if (!ok) throw new TypeError(`index: only integers, slices (slice()), null, '...', int lists and int32 or bool tensors are valid indices, got ${describe(item)}`);
    if (typeof item === 'number' && !Number.isInteger(item)) throw new TypeError(`index: only integers are valid indices, got ${item}`);
    if (isTensor(item) && item.dtype !== 'int32' && item.dtype !== 'bool') throw new TypeError(`tensors used as indices must be int32 or bool tensors, got ${item.dtype}`);
  }
  const consumed = list.reduce<number>((n, item) => n + (item === null || item === '...' ? 0 : isTensor(item) && item.dtype === 'bool' ? item.ndim : 1), 0);
  if (list.filter((item) => item === '...').length > 1) throw new RangeError('an index can only have a single ellipsis');
  if (consumed > x.ndim) throw new RangeError(`too many indices for tensor of dimension ${x.ndim}`);
  const expanded: IndexItem[] = [];
  for (const item of list) {
    if (item === '...') for (let i = 0; i < x.ndim - consumed; i++) expanded.push(slice());
    else expanded.push(item);
  }
  let out = x;
  let d = 0;
  const adv: { dim: number; idx: Tensor }[] = [];
  for (const item of expanded) {
    if (item === null) {
      out = out.unsqueeze(d++);
    } else if (typeof item === 'number') {
      const size = out.shape[d] as number;
      if (item < -size || item >= size) throw new RangeError(`index ${item} is out of bounds for dimension ${d} with size ${size}`);
      // An integer selects (a basic index) even next to index tensors, as in PyTorch (NumPy differs).
      out = out.select(d, item);
    } else if (isSlice(item)) {
      out = out.slice(d++, item.start ?? undefined, item.stop ?? undefined, item.step);
    } else if (isTensor(item) && item.dtype === 'bool') {
      for (let k = 0; k < item.ndim; k++) {
        if (item.shape[k] !== out.shape[d + k]) {
          throw new RangeError(`The shape of the mask [${item.shape.join(', ')}] at index ${k} does not match the shape of the indexed tensor [${out.shape.join(', ')}] at index ${d + k}`);
        }
      }
      const coords = item.nonzero();
      for (let k = 0; k < item.ndim; k++) adv.push({ dim: d++, idx: coords.select(1, k) });
    } else if (isTensor(item)) {
      adv.push({ dim: d++, idx: item });
    }
  }
  return adv.length === 0 ? out : gatherAdvanced(out, adv);
}

/** Applies the advanced indices (dims of `t`) with PyTorch's placement of the broadcast dims. */
function gatherAdvanced(t: Tensor, adv: readonly { dim: number; idx: Tensor }[]): Tensor {
  const shape = adv.reduce<number[]>((s, a) => broadcastShapes(s, a.idx.shape), []);
  const n = sizeOf(shape);
  const sizes = adv.map((a) => t.shape[a.dim] as number);
  const linear = new Int32Array(n);
  let scale = 1;
  for (let k = adv.length - 1; k >= 0; k--) {
    const { dim, idx } = adv[k] as { dim: number; idx: Tensor };
    const size = sizes[k] as number;
    const values = idx.expand(shape).contiguous().toTypedArray();
    for (let p = 0; p < n; p++) {
      let v = values[p] as number;
      if (v < -size || v >= size) throw new RangeError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
      if (v < 0) v += size;
      linear[p] = (linear[p] as number) + v * scale;
    }
    scale *= size;
  }
  const advDims = adv.map((a) => a.dim);
  const rest = t.shape.map((_, i) => i).filter((i) => !advDims.includes(i));
  const moved = t.permute([...advDims, ...rest]).reshape([scale, ...rest.map((i) => t.shape[i] as number)]);
  const picked = moved.indexSelect(0, intTensor(t, linear, [n])).reshape([...shape, ...rest.map((i) => t.shape[i] as number)]);
  const adjacent = advDims.every((dim, k) => k === 0 || dim === (advDims[k - 1] as number) + 1);
  const first = advDims[0] as number;
  if (!adjacent || first === 0) return picked;
  // Adjacent advanced dims: the broadcast dims go where the indexed dims were.
  const b = shape.length;
  const order = [...Array.from({ length: first }, (_, i) => b + i), ...Array.from({ length: b }, (_, i) => i), ...Array.from({ length: rest.length - first }, (_, i) => b + first + i)];
  return picked.permute(order);
}

/** The storage offsets `x[items]` reads, as an int32 tensor of the result's shape. */
export function indexOffsets(x: Tensor, items: readonly IndexItem[]): Tensor {
  const n = x.numel();
  const offsets = allocate('int32', n);
  const strides = contiguousStrides(x.shape);
  for (let p = 0; p < n; p++) {
    let off = x.offset;
    for (let d = 0; d < x.ndim; d++) off += (Math.floor(p / (strides[d] as number)) % (x.shape[d] as number)) * (x.strides[d] as number);
    offsets[p] = off;
  }
  const map = x._make(new Storage(offsets), [...x.shape], strides, 0, 'int32');
  // The map is a plain int tensor: indexing it records nothing even for autograd tensors.
  return index(map, items);
}

/**
 * Writes `values` (broadcast to the shape `x[items]` has) into `x` at `items`, in place; with
 * `accumulate`, repeated positions add up, else the last write wins (torch.Tensor.index_put_).
 */
export function indexPutInPlace(x: Tensor, items: readonly IndexItem[], values: Tensor | number, accumulate: boolean): Tensor {
  const targets = indexOffsets(x, items);
  if (typeof values !== 'number' && values.dtype !== x.dtype) {
    throw new TypeError(`Index put requires the source and destination dtypes match, got ${typeName(x)} for the destination and ${typeName(values)} for the source.`);
  }
  const offsets = targets.toTypedArray();
  let source: ArrayLike<number>;
  if (typeof values === 'number') {
    source = allocate(x.dtype, offsets.length).fill(values);
  } else {
    const shape = broadcastShapes(values.shape, targets.shape);
    if (shape.length !== targets.ndim || shape.some((s, i) => s !== targets.shape[i])) {
      throw new RangeError(`shape mismatch: value tensor of shape [${values.shape.join(', ')}] cannot be broadcast to indexing result of shape [${targets.shape.join(', ')}]`);
    }
    // A copy: the values may share storage with x.
    source = values.expand(targets.shape).contiguous().toTypedArray().slice();
  }
  const data = x.storage.data;
  for (let p = 0; p < offsets.length; p++) {
    const at = offsets[p] as number;
    data[at] = accumulate ? (data[at] as number) + (source[p] as number) : (source[p] as number);
  }
  x.storage.version++;
  return x;
}

const TYPE_NAMES = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' } as const;
function typeName(t: Tensor): string {
  return TYPE_NAMES[t.dtype];
}
