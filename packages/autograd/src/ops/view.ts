/**
 * Views and copies. A view's gradient is the inverse view of g (reshape back, inverse permute,
 * sum over expanded dims); slicing ops scatter g into zeros with {@link sliceScatter}, itself a
 * recorded op so higher-order gradients flow through it. The rules capture the input's shape and
 * dtype, never the input, so a used graph holds no tensor values.
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import type { Device, DType } from '@descent/tensor';
import { filled } from '../filled';
import { gradMode } from '../grad-mode';
import { needsGrad, record, untracked, untrackedMethod } from '../node';
import { metaOf, sumToShape } from '../sum-to-shape';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/**
 * Links a view to its base, so in-place ops through either keep both histories right
 * (in-place.ts). Views are linked whenever grad mode is on, also of tensors without grad: an
 * in-place op with a grad-requiring operand may make the base require grad later.
 */
function track(a: Tensor, out: Tensor): Tensor {
  return gradMode.enabled ? asView(a, out) : out;
}

function asView(a: Tensor, out: Tensor): Tensor {
  if (out.storage === a.storage) {
    const root = a._base ?? a;
    out._base = root;
    out._seenHistory = root._history;
    root._hasViews = true;
  }
  return out;
}

/** A 0-d tensor viewed as [1, 1, …] (@descent/tensor's reshape rejects 0-d inputs for now). */
function scalarView(a: Tensor, shape: readonly number[]): Tensor | null {
  if (a.ndim !== 0 || shape.length === 0 || !shape.every((s) => s === 1 || s === -1)) return null;
  const target = shape.map(() => 1);
  return a._make(a.storage, target, target, a.offset, a.dtype);
}

function baseReshape(a: Tensor, shape: readonly number[], kind: 'reshape' | 'view'): Tensor {
  return (
    scalarView(a, shape) ??
    ((kind === 'view' ? base.view.call(a, shape) : base.reshape.call(a, shape)) as Tensor)
  );
}

/** reshape / view; the gradient is g reshaped back. */
export function reshape(a: Tensor, shape: readonly number[], kind: 'reshape' | 'view'): Tensor {
  if (!needsGrad(a)) return track(a, baseReshape(a, shape, kind));
  const out = untracked(baseReshape, a, shape, kind);
  const inputShape = a.shape;
  const name =
    out.storage !== a.storage
      ? 'UnsafeViewBackward0'
      : kind === 'view'
        ? 'ViewBackward0'
        : 'ReshapeAliasBackward0';
  return asView(
    a,
    record(out, name, [a], (g) => [g.reshape(inputShape)]),
  );
}

/** Reorders dims; the gradient is g under the inverse permutation. */
export function permute(a: Tensor, dims: readonly number[]): Tensor {
  const out = base.permute.call(a, dims) as Tensor;
  if (!needsGrad(a)) return track(a, out);
  const inverse = new Array<number>(dims.length);
  dims.forEach((d, i) => (inverse[d < 0 ? d + dims.length : d] = i));
  return asView(
    a,
    record(out, 'PermuteBackward0', [a], (g) => [g.permute(inverse)]),
  );
}

/** Swaps two dims; the gradient swaps them back. */
export function transpose(a: Tensor, dim0: number, dim1: number): Tensor {
  if (!needsGrad(a)) return track(a, base.transpose.call(a, dim0, dim1) as Tensor);
  const out = untrackedMethod(a, 'transpose', dim0, dim1) as Tensor;
  return asView(
    a,
    record(out, 'TransposeBackward0', [a], (g) => [g.transpose(dim0, dim1)]),
  );
}

/** Transpose of a ≤2-D tensor; the gradient is g transposed. */
export function t(a: Tensor): Tensor {
  if (!needsGrad(a)) return track(a, base.t.call(a) as Tensor);
  const out = untrackedMethod(a, 't') as Tensor;
  return asView(
    a,
    record(out, 'TBackward0', [a], (g) => [g.t()]),
  );
}

/** Broadcast view; the gradient is g summed over the expanded dims. */
export function expand(a: Tensor, shape: readonly number[]): Tensor {
  const out = base.expand.call(a, shape) as Tensor;
  if (!needsGrad(a)) return track(a, out);
  const ma = metaOf(a);
  return asView(
    a,
    record(out, 'ExpandBackward0', [a], (g) => [sumToShape(g, ma)]),
  );
}

/** Inserts a size-1 dim; the gradient is g reshaped back. */
export function unsqueeze(a: Tensor, dim: number): Tensor {
  const out = base.unsqueeze.call(a, dim) as Tensor;
  if (!needsGrad(a)) return track(a, out);
  const inputShape = a.shape;
  return asView(
    a,
    record(out, 'UnsqueezeBackward0', [a], (g) => [g.reshape(inputShape)]),
  );
}

