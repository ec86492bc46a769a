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
  const out = input.matmul(weight.t());
  return bias === null ? out : out.add(bias);
}
