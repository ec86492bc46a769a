/**
 * Tensor methods: views and shape changes (reshape, permute, expand, slice, …), and copies.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { intArg, intListArg } from '../args';
import type { IntList } from '../args';
import { allocateUninitialized, scalarTypeName } from '../dtype';
import { gatherContiguous, operandOf } from '../kernels/elementwise';
import { isShapeArray, contiguousStrides, normalizeDim, normalizeDims, sizeOf } from '../shape';
import { Storage } from '../storage';
import { viewStrides } from '../view-strides';
import { installMethods } from './method-group';

/** Views and shape changes (reshape, permute, expand, slice, …), and copies. Part of {@link Tensor}. */
export interface TensorViews {
  /** A view with a new shape when the strides allow it, else a copy. One size may be −1. */
  reshape(...shape: IntList[]): Tensor;
  /** A view with a new shape; fails when the strides do not allow it (use reshape). */
  view(...shape: IntList[]): Tensor;
  /** Reorders the dimensions. */
  permute(...dimsArg: IntList[]): Tensor;
  /** Swaps two dimensions. */
  transpose(dim0: number, dim1: number): Tensor;
  /** Transpose of a ≤2-D tensor. */
  t(): Tensor;
  /** Broadcasts size-1 dimensions to `shape` without copying (−1 keeps a size). */
  expand(...sizes: IntList[]): Tensor;
  /** Expands to another tensor's shape. */
  expandAs(other: Tensor): Tensor;
  /** Inserts a size-1 dimension at `dim`. */
  unsqueeze(dim: number): Tensor;
  /** Removes size-1 dimensions: all, or those of `dim` (a dim or a list of dims) that have size 1. */
  squeeze(dim?: number | readonly number[]): Tensor;
  /** The view of `length` entries along `dim` starting at `start`. */
  narrow(dim: number, start: number, length: number): Tensor;
  /**
   * Python's `t[..., start:end:step, ...]` on one dimension, as a view. Omitted bounds default to
   * the whole dimension; negative bounds count from the end; `step` must be positive.
   *
   * @example
   * x.slice(1, 0, undefined, 2); // x[:, ::2]
   */
  slice(dim: number, start?: number, end?: number, step?: number): Tensor;
  /** The entry `index` along `dim`, removing that dimension (Python's `t[:, i]`). */
  select(dim: number, index: number): Tensor;
  /** Merges dims startDim … endDim into one. */
  flatten(startDim?: number, endDim?: number): Tensor;
  /** Reverses the order of elements along `dims` (a copy, as PyTorch). */
  flip(...dimsArg: IntList[]): Tensor;
  /** This tensor when contiguous, else a contiguous copy. */
  contiguous(): Tensor;
  /** A contiguous copy with its own storage. */
  clone(): Tensor;
  /** The views along `dim` (default 0), each without that dim (torch.unbind). */
  unbind(dim?: number): Tensor[];
}

