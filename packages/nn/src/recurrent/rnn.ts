import type { Tensor } from '@descent/autograd';
import { RNNBase } from './rnn-base';
import type { RecurrentOptions } from './rnn-base';

/** Options of {@link RNN}. */
export interface RNNOptions extends RecurrentOptions {
  /** `'tanh'` (default) or `'relu'`. */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * An Elman recurrent network (torch.nn.RNN): for each layer and time step,
 *
 *   hₜ = act(xₜ·W_ihᵀ + b_ih + hₜ₋₁·W_hhᵀ + b_hh),   act = tanh or relu
 *
 * `forward(input, h0?)` takes `[seq, batch, inputSize]` (`[batch, seq, …]` with `batchFirst`, or
 * unbatched `[seq, inputSize]`) and returns `[output, hN]`: the last layer's hₜ for every t
 * (`[seq, batch, D·hidden]`, both directions concatenated) and each layer's final state
 * (`[numLayers·D, batch, hidden]`). Parameter names, order and initial values are PyTorch's.
 *
 * @example
 * const rnn = new RNN(10, 20, { numLayers: 2 });
 * const [output, hN] = rnn.forward(randn([5, 3, 10])); // [5, 3, 20], [2, 3, 20]
 */
export class RNN extends RNNBase<[Tensor, Tensor?], [Tensor, Tensor]> {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new RangeError(`Unknown nonlinearity '${String(nonlinearity)}'`);
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNN', inputSize, hiddenSize, options, ['nonlinearity']);
    this.nonlinearity = nonlinearity;
  }

  override forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const { output, finals } = this.run(input, h0 === undefined ? undefined : [h0]);
    return [output, finals[0]!];
  }
}
