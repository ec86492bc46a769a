/**
 * One direction of a recurrent layer (PyTorch's RNN, LSTM or GRU cell) over a whole sequence as
 * two kernels, forward and backward through time: the WebAssembly kernel when it is loaded, else
 * its TypeScript twin. Both compute the same thing (recurrent-fallback.ts gives the equations).
 */
import { activeWasmKernels } from './wasm-dispatch';
import { recurrentBackwardFallback, recurrentForwardFallback } from './recurrent-fallback';
import { recurrentOutLength, RECURRENT_GATES } from './recurrent-layout';
import type { RecurrentForward, RecurrentGradients, RecurrentInputs, RecurrentShape } from './recurrent-layout';
import type { FloatArray } from '../wasm/exports';

function checkLength(what: string, array: FloatArray | null, n: number, f32: boolean): void {
  if (array === null) return;
  if (array.length !== n) throw new RangeError(`recurrentSequence: ${what} must hold ${n} elements, got ${array.length}`);
  if (array instanceof Float32Array !== f32) throw new TypeError(`recurrentSequence: ${what} must have the dtype of gates (${f32 ? 'float32' : 'float64'})`);
}

function checkInputs(s: RecurrentShape, x: RecurrentInputs): void {
  for (const key of ['steps', 'batch', 'hidden'] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 0) throw new RangeError(`recurrentSequence: ${key} must be a non-negative integer, got ${s[key]}`);
  }
  if (!(s.mode in RECURRENT_GATES)) throw new TypeError(`recurrentSequence: unknown mode ${String(s.mode)}`);
  const f32 = x.gates instanceof Float32Array;
  const gh = RECURRENT_GATES[s.mode] * s.hidden;
  checkLength('gates', x.gates, s.steps * s.batch * gh, f32);
  checkLength('h0', x.h0, s.batch * s.hidden, f32);
  if (s.mode === 'LSTM' && x.c0 === null) throw new TypeError('recurrentSequence: LSTM needs c0');
  checkLength('c0', s.mode === 'LSTM' ? x.c0 : null, s.batch * s.hidden, f32);
  checkLength('weightHh', x.weightHh, gh * s.hidden, f32);
  checkLength('biasHh', x.biasHh, gh, f32);
}

/**
 * Runs one direction of a recurrent layer over the sequence: returns the hidden states of every
 * step (and LSTM's final cell state) and what {@link recurrentSequenceBackward} needs.
 *
 * @example
 * const fwd = recurrentSequenceForward({ mode: 'LSTM', steps: 50, batch: 32, hidden: 256, reverse: false }, inputs);
 */
export function recurrentSequenceForward(shape: RecurrentShape, inputs: RecurrentInputs): RecurrentForward {
  checkInputs(shape, inputs);
  const k = activeWasmKernels();
  return k !== null ? k.recurrentForward(shape, inputs) : recurrentForwardFallback(shape, inputs);
}

/**
 * Backward through time of {@link recurrentSequenceForward}: the gradients of the input gates, of
 * `weightHh` and `biasHh`, and of the initial states, from the gradient of `out`.
 *
 * @example
 * const grads = recurrentSequenceBackward(shape, inputs, fwd, dOut);
 */
export function recurrentSequenceBackward(shape: RecurrentShape, inputs: RecurrentInputs, forward: RecurrentForward, dOut: FloatArray): RecurrentGradients {
  checkLength('dOut', dOut, recurrentOutLength(shape), inputs.gates instanceof Float32Array);
  const k = activeWasmKernels();
  return k !== null ? k.recurrentBackward(shape, inputs, forward, dOut) : recurrentBackwardFallback(shape, inputs, forward, dOut);
}
