import type { Tensor } from '@descent/autograd';
import { RNNCellBase } from './cell-base';
import type { CellOptions } from './cell-base';

/**
 * One step of a GRU (torch.nn.GRUCell), gates in PyTorch's order r, z, n:
 * r = σ(…), z = σ(…), n = tanh(x·W_inᵀ + b_in + r ⊙ (h·W_hnᵀ + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
 *
 * @example
 * const cell = new GRUCell(10, 20);
 * const h = cell.forward(randn([3, 10])); // [3, 20], from a zero state
 */
export class GRUCell extends RNNCellBase<[Tensor, Tensor?], Tensor> {
  constructor(inputSize: number, hiddenSize: number, options: CellOptions = {}) {
    super('GRU', 'GRUCell', inputSize, hiddenSize, options);
  }

  override forward(input: Tensor, hx?: Tensor): Tensor {
    return this.step(input, hx === undefined ? undefined : [hx], 1)[0]!;
  }
}
