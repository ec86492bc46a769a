import type { Tensor } from '@descent/autograd';

/**
 * y = x·Wᵀ + b (torch.nn.functional.linear). `input` is `[…, inFeatures]`, `weight`
 * `[outFeatures, inFeatures]`, `bias` `[outFeatures]`. A wrong input width fails in `matmul` with
 * PyTorch's message (`mat1 and mat2 shapes cannot be multiplied (4x3 and 5x2)`).
 *
 * @example
 * linear(x, w, b);
 */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const out = input.matmul(weight.t());
  return bias === null ? out : out.add(bias);
}
