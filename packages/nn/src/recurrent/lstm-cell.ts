import type { Tensor } from '@descent/autograd';
import { RNNCellBase } from './cell-base';
import type { CellOptions } from './cell-base';

/**
 * One step of an LSTM (torch.nn.LSTMCell), gates in PyTorch's order i, f, g, o:
 * c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g), h' = σ(o) ⊙ tanh(c'). Returns `[h', c']`.
 *
 * @example
 * const cell = new LSTMCell(10, 20);
 * const [h, c] = cell.forward(randn([3, 10])); // from zero states
 */
export class LSTMCell extends RNNCellBase<[Tensor, [Tensor, Tensor]?], [Tensor, Tensor]> {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('LSTM', 'LSTMCell', inputSize, hiddenSize, options);
  }

  override forward(input: Tensor, hx?: [Tensor, Tensor]): [Tensor, Tensor] {
    if (hx !== undefined && (!Array.isArray(hx) || hx.length !== 2)) {
      throw new TypeError(`LSTMCell: the state must be a pair [h, c], got ${Array.isArray(hx) ? `an array of ${hx.length}` : typeof hx}`);
    }
    const [h, c] = this.step(input, hx, 2) as [Tensor, Tensor];
    return [h, c];
  }
}
