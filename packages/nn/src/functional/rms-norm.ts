import type { Tensor } from '@descent/autograd';

/** Options of {@link rmsNorm}. */
export interface RMSNormOptions {
  /** Elementwise scale, shaped `normalizedShape` (default none). */
  weight?: Tensor | null;
  /** Added to the mean square (default: the machine epsilon of the input's dtype, as PyTorch). */
  eps?: number | null;
}

/** Machine epsilon per float dtype (torch.finfo(dtype).eps). */
const EPS = { float32: 2 ** -23, float64: 2 ** -52 } as const;

/**
 * Root-mean-square normalization over the trailing `normalizedShape` dims
 * (torch.nn.functional.rms_norm, PyTorch 2.4; Zhang & Sennrich 2019):
 *
 *   y = x / √(mean(x²) + eps) · weight
 *
 * Built from differentiable ops.
 *
 * @example
 * rmsNorm(x, [x.shape.at(-1)!], { weight });
 */
export function rmsNorm(input: Tensor, normalizedShape: number | readonly number[], options: RMSNormOptions = {}): Tensor {
  const normalized = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const k = normalized.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalized[i])) {
    throw new RangeError(`Given normalized_shape=[${normalized.join(', ')}], expected input with shape [*, ${normalized.join(', ')}], but got input of size[${input.shape.join(', ')}]`);
  }
  const weight = options.weight ?? null;
  if (weight !== null && (weight.ndim !== k || weight.shape.some((s, i) => s !== normalized[i]))) {
    throw new RangeError(`Expected weight to be of same shape as normalized_shape, but got weight of shape [${weight.shape.join(', ')}] and normalized_shape = [${normalized.join(', ')}]`);
  }
  const eps = options.eps ?? (input.dtype === 'float64' ? EPS.float64 : EPS.float32);
  if (typeof eps !== 'number' || !(eps >= 0)) throw new RangeError(`rmsNorm: eps must be a non-negative number, got ${String(eps)}`);
  const dims = Array.from({ length: k }, (_, i) => input.ndim - k + i);
  const out = input.mul(input.square().mean(dims, true).add(eps).rsqrt());
  return weight === null ? out : out.mul(weight);
}
