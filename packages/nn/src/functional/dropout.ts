import { Tensor } from '@descent/autograd';
import { acquireArray, contiguousStrides, defaultGenerator, Storage } from '@descent/tensor';
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
 * 0/1 draws with probability `q`, shaped like `like`, from PyTorch's CPU `bernoulli_(float p)`
 * stream (no MKL): one 53-bit double uniform u per element, 1 when u < q.
 */
function bernoulliScalar(like: Tensor, q: number, generator: Generator): Tensor {
  const n = like.numel();
  // From the storage pools (every element is written), so the mask goes back with the other
  // intermediates of a built-in forward, a backward pass or a scope (issue #23).
  const data = acquireArray(like.dtype === 'float64' ? 'float64' : 'float32', n, false);
  for (let i = 0; i < n; i++) data[i] = generator.nextDouble() < q ? 1 : 0;
  return new Tensor(new Storage(data), [...like.shape], contiguousStrides(like.shape), 0, like.dtype);
}

/**
 * Zeroes each element with probability p and scales the rest by 1/(1 − p) (torch.nn.functional.dropout),
 * drawing the mask as PyTorch's CPU kernel does (`bernoulli_(1 − p)` on a tensor shaped like the
 * input, then `/ (1 − p)`), so after the same seed it zeroes the same elements. On 'webgpu' the
 * mask is drawn the same way on the CPU and uploaded, so it is the CPU's stream (PyTorch's CUDA
 * stream differs from its CPU one; ours does not).
 *
 * @example
 * dropout(x, { p: 0.2, training: model.training });
 */
export function dropout(input: Tensor, options: DropoutOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  checkDropoutP(p);
  if (options.training === false || p === 0 || input.numel() === 0) return input;
  if (p === 1) return input.mul(0);
  const mask = bernoulliScalar(input, 1 - p, options.generator ?? defaultGenerator).div_(1 - p);
  return input.mul(input.device === 'cpu' ? mask : mask.to(input.device));
}
