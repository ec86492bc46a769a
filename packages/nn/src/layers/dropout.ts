import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { checkDropoutP, dropout } from '../functional/dropout';
import { Module } from '../module';
import { pyFloat } from '../module-format';

/**
 * Randomly zeroes elements with probability `p` during training and scales the rest by 1/(1 − p);
 * the identity after `eval()` (torch.nn.Dropout; Srivastava et al., 2014). Options: `generator`
 * (default: the global one).
 *
 * @example
 * const drop = new Dropout(0.2);
 * drop.eval().forward(x) === x; // true
 */
export class Dropout extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly p: number;
  readonly #generator: Generator | undefined;

  constructor(p = 0.5, options: { generator?: Generator } = {}) {
    super();
    checkDropoutP(p);
    this.p = p;
    this.#generator = options.generator;
  }

  override forward(input: Tensor): Tensor {
    return dropout(input, { p: this.p, training: this.training, generator: this.#generator });
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
