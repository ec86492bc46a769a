import { fusedNorm, noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { float64Values, statisticsTensor } from './norm-statistics';
import { list } from './window-args';

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /** Per-channel scale γ (default none). */
  weight?: Tensor | null;
  /** Per-channel shift β (default none). */
  bias?: Tensor | null;
  /** Normalize with the batch's statistics and update the running ones (default false: use the running ones). */
  training?: boolean;
  /** Weight of the new batch in the running averages (default 0.1). */
  momentum?: number;
  /** Added to the variance (default 1e-5). */
  eps?: number;
}

/**
 * Batch normalization over dim 1 of `input` [N, C, …] (torch.nn.functional.batch_norm):
 *
 *   training:  μ, σ² = mean and biased variance over every dim but 1
 *              runningMean ← (1 − m)·runningMean + m·μ;  runningVar ← (1 − m)·runningVar + m·σ²·n/(n − 1)
 *   eval:      μ, σ² = runningMean, runningVar
 *   y = (x − μ) / √(σ² + eps) · γ + β
 *
 * The running buffers are updated in place, outside the graph; `null` ones are skipped. Float32
 * inputs run on one fused wasm kernel each way (`fusedNorm`; on 'webgpu' the GPU's fused kernels
 * when training); elsewhere it is built from differentiable ops, the reference the fused path is
 * tested against.
 *
 * @example
 * batchNorm(x, runningMean, runningVar, { weight, bias, training: true });
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, options: BatchNormOptions = {}): Tensor {
  const { weight = null, bias = null, training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 2) throw new RangeError(`batch_norm: expected an input of at least 2 dims [N, C, …], got ${list(input.shape)}`);
  const channels = input.shape[1] as number;
  for (const [name, t] of [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t !== null && t.numel() !== channels) throw new RangeError(`${name} should contain ${channels} elements not ${t.numel()}`);
  }
  const dims = [0, ...Array.from({ length: input.ndim - 2 }, (_, i) => i + 2)];
  const count = input.numel() / channels;
  const shape = input.shape.map((s, d) => (d === 1 ? s : 1));
  if (training && count <= 1) throw new RangeError(`Expected more than 1 value per channel when training, got input size torch.Size(${list(input.shape)})`);
  // On 'webgpu' in eval mode the composed path runs (the fused one reads the running statistics on the CPU).
  const fused = input.device === 'cpu' || training ? batchNormFused(input, runningMean, runningVar, weight, bias, training, momentum, eps, count) : null;
  if (fused !== null) return fused;
  let mean: Tensor;
  let variance: Tensor;
  if (training) {
    mean = input.mean(dims, true);
    variance = input.var(dims, { correction: 0, keepdim: true });
    noGrad(() => {
      if (runningMean !== null) runningMean.mul_(1 - momentum).add_(mean.detach().reshape([channels]).mul(momentum));
      if (runningVar !== null) runningVar.mul_(1 - momentum).add_(variance.detach().reshape([channels]).mul((momentum * count) / (count - 1)));
    });
  } else {
    if (runningMean === null || runningVar === null) throw new TypeError('batch_norm: running_mean and running_var must be defined in evaluation mode');
    mean = runningMean.reshape(shape);
    variance = runningVar.reshape(shape);
  }
  let out = input.sub(mean).mul(variance.add(eps).rsqrt());
  if (weight !== null) out = out.mul(weight.reshape(shape));
  if (bias !== null) out = out.add(bias.reshape(shape));
  return out;
}

/** The fused float32 path of {@link batchNorm}, or null where it does not apply (shapes checked by the caller). */
function batchNormFused(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null, bias: Tensor | null, training: boolean, momentum: number, eps: number, count: number): Tensor | null {
  const [n, channels] = input.shape as [number, number];
  if (input.numel() === 0) return null;
  const layout = { batch: n, channels, spatial: count / n, groups: 1, perChannel: true };
  let given: { mean: Float64Array; rstd: Float64Array } | null = null;
  if (!training) {
    if (runningMean === null || runningVar === null) throw new TypeError('batch_norm: running_mean and running_var must be defined in evaluation mode');
    given = { mean: float64Values(runningMean), rstd: float64Values(runningVar).map((v) => 1 / Math.sqrt(v + eps)) };
  }
  const fused = fusedNorm(input, weight, bias, { layout, eps, given, name: 'NativeBatchNormBackward0' });
  if (fused === null) return null;
  if (training && fused.deviceStats !== null) {
    const { mean, variance } = fused.deviceStats;
    noGrad(() => {
      if (runningMean !== null) runningMean.mul_(1 - momentum).add_(mean.mul(momentum));
      if (runningVar !== null) runningVar.mul_(1 - momentum).add_(variance.mul((momentum * count) / (count - 1)));
    });
  } else if (training) {
    const { mean, variance } = fused.stats;
    noGrad(() => {
      if (runningMean !== null) runningMean.mul_(1 - momentum).add_(statisticsTensor(mean, runningMean).mul(momentum));
      if (runningVar !== null) runningVar.mul_(1 - momentum).add_(statisticsTensor(variance, runningVar).mul((momentum * count) / (count - 1)));
    });
  }
  return fused.out;
}
