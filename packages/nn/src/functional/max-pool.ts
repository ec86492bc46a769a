import { maxPool2dWithIndices } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { maxPool2dIndices } from '@descent/tensor';
import { planPool } from './pool-geometry';
import type { PoolPlan, PoolWindowOptions } from './pool-geometry';
import type { SpatialSize } from './window-args';

/** Options of {@link maxPool1d} and {@link maxPool2d}. */
export interface MaxPoolOptions extends PoolWindowOptions {
  /** Spacing between window taps (default 1). */
  dilation?: SpatialSize;
  /** Also return where each maximum came from, as flat indices into each input plane (default false). */
  returnIndices?: boolean;
}

/** Window maxima and their positions: float inputs take the one-pass op of autograd; other dtypes gather the maxima (the gradient flows back through gather). */
function poolMax(plan: PoolPlan, returnIndices: boolean): Tensor | [Tensor, Tensor] {
  const x = plan.input;
  if (x.dtype === 'float32' || x.dtype === 'float64') {
    // One pass for maxima and positions, one scatter backward (the recorded op of autograd).
    const [values, indices] = maxPool2dWithIndices(x, plan);
    return returnIndices ? [plan.finish(values), plan.finish(indices)] : plan.finish(values);
  }
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const shape = [n, channels, plan.outH, plan.outW];
  // The window scan of @descent/tensor's max pooling kernel, for any dtype.
  const index = maxPool2dIndices(x, plan).reshape([n, channels, plan.outH * plan.outW]) as Tensor;
  const values = x.reshape([n, channels, height * width]).gather(2, index).reshape(shape);
  if (!returnIndices) return plan.finish(values);
  return [plan.finish(values), plan.finish(index.reshape(shape))];
}

/**
 * 2-D max pooling over `input` [N, C, H, W] or [C, H, W] (torch.nn.functional.max_pool2d). Options:
 * `stride` (kernelSize), `padding` (0, at most half the kernel; padding never wins), `dilation` (1),
 * `ceilMode` (false), `returnIndices` (false: with true, returns `[values, indices]`, the indices
 * int32 flat positions in each H×W plane as PyTorch's int64 ones).
 *
 * @example
 * maxPool2d(x, 2); // halves H and W
 */
export function maxPool2d(input: Tensor, kernelSize: SpatialSize, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: SpatialSize, options?: MaxPoolOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(input: Tensor, kernelSize: SpatialSize, options?: MaxPoolOptions): Tensor | [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: SpatialSize, options: MaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  return poolMax(planPool('max_pool2d', 2, input, kernelSize, options, options.dilation ?? 1), options.returnIndices ?? false);
}

/**
 * 1-D max pooling over `input` [N, C, L] or [C, L] (torch.nn.functional.max_pool1d); options as
 * {@link maxPool2d}, the indices positions along L.
 *
 * @example
 * maxPool1d(x, 3, { stride: 2 });
 */
export function maxPool1d(input: Tensor, kernelSize: SpatialSize, options: MaxPoolOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(input: Tensor, kernelSize: SpatialSize, options?: MaxPoolOptions & { returnIndices?: false }): Tensor;
export function maxPool1d(input: Tensor, kernelSize: SpatialSize, options?: MaxPoolOptions): Tensor | [Tensor, Tensor];
export function maxPool1d(input: Tensor, kernelSize: SpatialSize, options: MaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  return poolMax(planPool('max_pool1d', 1, input, kernelSize, options, options.dilation ?? 1), options.returnIndices ?? false);
}
