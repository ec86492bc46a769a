import type { Tensor } from '@descent/autograd';
import { arange } from '@descent/autograd';

/**
 * One-hot encoding of int32 class indices (torch.nn.functional.one_hot): a new last dim of
 * `numClasses` (default max + 1) with 1 at each index; the result is int32 (PyTorch's is int64).
 *
 * @example
 * oneHot(tensor([0, 2], { dtype: 'int32' }), 3); // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(input: Tensor, numClasses = -1): Tensor {
  if (input.dtype !== 'int32') throw new TypeError(`one_hot is only applicable to index tensor (int32), got ${input.dtype}`);
  if (!Number.isInteger(numClasses) || numClasses < -1) throw new RangeError(`one_hot: num_classes must be a non-negative integer or -1, got ${numClasses}`);
  if (input.numel() === 0 && numClasses === -1) throw new RangeError('Can not infer total number of classes from empty tensor.');
  if (input.numel() > 0 && input.amin().item() < 0) throw new RangeError('Class values must be non-negative.');
  const classes = numClasses === -1 ? input.amax().item() + 1 : numClasses;
  if (input.numel() > 0 && input.amax().item() >= classes) throw new RangeError('Class values must be smaller than num_classes.');
  return input.unsqueeze(-1).eq(arange(0, classes, 1, { dtype: 'int32' })).to('int32');
}
