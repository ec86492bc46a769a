import type { Tensor } from '@descent/autograd';
import { RNNBase } from './rnn-base';
import type { RecurrentOptions } from './rnn-base';

/**
 * A long short-term memory network (torch.nn.LSTM): for each layer and time step, with the gate
 * blocks of the weights in PyTorch's order (input i, forget f, cell g, output o),
 *
 *   i, f, o = σ(x·W_{i,f,o}ᵀ + b_i{i,f,o} + h·W_h{i,f,o}ᵀ + b_h{i,f,o})
 *   g = tanh(x·W_igᵀ + b_ig + h·W_hgᵀ + b_hg)
 *   c' = f ⊙ c + i ⊙ g
 *   h' = o ⊙ tanh(c')
 *
 * `forward(input, [h0, c0]?)` returns `[output, [hN, cN]]`, the states shaped
 * `[numLayers·D, batch, hidden]` (unbatched: without the batch dim).
 *
 * @example
 * const lstm = new LSTM(10, 20, { numLayers: 2, bidirectional: true });
 * const [output, [hN, cN]] = lstm.forward(randn([5, 3, 10])); // [5, 3, 40], [4, 3, 20], [4, 3, 20]
 */
export class LSTM extends RNNBase<[Tensor, [Tensor, Tensor]?], [Tensor, [Tensor, Tensor]]> {
  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super('LSTM', 'LSTM', inputSize, hiddenSize, options);
  }

  override forward(input: Tensor, state?: [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    if (state !== undefined && (!Array.isArray(state) || state.length !== 2)) {
      throw new TypeError(`LSTM: the initial state must be a pair [h0, c0], got ${Array.isArray(state) ? `an array of ${state.length}` : typeof state}`);
    }
    const { output, finals } = this.run(input, state);
    return [output, [finals[0]!, finals[1]!]];
  }
}