installMethods<TensorViews>(Tensor.prototype, {
  reshape(...shape: IntList[]): Tensor {
    const target = inferShape(this, intListArg('reshape', 'shape', shape));
    const strides = viewStrides(this.shape, this.strides, target);
    return strides ? viewOf(this, target, strides) : this.contiguous().view(target);
  },
  view(...shape: IntList[]): Tensor {
    const target = inferShape(this, intListArg('view', 'size', shape));
    const strides = viewStrides(this.shape, this.strides, target);
    if (!strides) {
      throw new RangeError(
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
      );
    }
    return viewOf(this, target, strides);
  },
  permute(...dimsArg: IntList[]): Tensor {
    const dims = intListArg('permute', 'dims', dimsArg);
    if (dims.length !== this.ndim) {
      throw new RangeError(
        `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${this.ndim} is not equal to len(dims) = ${dims.length}`,
      );
    }
    const order = dims.map((d) => normalizeDim(d, this.ndim));
    if (new Set(order).size !== order.length) throw new RangeError(`permute(): duplicate dims are not allowed, got dims [${dims.join(', ')}].`);
    return viewOf(this, order.map((d) => this.shape[d] as number), order.map((d) => this.strides[d] as number));
  },
  transpose(dim0: number, dim1: number): Tensor {
    const a = normalizeDim(dim0, this.ndim);
    const b = normalizeDim(dim1, this.ndim);
    if (this.ndim === 0) return viewOf(this, [], []);
    const order = this.shape.map((_, i) => (i === a ? b : i === b ? a : i));
    return this.permute(order);
  },
  t(): Tensor {
    if (this.ndim > 2) throw new RangeError(`t() expects a tensor with <= 2 dimensions, but self is ${this.ndim}D`);
    return this.ndim < 2 ? viewOf(this, this.shape, this.strides) : this.transpose(0, 1);
  },
  expand(...sizes: IntList[]): Tensor {
    const shape = intListArg('expand', 'size', sizes);
    if (shape.length < this.ndim) {
      throw new RangeError(
        `expand(torch.${scalarTypeName(this.dtype)}Tensor{[${this.shape.join(', ')}]}, size=[${shape.join(', ')}]): the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${this.ndim})`,
      );
    }
    const lead = shape.length - this.ndim;
    const strides: number[] = [];
    const out = shape.map((size, i) => {
      const j = i - lead;
      const own = j >= 0 ? (this.shape[j] as number) : 1;
      if (j < 0 && size === -1) {
        throw new RangeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      }
      const target = size === -1 ? own : size;
      if (j >= 0 && own !== target && own !== 1) {
        throw new RangeError(
          `The expanded size of the tensor (${target}) must match the existing size (${own}) at non-singleton dimension ${i}.  Target sizes: [${shape.join(', ')}].  Tensor sizes: [${this.shape.join(', ')}]`,
        );
      }
      strides.push(j < 0 || own !== target ? 0 : (this.strides[j] as number));
      return target;
    });
    return viewOf(this, out, strides);
  },
  expandAs(other: Tensor): Tensor {
    return this.expand(other.shape);
  },
  unsqueeze(dim: number): Tensor {
    const d = normalizeDim(dim, this.ndim + 1);
    const shape = [...this.shape];
    const strides = [...this.strides];
    shape.splice(d, 0, 1);
    strides.splice(d, 0, d < this.ndim ? (this.strides[d] as number) * (this.shape[d] as number) : 1);
    return viewOf(this, shape, strides);
  },
  squeeze(dim?: number | readonly number[]): Tensor {
    if (Array.isArray(dim)) {
      const ds = normalizeDims(intListArg('squeeze', 'dim', [dim]), this.ndim);
      const keep = this.shape.map((s, i) => (s === 1 && ds.includes(i) ? -1 : i)).filter((i) => i >= 0);
      return viewOf(this, keep.map((i) => this.shape[i] as number), keep.map((i) => this.strides[i] as number));
    }
    if (dim === undefined) {
      const keep = this.shape.map((s, i) => (s === 1 ? -1 : i)).filter((i) => i >= 0);
      return viewOf(this, keep.map((i) => this.shape[i] as number), keep.map((i) => this.strides[i] as number));
    }
    const d = normalizeDim(intArg('squeeze', 'dim', dim), this.ndim);
    if (this.ndim === 0) return viewOf(this, [], []);
    if (this.shape[d] !== 1) return viewOf(this, this.shape, this.strides);
    return viewOf(this, this.shape.filter((_, i) => i !== d), this.strides.filter((_, i) => i !== d));
  },
  narrow(dim: number, start: number, length: number): Tensor {
    if (this.ndim === 0) throw new RangeError('narrow() cannot be applied to a 0-dim tensor.');
    const d = normalizeDim(dim, this.ndim);
    const size = this.shape[d] as number;
    const s = start < 0 ? start + size : start;
    if (!(s >= 0 && s <= size)) throw new RangeError(`start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`);
    if (!(length >= 0 && s + length <= size)) throw new RangeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
    const shape = [...this.shape];
    shape[d] = length;
    return viewOf(this, shape, this.strides, this.offset + s * (this.strides[d] as number));
  },
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice step must be positive, got ${step}`);
    const d = normalizeDim(dim, this.ndim);
    const size = this.shape[d] as number;
    const clampIndex = (v: number | undefined, dflt: number): number => {
      if (v === undefined) return dflt;
      const w = v < 0 ? v + size : v;
      return Math.min(Math.max(w, 0), size);
    };
    const s = clampIndex(start, 0);
    const e = Math.max(clampIndex(end, size), s);
    const shape = [...this.shape];
    const strides = [...this.strides];
    shape[d] = Math.ceil((e - s) / step);
    strides[d] = (this.strides[d] as number) * step;
    return viewOf(this, shape, strides, this.offset + s * (this.strides[d] as number));
  },
  select(dim: number, index: number): Tensor {
    const d = normalizeDim(dim, this.ndim);
    const size = this.shape[d] as number;
    if (index < -size || index >= size) {
      throw new RangeError(`select(): index ${index} out of range for tensor of size [${this.shape.join(', ')}] at dimension ${d}`);
    }
    return this.narrow(d, index < 0 ? index + size : index, 1).squeeze(d);
  },
  flatten(startDim = 0, endDim = -1): Tensor {
    const s = normalizeDim(startDim, this.ndim);
    const e = normalizeDim(endDim, this.ndim);
    if (this.ndim === 0) return this.reshape([1]);
    if (s > e) throw new RangeError(`flatten() has invalid args: start_dim cannot come after end_dim, got start_dim=${startDim}, end_dim=${endDim}`);
    const shape = [...this.shape.slice(0, s), sizeOf(this.shape.slice(s, e + 1)), ...this.shape.slice(e + 1)];
    return this.reshape(shape);
  },
  flip(...dimsArg: IntList[]): Tensor {
    const ds = normalizeDims(intListArg('flip', 'dims', dimsArg), this.ndim);
    if (this.ndim === 0) return this.clone();
    let offset = this.offset;
    const strides = [...this.strides];
    for (const d of ds) {
      offset += ((this.shape[d] as number) - 1) * (strides[d] as number);
      strides[d] = -(strides[d] as number);
    }
    return viewOf(this, this.shape, strides, this.shape.some((s) => s === 0) ? this.offset : offset).clone();
  },
  contiguous(): Tensor {
    return this.isContiguous() ? this : this.clone();
  },
  clone(): Tensor {
    // The copy writes every element, so a reused pool array need not be cleared first.
    const out = allocateUninitialized(this.dtype, this.numel());
    gatherContiguous(this.shape, operandOf(this), out);
    return this._make(new Storage(out), [...this.shape], contiguousStrides(this.shape), 0, this.dtype);
  },
  unbind(dim = 0): Tensor[] {
    if (this.ndim === 0) throw new RangeError('Dimension specified as 0 but tensor has no dimensions');
    const d = normalizeDim(dim, this.ndim);
    return Array.from({ length: this.shape[d] as number }, (_, i) => this.select(d, i));
  },
});

function viewOf(self: Tensor, shape: readonly number[], strides: readonly number[], offset = self.offset): Tensor {
  return self._make(self.storage, shape, strides, offset, self.dtype);
}
function inferShape(self: Tensor, shape: readonly number[]): number[] {
  if (!isShapeArray(shape)) throw new TypeError(`reshape: shape must be an array of sizes, got ${String(shape)}`);
  const n = self.numel();
  const free = shape.filter((d) => d === -1).length;
  if (free > 1) throw new RangeError(`only one dimension can be inferred, got shape [${shape.join(', ')}]`);
  const bad = shape.find((d) => !Number.isInteger(d) || d < -1);
  if (bad !== undefined) throw new RangeError(`invalid shape dimension ${bad}`);
  const known = shape.reduce((a, d) => (d === -1 ? a : a * d), 1);
  if (free === 1 && known === 0) {
    throw new RangeError(
      `cannot reshape tensor of 0 elements into shape [${shape.join(', ')}] because the unspecified dimension size -1 can be any value and is ambiguous`,
    );
  }
  const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : n / known) : d));
  if (out.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(out) !== n) {
    throw new RangeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${n}`);
  }
  return out;
}
