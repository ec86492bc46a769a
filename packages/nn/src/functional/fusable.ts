import type { Tensor } from '@descent/autograd';

/**
 * Whether an activation runs on the fused kernels (`@descent/autograd`'s `activation`: one pass
 * forward, one backward): float32 and float64 inputs; others take the composed form.
 */
export function fusable(input: Tensor): boolean {
  return input.dtype === 'float32' || input.dtype === 'float64';
}
