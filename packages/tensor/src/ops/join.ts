/** cat, stack, split and chunk. */
import { allocate, promoteTypes } from '../dtype';
import { mapUnary, operandOf } from '../kernels/elementwise';
import { contiguousStrides, normalizeDim, showShape, sizeOf } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { gpuCat } from '../device/gpu-join';

/** Joins tensors along an existing dimension. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new RangeError('torch.cat(): expected a non-empty list of Tensors');
  // PyTorch skips 1-D empty tensors (legacy behaviour) when other inputs have more dimensions.
  const parts = tensors.filter((t) => !(t.ndim === 1 && t.shape[0] === 0) || tensors.every((u) => u.ndim === 1));
  const zeroDim = tensors.findIndex((t) => t.ndim === 0);
  if (zeroDim >= 0) throw new RangeError(`zero-dimensional tensor (at position ${zeroDim}) cannot be concatenated`);
  const ref = parts[0] ?? first;
  const d = normalizeDim(dim, ref.ndim);
  let dtype = ref.dtype;
  let total = 0;
  parts.forEach((t, i) => {
    if (t.ndim !== ref.ndim) {
      throw new RangeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim}`);
    }
    t.shape.forEach((size, j) => {
      if (j !== d && size !== ref.shape[j]) {
        throw new RangeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[j]} but got size ${size} for tensor number ${i} in the list.`,
        );
      }
    });
    dtype = promoteTypes(dtype, t.dtype);
    total += t.shape[d] as number;
  });
  const shape = [...ref.shape];
  shape[d] = total;
  if (parts.some((t) => t.storage.device === 'webgpu')) return gpuCat(parts, d, shape, dtype, first);
  const out = allocate(dtype, sizeOf(shape));
  const strides = contiguousStrides(shape);
  let start = 0;
  for (const t of parts) {
    mapUnary((x) => x, t.shape, { data: out, strides, offset: start * (strides[d] as number) }, operandOf(t));
    start += t.shape[d] as number;
  }
  return first._make(new Storage(out), shape, strides, 0, dtype);
}

/** Joins tensors of equal shape along a new dimension. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new RangeError('stack expects a non-empty TensorList');
  const d = normalizeDim(dim, first.ndim + 1);
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim || t.shape.some((s, j) => s !== first.shape[j])) {
      throw new RangeError(
        `stack expects each tensor to be equal size, but got ${showShape(first.shape)} at entry 0 and ${showShape(t.shape)} at entry ${i}`,
      );
    }
  });
  return cat(tensors.map((t) => t.unsqueeze(d)), d);
}

/** Splits into views of `size` along `dim` (the last may be smaller), or into the given sizes. */
export function split(t: Tensor, sizes: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim(dim, t.ndim);
  const length = t.shape[d] as number;
  const parts: number[] = [];
  if (typeof sizes === 'number') {
    if (!Number.isInteger(sizes) || sizes < 0) {
      throw new RangeError(`split expects split_size be non-negative, but got split_size=${sizes}`);
    }
    if (sizes === 0 && length !== 0) {
      throw new RangeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${length}`);
    }
    for (let s = 0; s < length; s += sizes) parts.push(Math.min(sizes, length - s));
    if (length === 0) parts.push(0);
  } else {
    if (sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new RangeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[${sizes.join(', ')}]`);
    }
    const sum = sizes.reduce((a, b) => a + b, 0);
    if (sum !== length) {
      throw new RangeError(
        `split_with_sizes expects split_sizes to sum exactly to ${length} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(', ')}]`,
      );
    }
    parts.push(...sizes);
  }
  let start = 0;
  return parts.map((len) => {
    const view = t.narrow(d, start, len);
    start += len;
    return view;
  });
}

/** Splits into `chunks` views of (nearly) equal size along `dim`. */
export function chunk(t: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, t.ndim);
  const size = Math.ceil((t.shape[d] as number) / chunks);
  return split(t, Math.max(size, 1), d);
}
