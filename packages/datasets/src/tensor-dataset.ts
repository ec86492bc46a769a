import { Tensor as BaseTensor } from '@descent/tensor';
import type { Dataset } from './dataset';
import { checkIndex } from './dataset';
import { formatValue } from './format-value';

/**
 * A dataset of rows of tensors that share their first dimension, as `torch.utils.data.TensorDataset`:
 * item `i` is the tuple of each tensor's row `i`.
 *
 * @example
 * const ds = new TensorDataset(x, y); // x: [n, 4], y: [n]
 * const [xi, yi] = ds.get(0);         // shapes [4] and []
 */
export class TensorDataset<T extends readonly BaseTensor[]> implements Dataset<T> {
  /** The tensors, as given. */
  readonly tensors: T;
  readonly length: number;

  constructor(...tensors: T) {
    if (tensors.length === 0)
      throw new TypeError('TensorDataset: expected at least one tensor, got none');
    tensors.forEach((t: unknown, k) => {
      if (!(t instanceof BaseTensor))
        throw new TypeError(`TensorDataset: tensors[${k}] must be a Tensor, got ${formatValue(t)}`);
    });
    const first = tensors[0] as BaseTensor;
    for (const t of tensors) {
      if (t.ndim === 0 || t.shape[0] !== first.shape[0]) {
        throw new RangeError(
          `Size mismatch between tensors: TensorDataset needs the same first dimension, got shapes ${tensors.map((x) => `[${x.shape.join(', ')}]`).join(', ')}`,
        );
      }
    }
    this.tensors = tensors;
    this.length = first.shape[0] as number;
  }

  get(index: number): T {
    checkIndex('TensorDataset', index, this.length);
    return this.tensors.map((t) => t.select(0, index)) as unknown as T;
  }
}
