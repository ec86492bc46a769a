import { Tensor } from '@descent/autograd';
import { contiguousStrides, defaultGenerator, Storage } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import { checkDropoutP } from './dropout';
import { list } from './window-args';

/** Options of {@link dropout2d}. */
export interface Dropout2dOptions {
  /** Probability of zeroing a channel (default 0.5). */
  p?: number;
  /** Apply dropout; when false the input is returned unchanged (default true). */
  training?: boolean;
  /** Generator for the mask (default: the global one). */
  generator?: Generator;
}

/**
 * Zeroes whole channels of `input` [N, C, H, W] (a 3-D input is read as [N, C, L], as PyTorch 1.13 does) with probability p and
 * scales the rest by 1/(1 − p) (torch.nn.functional.dropout2d; Tompson et al. 2015). The mask
 * [N, C, 1, …] is drawn as PyTorch's CPU `bernoulli_(1 − p)` draws it (one 53-bit uniform per
 * channel), so after the same seed the same channels are dropped (on 'webgpu' too: the mask is drawn
 * on the CPU from the same stream and uploaded).
 *
 * @example
 * dropout2d(x, { p: 0.2, training: model.training });
 */
export function dropout2d(input: Tensor, options: Dropout2dOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  checkDropoutP(p);
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new RangeError(`dropout2d: Expected 3D (unbatched) or 4D (batched) input, got ${list(input.shape)}`);
  }
  if (options.training === false || p === 0 || input.numel() === 0) return input;
  if (p === 1) return input.mul(0);
  const generator = options.generator ?? defaultGenerator;
  // PyTorch 1.13 reads a 3-D input as [N, C, L] (it warns and drops channels of a 1-D signal).
  const shape = input.shape.map((s, d) => (d < 2 ? s : 1));
  const n = shape.reduce((a, b) => a * b, 1);
  const data = input.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = generator.nextDouble() < 1 - p ? 1 / (1 - p) : 0;
  const mask = new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, input.dtype);
  return input.mul(input.device === 'cpu' ? mask : mask.to(input.device));
}
