import { gruCell, lstmCell } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { linear } from '../functional/linear';

/** The weights of one recurrent cell: `[G·hidden, in]`, `[G·hidden, hidden]` and the two biases. */
export interface CellWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
}

/** The nonlinearities and gate layouts PyTorch's recurrent layers use. */
export type CellMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** Gates per mode: the row blocks of `weight_ih` (LSTM i,f,g,o; GRU r,z,n). */
export const GATES: Record<CellMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/**
 * One time step of a recurrent cell, PyTorch's CPU formulas (aten/src/ATen/native/RNN.cpp).
 * `inputGates` is the input already multiplied by `weight_ih` plus `bias_ih` (`[B, G·H]`): the
 * layers compute it for every time step in one matmul, the cells for their single step.
 *
 *   RNN:  h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)
 *   LSTM: i, f, g, o = σ, σ, tanh, σ of the four blocks of x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh
 *         c' = f·c + i·g;  h' = o·tanh(c')
 *   GRU:  r, z = σ(blocks 0, 1 of x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)
 *         n = tanh(x·W_inᵀ + b_in + r·(h·W_hnᵀ + b_hn));  h' = (h − n)·z + n  (= (1 − z)·n + z·h)
 *
 * Returns `[h']`, or `[h', c']` for LSTM.
 */
export function cellStep(mode: CellMode, inputGates: Tensor, state: readonly Tensor[], w: CellWeights): Tensor[] {
  const h = state[0]!;
  const hiddenGates = linear(h, w.weightHh, w.biasHh);
  switch (mode) {
    case 'RNN_TANH':
      return [hiddenGates.add(inputGates).tanh()];
    case 'RNN_RELU':
      return [hiddenGates.add(inputGates).relu()];
    case 'LSTM': {
      // The gate nonlinearities and the state update run fused (one pass forward, one backward).
      const hidden = h.shape[1]!;
      const hc = lstmCell(hiddenGates.add(inputGates), state[1]!);
      return [hc.narrow(1, 0, hidden), hc.narrow(1, hidden, hidden)];
    }
    case 'GRU':
      return [gruCell(inputGates, hiddenGates, h)];
  }
}

/** `x·W_ihᵀ + b_ih` for a cell's input (any leading dims). */
export function inputGates(input: Tensor, w: CellWeights): Tensor {
  return linear(input, w.weightIh, w.biasIh);
}
