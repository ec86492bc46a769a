import { fusedNorm } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { list } from './window-args';

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Elementwise scale, shaped `normalizedShape` (default none). */
  weight?: Tensor | null;
  /** Elementwise shift, shaped `normalizedShape` (default none). */
  bias?: Tensor | null;
  /** Added to the variance (default 1e-5). */
  eps?: number;
}

/**
 * Layer normalization over the trailing `normalizedShape` dims of each sample
 * (torch.nn.functional.layer_norm): y = (x − mean) / √(var + eps) · weight + bias, with the biased
 * variance. Float32 inputs run on one fused wasm kernel each way (`fusedNorm`); elsewhere it is
 * built from differentiable ops.
 *
 * @example
 * layerNorm(x, [x.shape.at(-1)!]);
 */
export function layerNorm(input: Tensor, normalizedShape: number | readonly number[], options: LayerNormOptions = {}): Tensor {
  const { weight = null, bias = null, eps = 1e-5 } = options;
  const normalized = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const k = normalized.length;
  const tail = input.shape.slice(input.ndim - k);
  if (k === 0 || input.ndim < k || tail.some((s, i) => s !== normalized[i])) {
    throw new RangeError(`Given normalized_shape=${list(normalized)}, expected input with shape [*, ${normalized.join(', ')}], but got input of size${list(input.shape)}`);
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t !== null && (t.ndim !== k || t.shape.some((s, i) => s !== normalized[i]))) {
      throw new RangeError(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${list(t.shape)} and normalized_shape = ${list(normalized)}`);
    }
  }
  const size = normalized.reduce((a, b) => a * b, 1);
  if (input.numel() > 0) {
    const layout = { batch: input.numel() / size, channels: size, spatial: 1, groups: 1, perChannel: false };
    const fused = fusedNorm(input, weight, bias, { layout, eps, given: null, name: 'NativeLayerNormBackward0' });
    if (fused !== null) return fused.out;
  }
  const dims = Array.from({ length: k }, (_, i) => input.ndim - k + i);
  const mean = input.mean(dims, true);
  const variance = input.var(dims, { correction: 0, keepdim: true });
  let out = input.sub(mean).mul(variance.add(eps).rsqrt());
  if (weight !== null) out = out.mul(weight);
  if (bias !== null) out = out.add(bias);
  return out;
}
