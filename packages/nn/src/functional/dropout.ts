import { zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';

/** Options of {@link dropout}. */
export interface DropoutOptions {
  /** Probability of zeroing an element (default 0.5). */
  p?: number;
  /** Apply dropout; when false the input is returned unchanged (default true). */
  training?: boolean;
  /** Generator for the mask (default: the global one). */
  generator?: Generator;
}

/** Throws PyTorch's error unless 0 ≤ p ≤ 1. */
export function checkDropoutP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
}

/**
 * Zeroes each element with probability p and scales the rest by 1/(1 − p) (torch.nn.functional.dropout),
 * drawing the mask as PyTorch does (`bernoulli_(1 − p)` on a tensor shaped like the input, then `/ (1 − p)`).
 *
 * @example
 * dropout(x, { p: 0.2, training: model.training });
 */
export function dropout(input: Tensor, options: DropoutOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  checkDropoutP(p);
  if (options.training === false || p === 0 || input.numel() === 0) return input;
  if (p === 1) return input.mul(0);
  const noise = zeros([...input.shape], { dtype: input.dtype }).bernoulli_(1 - p, { generator: options.generator }).div_(1 - p);
  return input.mul(noise);
}
