import type { Tensor } from '@descent/autograd';
import { RNNCellBase } from './cell-base';
import type { CellOptions } from './cell-base';

/** Options of {@link RNNCell}. */
export interface RNNCellOptions extends CellOptions {
  /** `'tanh'` (default) or `'relu'`. */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * One step of an Elman RNN (torch.nn.RNNCell): h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh).
 *
 * @example
 * const cell = new RNNCell(10, 20);
 * let h = zeros([3, 20]);
 * for (const x of randn([6, 3, 10]).unbind(0)) h = cell.forward(x, h);
 */
export class RNNCell extends RNNCellBase<[Tensor, Tensor?], Tensor> {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new RangeError(`Unknown nonlinearity: ${String(nonlinearity)}`);
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNNCell', inputSize, hiddenSize, options, ['nonlinearity']);
    this.nonlinearity = nonlinearity;
  }

  override forward(input: Tensor, hx?: Tensor): Tensor {
    return this.step(input, hx === undefined ? undefined : [hx], 1)[0]!;
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity === 'tanh' ? '' : `, nonlinearity=${this.nonlinearity}`);
  }
}
