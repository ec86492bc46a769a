/**
 * One direction of a recurrent layer over a whole sequence as one graph node: forward through all
 * time steps in one kernel (per step one matmul of h_{t−1} against every gate's weights, then one
 * pass over the gates), and backward through time in one kernel (per step one pass over the gates
 * and one matmul against W_hh, then dW_hh as a single product over all steps). The kernels are
 * WebAssembly when loaded, else their TypeScript twin (`@descent/tensor`'s recurrentSequence*).
 *
 *   per step t (h_{t−1} = h0 first, t running backwards when `reverse`):
 *     RNN:  h_t = tanh or relu(gates_t + h_{t−1}·W_hhᵀ + b_hh)
 *     LSTM: i, f, g, o = σ, σ, tanh, σ(blocks of gates_t + h_{t−1}·W_hhᵀ + b_hh)
 *           c_t = f·c_{t−1} + i·g;  h_t = o·tanh(c_t)
 *     GRU:  r, z = σ(blocks 0, 1 of gates_t + h_{t−1}·W_hhᵀ + b_hh)
 *           n = tanh(gates_n + r·(h_{t−1}·W_hnᵀ + b_hn));  h_t = (h_{t−1} − n)·z + n
 *
 * The backward rule is first order (no double backward).
 */
import { recurrentSequenceBackward, recurrentSequenceForward, Storage } from '@descent/tensor';
import type { Tensor as BaseTensor, RecurrentMode, RecurrentShape } from '@descent/tensor';
import { rowMajorStrides } from '../filled';
import { needsGrad, record } from '../node';
import { Tensor } from '../tensor';

type Floats = Float32Array | Float64Array;

const GATES: Record<RecurrentMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** The elements of a float tensor as a dense row-major array (the storage itself when already so). */
function dense(t: BaseTensor): Floats {
  const data = t.storage.data as Floats;
  const n = t.numel();
  if (t.isContiguous()) return t.offset === 0 && data.length === n ? data : data.subarray(t.offset, t.offset + n);
  return t.contiguous().storage.data as Floats;
}

function wrap(data: Floats, shape: number[], dtype: 'float32' | 'float64'): Tensor {
  return new Tensor(new Storage(data), shape, rowMajorStrides(shape), 0, dtype);
}

function checkShape(what: string, t: BaseTensor | null, shape: readonly number[], dtype: string): void {
  if (t === null) return;
  if (t.ndim !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`recurrentSequence: ${what} must be [${shape.join(', ')}], got [${t.shape.join(', ')}]`);
  }
  if (t.dtype !== dtype) throw new TypeError(`recurrentSequence: ${what} must be ${dtype}, got ${t.dtype}`);
}

/** Options of {@link recurrentSequence}. */
export interface RecurrentSequenceOptions {
  /** The cell: `'RNN_TANH'`, `'RNN_RELU'`, `'LSTM'` or `'GRU'`. */
  mode: RecurrentMode;
  /** Initial hidden state `[B, H]`. */
  h0: Tensor;
  /** Initial cell state `[B, H]` (LSTM only; null otherwise). */
  c0?: Tensor | null;
  /** `weight_hh` `[G·H, H]` (G gates: LSTM 4, GRU 3, RNN 1). */
  weightHh: Tensor;
  /** `bias_hh` `[G·H]`, or null for none. */
  biasHh?: Tensor | null;
  /** Run from the last step to the first (default false). */
  reverse?: boolean;
}

/**
 * Runs one direction of an RNN, LSTM or GRU layer over the sequence, given the input projections
 * `gates` `[T, B, G·H]` (x·W_ihᵀ + b_ih for every step, one matmul by the caller). Returns the hidden
 * states of every step `[T, B, H]` in time order; for LSTM, `[T + 1, B, H]` with the final cell
 * state in the last row. Gradients flow to `gates`, `h0`, `c0`, `weightHh` and `biasHh`.
 *
 * @example
 * const out = recurrentSequence(gates, { mode: 'LSTM', h0, c0, weightHh, biasHh });
 * const outputs = out.narrow(0, 0, steps); // h_1 … h_T
 * const cN = out.select(0, steps);
 */
export function recurrentSequence(gates: Tensor, options: RecurrentSequenceOptions): Tensor {
  const { mode, h0, weightHh } = options;
  const c0 = options.c0 ?? null;
  const biasHh = options.biasHh ?? null;
  if (!(mode in GATES)) throw new TypeError(`recurrentSequence: mode must be 'RNN_TANH', 'RNN_RELU', 'LSTM' or 'GRU', got ${String(mode)}`);
  if (gates.dtype !== 'float32' && gates.dtype !== 'float64') throw new TypeError(`recurrentSequence: gates must be float32 or float64, got ${gates.dtype}`);
  if (gates.ndim !== 3 || gates.shape[2]! % GATES[mode] !== 0) {
    throw new RangeError(`recurrentSequence: gates must be [steps, batch, ${GATES[mode]}·hidden], got [${gates.shape.join(', ')}]`);
  }
  const dtype = gates.dtype;
  const [steps, batch] = gates.shape as [number, number];
  const hidden = gates.shape[2]! / GATES[mode];
  const gh = GATES[mode] * hidden;
  checkShape('h0', h0, [batch, hidden], dtype);
  if (mode === 'LSTM' && c0 === null) throw new TypeError('recurrentSequence: LSTM needs c0');
  if (mode !== 'LSTM' && c0 !== null) throw new TypeError(`recurrentSequence: c0 is only for LSTM, got one for ${mode}`);
  checkShape('c0', c0, [batch, hidden], dtype);
  checkShape('weightHh', weightHh, [gh, hidden], dtype);
  checkShape('biasHh', biasHh, [gh], dtype);
  const shape: RecurrentShape = { mode, steps, batch, hidden, reverse: options.reverse ?? false };
  const inputs = { gates: dense(gates), h0: dense(h0), c0: c0 === null ? null : dense(c0), weightHh: dense(weightHh), biasHh: biasHh === null ? null : dense(biasHh) };
  const forward = recurrentSequenceForward(shape, inputs);
  const result = wrap(forward.out, [steps + (mode === 'LSTM' ? 1 : 0), batch, hidden], dtype);
  if (!needsGrad(gates, h0) && !needsGrad(weightHh, c0 ?? undefined) && !(biasHh !== null && needsGrad(biasHh))) return result;
  return record(
    result,
    `${mode === 'LSTM' ? 'Lstm' : mode === 'GRU' ? 'Gru' : 'Rnn'}SequenceBackward`,
    [gates, h0, c0, weightHh, biasHh],
    (grad) => {
      const g = recurrentSequenceBackward(shape, inputs, forward, dense(grad));
      return [
        wrap(g.dGates, [steps, batch, gh], dtype),
        wrap(g.dh0, [batch, hidden], dtype),
        g.dc0 === null ? null : wrap(g.dc0, [batch, hidden], dtype),
        wrap(g.dWeightHh, [gh, hidden], dtype),
        g.dBiasHh === null ? null : wrap(g.dBiasHh, [gh], dtype),
      ];
    },
    [gates, h0, ...(c0 === null ? [] : [c0]), weightHh, ...(biasHh === null ? [] : [biasHh]), result],
  );
}
