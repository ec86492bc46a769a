import { privateForward } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';

/**
 * y = x·Wᵀ + b (torch.nn.functional.linear). `input` is `[…, inFeatures]`, `weight`
 * `[outFeatures, inFeatures]`, `bias` `[outFeatures]`. A wrong input width fails with PyTorch's
 * message, the input's leading dims counted as rows as PyTorch flattens them
 * (`mat1 and mat2 shapes cannot be multiplied (24x3 and 5x2)` for a `[4, 6, 3]` input).
 *
 * @example
 * linear(x, w, b);
 */
export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (weight.shape.length === 2 && input.shape.length >= 1) {
    const [outFeatures, inFeatures] = weight.shape as [number, number];
    const width = input.shape[input.shape.length - 1]!;
    if (width !== inFeatures) {
      const rows = input.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${width} and ${inFeatures}x${outFeatures})`);
    }
  }
  if (bias === null) return input.matmul(weight.t());
  // The product before the bias is the library's own: recycled once a plain backward used it, also
  // when a user's module calls a Linear directly (issue #23).
  return privateForward(() => input.matmul(weight.t()).add(bias));
}
