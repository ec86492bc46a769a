import type { Tensor } from '@descent/autograd';
import { Module } from '../module';

/**
 * Returns its input unchanged (torch.nn.Identity): a placeholder where a layer is optional.
 *
 * @example
 * new Identity().forward(x) === x; // true
 */
export class Identity extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return input;
  }
}
