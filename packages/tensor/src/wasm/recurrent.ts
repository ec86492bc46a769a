import type { WasmContext } from './context';
import { floatLike, recurrentOutLength, recurrentSavedLength, RECURRENT_GATES, RECURRENT_MODES } from '../kernels/recurrent-layout';
import type { RecurrentForward, RecurrentGradients, RecurrentInputs, RecurrentShape } from '../kernels/recurrent-layout';

function withScratch<R>(ctx: WasmContext, s: RecurrentShape, size: number, fn: (scratch: number) => R): R {
  const bytes = ctx.exports.recurrent_scratch_bytes(RECURRENT_MODES[s.mode], s.steps, s.batch, s.hidden, size);
  const scratch = ctx.heap.alloc(bytes);
  try {
    return fn(scratch);
  } finally {
    ctx.heap.free(scratch, bytes);
  }
}

/**
 * One direction of a recurrent layer over the whole sequence in one kernel call: per step one
 * matmul of h_{t−1} against all gates' weights, then one pass over the gates.
 *
 * @example
 * const { out, saved } = wasmRecurrentForward(ctx, { mode: 'LSTM', steps: 5, batch: 2, hidden: 3, reverse: false }, inputs);
 */
export function wasmRecurrentForward(ctx: WasmContext, s: RecurrentShape, x: RecurrentInputs): RecurrentForward {
  const f32 = x.gates instanceof Float32Array;
  const out = floatLike(x.gates, recurrentOutLength(s));
  const saved = floatLike(x.gates, recurrentSavedLength(s));
  withScratch(ctx, s, f32 ? 4 : 8, (scratch) =>
    ctx.withArrays(
      [x.gates, x.h0, x.c0, x.weightHh, x.biasHh, out, saved],
      [true, true, true, true, true, false, false],
      ([gx, h0, c0, whh, bhh, po, ps]) => {
        const fn = f32 ? ctx.exports.recurrent_forward_f32 : ctx.exports.recurrent_forward_f64;
        fn(RECURRENT_MODES[s.mode], s.steps, s.batch, s.hidden, s.reverse ? 1 : 0, gx!, h0!, c0!, whh!, bhh!, po!, ps!, scratch);
      },
      [false, false, false, false, false, true, true],
    ),
  );
  return { out, saved };
}

/**
 * Backward through time of {@link wasmRecurrentForward} in one kernel call: per step one pass over
 * the gates and one matmul against W_hh; dW_hh as one product over all steps.
 *
 * @example
 * const grads = wasmRecurrentBackward(ctx, shape, inputs, forward, dOut);
 */
export function wasmRecurrentBackward(ctx: WasmContext, s: RecurrentShape, x: RecurrentInputs, fwd: RecurrentForward, dOut: Float32Array | Float64Array): RecurrentGradients {
  const f32 = x.gates instanceof Float32Array;
  const gh = RECURRENT_GATES[s.mode] * s.hidden;
  const bh = s.batch * s.hidden;
  const dGates = floatLike(x.gates, s.steps * s.batch * gh);
  const dWeightHh = floatLike(x.gates, gh * s.hidden);
  const dBiasHh = x.biasHh === null ? null : floatLike(x.gates, gh);
  const dh0 = floatLike(x.gates, bh);
  const dc0 = s.mode === 'LSTM' ? floatLike(x.gates, bh) : null;
  withScratch(ctx, s, f32 ? 4 : 8, (scratch) =>
    ctx.withArrays(
      [x.h0, x.c0, x.weightHh, fwd.out, fwd.saved, dOut, dGates, dWeightHh, dBiasHh, dh0, dc0],
      [true, true, true, true, true, true, false, false, false, false, false],
      ([h0, c0, whh, out, saved, dO, dGx, dW, dB, dH0, dC0]) => {
        const fn = f32 ? ctx.exports.recurrent_backward_f32 : ctx.exports.recurrent_backward_f64;
        fn(RECURRENT_MODES[s.mode], s.steps, s.batch, s.hidden, s.reverse ? 1 : 0, h0!, c0!, whh!, out!, saved!, dO!, dGx!, dW!, dB!, dH0!, dC0!, scratch);
      },
      [false, false, false, false, false, false, true, true, true, true, true],
    ),
  );
  return { dGates, dWeightHh, dBiasHh, dh0, dc0 };
}
