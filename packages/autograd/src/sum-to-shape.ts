/**
 * The one place where a broadcast gradient is summed back to an input's shape (tinygrad and tfjs
 * do the same in one helper): leading dimensions the input lacks, and dimensions where the input
 * has size 1, are summed; the result takes the input's dtype.
 */
import type { Device, DType, Tensor as BaseTensor } from '@descent/tensor';
import type { Tensor } from './tensor';

/**
 * @internal What a backward rule needs to know about an input (shape and dtype) without holding
 * the input itself, so its values can be freed once the forward pass no longer needs them.
 */
export interface TensorMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device: Device;
}

/** @internal The shape and dtype of `t` (a tensor's shape array is never mutated in place). */
export function metaOf(t: BaseTensor): TensorMeta {
  return { shape: t.shape, dtype: t.dtype, device: t.device };
}

/** @internal `grad` (the output's gradient) reduced to the shape and dtype of `input`. */
export function sumToShape(grad: Tensor, input: TensorMeta): Tensor {
  return sumTo(grad, input.shape, input.dtype);
}

/**
 * @internal {@link sumToShape} given the input's shape and dtype themselves: a rule that captures
 * these two needs no {@link TensorMeta} object per op (issue #23).
 */
export function sumTo(grad: Tensor, shape: readonly number[], dtype: DType): Tensor {
  let out = grad;
  const gShape = grad.shape;
  if (!sameShape(gShape, shape)) {
    const lead = gShape.length - shape.length;
    const dims: number[] = [];
    for (let d = 0; d < gShape.length; d++) {
      if (d < lead || (shape[d - lead] === 1 && gShape[d] !== 1)) dims.push(d);
    }
    if (dims.length > 0) out = out.sum(dims, true);
    out = out.reshape(shape);
  }
  return out.dtype === dtype ? out : out.to(dtype);
}

/** Whether two shapes are equal (a plain loop: this runs once per backward rule, issue #23). */
function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
