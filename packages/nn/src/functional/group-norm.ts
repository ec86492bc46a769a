import { fusedNorm } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { list } from './window-args';

/** Options of {@link groupNorm}. */
export interface GroupNormOptions {
  /** Per-channel scale (default none). */
  weight?: Tensor | null;
  /** Per-channel shift (default none). */
  bias?: Tensor | null;
  /** Added to the variance (default 1e-5). */
  eps?: number;
}

/**
 * Group normalization (Wu & He 2018; torch.nn.functional.group_norm): the channels of `input`
 * [N, C, …] are split into `numGroups` groups, each sample's group is normalized with its own mean
 * and biased variance, then scaled and shifted per channel. Float32 inputs run on one fused wasm
 * kernel each way (`fusedNorm`); elsewhere it is built from differentiable ops.
 *
 * @example
 * groupNorm(x, 4, { weight, bias });
 */
export function groupNorm(input: Tensor, numGroups: number, options: GroupNormOptions = {}): Tensor {
  const { weight = null, bias = null, eps = 1e-5 } = options;
  if (input.ndim < 2) throw new RangeError(`group_norm: expected an input of at least 2 dims [N, C, …], got ${list(input.shape)}`);
  const [n, channels] = input.shape as [number, number];
  if (!Number.isSafeInteger(numGroups) || numGroups < 1 || channels % numGroups !== 0) {
    throw new RangeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${list(input.shape)} and num_groups=${numGroups}`);
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t !== null && (t.ndim !== 1 || t.shape[0] !== channels)) {
      throw new RangeError(`Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape ${list(t.shape)} and input of shape ${list(input.shape)}`);
    }
  }
  if (input.numel() > 0) {
    const layout = { batch: n, channels, spatial: input.numel() / (n * channels), groups: numGroups, perChannel: false };
    const fused = fusedNorm(input, weight, bias, { layout, eps, given: null, name: 'NativeGroupNormBackward0' });
    if (fused !== null) return fused.out;
  }
  const grouped = input.reshape([n, numGroups, -1]);
  const mean = grouped.mean(2, true);
  const variance = grouped.var(2, { correction: 0, keepdim: true });
  let out = grouped.sub(mean).mul(variance.add(eps).rsqrt()).reshape(input.shape);
  const shape = input.shape.map((s, d) => (d === 1 ? s : 1));
  if (weight !== null) out = out.mul(weight.reshape(shape));
  if (bias !== null) out = out.add(bias.reshape(shape));
  return out;
}
