/**
 * Strided windows into a contiguous base, the two halves of PyTorch's view + in-place machinery:
 * {@link stridedRegion} reads the elements a view covers, {@link stridedScatter} writes a view's
 * values into zeros of the base's shape. Each is the other's gradient, so both stay
 * differentiable under `createGraph`.
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import type { DType } from '@descent/tensor';
import { filled } from '../filled';
import { needsGrad, record, untracked } from '../node';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/** Where a view lies in its contiguous base: its shape, strides and offset from the base's start. */
export interface ViewGeometry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly baseShape: readonly number[];
  readonly dtype: DType;
}

/** @internal The geometry of `view` inside the contiguous `root`. */
export function viewGeometry(view: BaseTensor, root: BaseTensor): ViewGeometry {
  return {
    shape: [...view.shape],
    strides: [...view.strides],
    offset: view.offset - root.offset,
    baseShape: [...root.shape],
    dtype: root.dtype,
  };
}

/** @internal The elements of `g` (shaped like the base) that the view covers, shaped like the view. */
export function stridedRegion(g: Tensor, geo: ViewGeometry): Tensor {
  const dense = g.contiguous();
  const out = dense._make(
    dense.storage,
    geo.shape,
    geo.strides,
    dense.offset + geo.offset,
    dense.dtype,
  );
  if (!needsGrad(dense)) return out;
  return record(out, 'AsStridedBackward0', [dense], (h) => [stridedScatter(h, geo)]);
}

function writeView(out: Tensor, src: Tensor, geo: ViewGeometry): void {
  base.copy_.call(out._make(out.storage, geo.shape, geo.strides, geo.offset, geo.dtype), src);
}

/** @internal Zeros shaped like the base with `src` written where the view lies. */
export function stridedScatter(src: Tensor, geo: ViewGeometry): Tensor {
  const out = filled(geo.baseShape, geo.dtype, 0);
  untracked(writeView, out, src, geo);
  out.storage.version = 0;
  if (!needsGrad(src)) return out;
  return record(out, 'AsStridedScatterBackward0', [src], (h) => [stridedRegion(h, geo)]);
}
