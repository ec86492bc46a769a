import type { Tensor } from '@descent/autograd';
import { zeros } from '@descent/autograd';

/** Options of {@link oneHot}. */
export interface OneHotOptions {
  /** Number of classes; default max(labels) + 1, as PyTorch's `num_classes=-1`. */
  numClasses?: number;
  /** dtype of the result (default 'float32'; PyTorch returns int64). */
  dtype?: 'float32' | 'float64' | 'int32';
}

/**
 * Integer labels to one-hot rows, as `torch.nn.functional.one_hot`: shape [...labels.shape, numClasses].
 *
 * @example
 * oneHot(tensor([0, 2]), { numClasses: 3 }); // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(labels: Tensor, options: OneHotOptions = {}): Tensor {
  if (labels.dtype !== 'int32')
    throw new TypeError(`one_hot is only applicable to index tensor, got dtype ${labels.dtype}`);
  const values = labels.toTypedArray();
  let max = -1;
  for (const v of values) {
    if (v < 0) throw new RangeError(`Class values must be non-negative, got ${v}`);
    if (v > max) max = v;
  }
  const numClasses = options.numClasses ?? max + 1;
  if (!(Number.isInteger(numClasses) && numClasses > 0))
    throw new RangeError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  if (max >= numClasses)
    throw new RangeError(
      `Class values must be smaller than num_classes, got ${max} with numClasses=${numClasses}`,
    );
  const out = zeros([values.length, numClasses], { dtype: options.dtype ?? 'float32' });
  const data = out.storage.data;
  values.forEach((v, i) => {
    data[i * numClasses + v] = 1;
  });
  return out.reshape([...labels.shape, numClasses]);
}
