import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { checkDropoutP } from '../functional/dropout';
import { dropout2d } from '../functional/dropout2d';
import { Module } from '../module';
import { pyFloat } from '../module-format';

/**
 * Zeroes whole channels with probability `p` during training (torch.nn.Dropout2d); the identity
 * after `eval()`. See {@link dropout2d}.
 *
 * @example
 * new Dropout2d(0.25).forward(randn([8, 16, 10, 10]));
 */
export class Dropout2d extends Module {
  readonly p: number;
  readonly #generator: Generator | undefined;

  constructor(p = 0.5, options: { generator?: Generator } = {}) {
    super();
    checkDropoutP(p);
    this.p = p;
    this.#generator = options.generator;
  }

  override forward(input: Tensor): Tensor {
    return dropout2d(input, { p: this.p, training: this.training, generator: this.#generator });
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
