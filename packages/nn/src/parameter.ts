import { Tensor } from '@descent/autograd';
import { Tensor as BaseTensor, describeValue } from '@descent/tensor';

/**
 * A tensor that is a module parameter (torch.nn.Parameter): assigning one to a {@link Module}
 * property registers it, so it shows up in `parameters()` and `stateDict()`. It shares `data`'s
 * storage and requires grad unless told otherwise; results of ops on it are plain `Tensor`s
 * (autograd's `_make` builds them).
 *
 * @example
 * const w = new Parameter(zeros([3, 2]));
 * w.requiresGrad; // true
 * w.mul(2) instanceof Parameter; // false
 */
export class Parameter extends Tensor {
  constructor(data: BaseTensor, requiresGrad = true) {
    if (!(data instanceof BaseTensor)) throw new TypeError(`Parameter: argument 'data' must be a Tensor, got ${describeValue(data)}`);
    if (typeof requiresGrad !== 'boolean') throw new TypeError(`Parameter: argument 'requiresGrad' must be a boolean, got ${describeValue(requiresGrad)}`);
    super(data.storage, data.shape, data.strides, data.offset, data.dtype);
    this.requiresGrad = requiresGrad;
  }

  /** PyTorch's print: `Parameter containing:` above the tensor. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
