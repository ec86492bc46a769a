/**
 * BatchNorm's cumulative moving average (`momentum: null`) on a device other than the CPU: the
 * factor 1/num_batches_tracked is a 0-d tensor computed from the counter where it lives, so the
 * running statistics update without a synchronous read of the counter. (On the CPU the layer
 * reads the counter and passes the factor to the functional batch norm as a number.)
 */
import { noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';

/**
 * running ← (1 − m)·running + m·batch with m = 1/count (a tensor), for the batch's per-channel
 * mean and unbiased variance of `input` ([N, C, …], channels on dim 1), in place.
 *
 * @example
 * updateCumulativeRunningStats(x, bn.running_mean, bn.running_var, bn.num_batches_tracked);
 */
export function updateCumulativeRunningStats(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, count: Tensor): void {
  noGrad(() => {
    const x = input.detach();
    const dims = [0];
    for (let d = 2; d < x.ndim; d++) dims.push(d);
    const factor = count.float().reciprocal();
    const keep = factor.neg().add(1);
    if (runningMean !== null) runningMean.copy_(runningMean.mul(keep).add(x.mean(dims).mul(factor)));
    if (runningVar !== null) runningVar.copy_(runningVar.mul(keep).add(x.var(dims, { correction: 1 }).mul(factor)));
  });
}
