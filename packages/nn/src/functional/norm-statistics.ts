import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';

/**
 * The elements of `t` in order as float64 (for statistics handed to the fused normalization kernels).
 *
 * @example
 * float64Values(runningMean); // Float64Array [0, 0, …]
 */
export function float64Values(t: Tensor): Float64Array {
  const c = t.contiguous();
  return Float64Array.from(c.storage.data.subarray(c.offset, c.offset + c.numel()) as Float32Array | Float64Array);
}

/**
 * Float64 statistics as a tensor of `like`'s shape and dtype (no history), for running averages.
 *
 * @example
 * runningMean.mul_(0.9).add_(statisticsTensor(stats.mean, runningMean).mul(0.1));
 */
export function statisticsTensor(values: Float64Array, like: Tensor): Tensor {
  return tensor(values, { dtype: like.dtype }).reshape(like.shape);
}