/** Removes size-1 dims; the gradient is g reshaped back. */
export function squeeze(a: Tensor, dim?: number | readonly number[]): Tensor {
  const out = base.squeeze.call(a, dim) as Tensor;
  if (!needsGrad(a)) return track(a, out);
  const inputShape = a.shape;
  return asView(
    a,
    record(out, dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', [a], (g) => [
      g.reshape(inputShape),
    ]),
  );
}

/** A window along `dim`; the gradient is g placed into zeros. */
export function narrow(a: Tensor, dim: number, start: number, length: number): Tensor {
  const out = base.narrow.call(a, dim, start, length) as Tensor;
  if (!needsGrad(a)) return track(a, out);
  const d = dim < 0 ? dim + a.ndim : dim;
  const s = start < 0 ? start + (a.shape[d] as number) : start;
  const { shape, dtype } = metaOf(a);
  return asView(
    a,
    record(out, 'SliceBackward0', [a], (g) => [sliceScatter(g, shape, dtype, d, s, 1)]),
  );
}

/** A strided window along `dim`; the gradient is g placed into zeros at the same positions. */
export function slice(
  a: Tensor,
  dim: number,
  start: number | undefined,
  end: number | undefined,
  step: number,
): Tensor {
  const out = base.slice.call(a, dim, start, end, step) as Tensor;
  if (!needsGrad(a)) return track(a, out);
  const d = dim < 0 ? dim + a.ndim : dim;
  const { shape, dtype } = metaOf(a);
  const first = sliceStart(start, shape[d] as number);
  return asView(
    a,
    record(out, 'SliceBackward0', [a], (g) => [sliceScatter(g, shape, dtype, d, first, step)]),
  );
}

/** Where `slice(dim, start, …)` begins along a dim of `size` (Python's clamping of `start`). */
function sliceStart(start: number | undefined, size: number): number {
  if (start === undefined) return 0;
  return Math.min(Math.max(start < 0 ? start + size : start, 0), size);
}

/** One entry along `dim`; the gradient is g placed into zeros at that index. */
export function select(a: Tensor, dim: number, index: number): Tensor {
  if (!needsGrad(a)) return track(a, base.select.call(a, dim, index) as Tensor);
  const out = untrackedMethod(a, 'select', dim, index) as Tensor;
  const d = dim < 0 ? dim + a.ndim : dim;
  const i = index < 0 ? index + (a.shape[d] as number) : index;
  const { shape, dtype } = metaOf(a);
  return asView(
    a,
    record(out, 'SelectBackward0', [a], (g) => [
      sliceScatter(g.unsqueeze(d), shape, dtype, d, i, 1),
    ]),
  );
}

/**
 * @internal Zeros of `shape` with `src` written at positions start, start + step, … along `dim`
 * (PyTorch's slice_scatter into zeros). Its gradient is the same slice of g.
 */
export function sliceScatter(
  src: Tensor,
  shape: readonly number[],
  dtype: DType,
  dim: number,
  start: number,
  step: number,
): Tensor {
  const out = filled(shape, dtype, 0, src.device);
  const end = start + ((src.shape[dim] as number) - 1) * step + 1;
  untracked(writeWindow, out, src, dim, start, end, step);
  out.storage.version = 0;
  if (!needsGrad(src)) return out;
  return record(out, 'SliceScatterBackward0', [src], (g) => [g.slice(dim, start, end, step)]);
}

function writeWindow(
  out: Tensor,
  src: Tensor,
  dim: number,
  start: number,
  end: number,
  step: number,
): void {
  base.copy_.call(base.slice.call(out, dim, start, end, step), src);
}

/** Reverses `dims`; the gradient is g flipped back. */
export function flip(a: Tensor, dims: readonly number[]): Tensor {
  const out = base.flip.call(a, dims) as Tensor;
  return needsGrad(a) ? record(out, 'FlipBackward0', [a], (g) => [g.flip(dims)]) : out;
}

/** A copy; the gradient passes through. */
export function clone(a: Tensor): Tensor {
  const out = base.clone.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'CloneBackward0', [a], (g) => [g]) : out;
}

/** Conversion between dtypes; between float dtypes the gradient is converted back. */
export function to(a: Tensor, dtype: DType | Device): Tensor {
  const out = base.to.call(a, dtype) as Tensor;
  // A device move is a copy without history (the GPU gradient could not be read back synchronously).
  if (dtype === 'cpu' || dtype === 'webgpu') return out;
  if (out === a || !needsGrad(a) || (dtype !== 'float32' && dtype !== 'float64')) return out;
  const inputDtype = a.dtype;
  return record(out, 'ToCopyBackward0', [a], (g) => [g.to(inputDtype)]);
}
