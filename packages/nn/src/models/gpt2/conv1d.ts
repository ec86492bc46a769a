import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { normal_, zeros_ } from '../../init';
import { Module } from '../../module';
import { Parameter } from '../../parameter';

/**
 * Hugging Face's `Conv1D` (a linear layer whose weight is stored transposed, `[in, out]`):
 * y = x·W + b. GPT-2 checkpoints store `c_attn`, `c_proj` and `c_fc` this way, so keeping the
 * layout lets a checkpoint load by name without transposing.
 */
export class GPT2Conv1D extends Module {
  /** `[inFeatures, outFeatures]`. */
  weight: Parameter;
  /** `[outFeatures]`. */
  bias: Parameter;

  constructor(inFeatures: number, outFeatures: number, options: { std?: number; generator?: Generator } = {}) {
    super();
    // Hugging Face's _init_weights: N(0, 0.02) (a smaller std for the residual projections), zero bias.
    this.weight = new Parameter(normal_(empty([inFeatures, outFeatures]), 0, options.std ?? 0.02, { generator: options.generator }));
    this.bias = new Parameter(zeros_(empty([outFeatures])));
  }

  override forward(input: Tensor): Tensor {
    return input.matmul(this.weight).add(this.bias);
  }

  override extraRepr(): string {
    return `nf=${this.weight.shape[1]}, nx=${this.weight.shape[0]}`;
  }
}
