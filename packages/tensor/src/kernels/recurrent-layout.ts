/**
 * Shapes and array layouts shared by the fused recurrent-sequence kernels (WebAssembly in
 * assembly/recurrent.ts, TypeScript in recurrent-fallback.ts): one direction of one recurrent layer
 * over a whole sequence, forward and backward through time.
 */
import type { FloatArray } from '../wasm/exports';

/** The cell of a recurrent layer: PyTorch's RNN (tanh or relu), LSTM or GRU. */
export type RecurrentMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** Mode numbers of assembly/recurrent.ts. */
export const RECURRENT_MODES: Record<RecurrentMode, number> = { RNN_TANH: 0, RNN_RELU: 1, LSTM: 2, GRU: 3 };

/** Gates per mode (row blocks of `weight_hh`: LSTM i, f, g, o; GRU r, z, n). */
export const RECURRENT_GATES: Record<RecurrentMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** The sizes of one recurrent sequence: `steps` T, `batch` B, `hidden` H, and the direction. */
export interface RecurrentShape {
  mode: RecurrentMode;
  steps: number;
  batch: number;
  hidden: number;
  /** Run from the last time step to the first (the `_reverse` direction of a bidirectional layer). */
  reverse: boolean;
}

/**
 * The inputs of one sequence, dense row-major, all of one float dtype. `gates` are the input
 * projections x·W_ihᵀ + b_ih of every step, `[T, B, G·H]`; `h0` and `c0` (LSTM only) `[B, H]`;
 * `weightHh` `[G·H, H]`; `biasHh` `[G·H]` or null.
 */
export interface RecurrentInputs {
  gates: FloatArray;
  h0: FloatArray;
  c0: FloatArray | null;
  weightHh: FloatArray;
  biasHh: FloatArray | null;
}

/**
 * What the forward returns: `out` holds the hidden states `[T, B, H]` in time order followed, for
 * LSTM, by the final cell state `[B, H]`; `saved` is what the backward needs (gate activations and
 * cell states, in processing order).
 */
export interface RecurrentForward {
  out: FloatArray;
  saved: FloatArray;
}

/** The gradients of a sequence's inputs: `dGates` `[T, B, G·H]`, `dWeightHh`, `dBiasHh`, `dh0`, `dc0`. */
export interface RecurrentGradients {
  dGates: FloatArray;
  dWeightHh: FloatArray;
  dBiasHh: FloatArray | null;
  dh0: FloatArray;
  dc0: FloatArray | null;
}

/** Elements of `out`: T·B·H, plus B·H for LSTM's final cell state. */
export function recurrentOutLength(s: RecurrentShape): number {
  return (s.steps + (s.mode === 'LSTM' ? 1 : 0)) * s.batch * s.hidden;
}

/** Elements of `saved`: LSTM T·B·5H (activations and cell states), GRU T·B·4H (r, z, n and h·W_hnᵀ + b_hn), RNN 0. */
export function recurrentSavedLength(s: RecurrentShape): number {
  const per = s.mode === 'LSTM' ? 5 : s.mode === 'GRU' ? 4 : 0;
  return s.steps * s.batch * per * s.hidden;
}

/** A zeroed array of the same dtype as `like`. */
export function floatLike(like: FloatArray, n: number): FloatArray {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}
