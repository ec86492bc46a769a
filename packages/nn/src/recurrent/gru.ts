import type { Tensor } from '@descent/autograd';
import { RNNBase } from './rnn-base';
import type { RecurrentOptions } from './rnn-base';

/**
 * A gated recurrent unit network (torch.nn.GRU): for each layer and time step, with the gate
 * blocks of the weights in PyTorch's order (reset r, update z, new n),
 *
 *   r = σ(x·W_irᵀ + b_ir + h·W_hrᵀ + b_hr)
 *   z = σ(x·W_izᵀ + b_iz + h·W_hzᵀ + b_hz)
 *   n = tanh(x·W_inᵀ + b_in + r ⊙ (h·W_hnᵀ + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 *
 * `forward(input, h0?)` returns `[output, hN]` shaped as {@link RNN}'s.
 *
 * @example
 * const gru = new GRU(8, 16, { batchFirst: true });
 * const [output, hN] = gru.forward(randn([4, 12, 8])); // [4, 12, 16], [1, 4, 16]
 */
export class GRU extends RNNBase<[Tensor, Tensor?], [Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('GRU', 'GRU', inputSize, hiddenSize, options);
  }

  override forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const { output, finals } = this.run(input, h0 === undefined ? undefined : [h0]);
    return [output, finals[0]!];
  }
}
