import { ACTIVATION_KINDS, type ActivationKind, type ActivationParams } from '../activation-math';
import type { WasmContext } from './context';
import type { FloatArray } from './exports';

function sameKind(name: string, a: FloatArray, b: FloatArray): void {
  if (a.constructor !== b.constructor) throw new TypeError(`${name}: arrays must share one dtype, got ${a.constructor.name} and ${b.constructor.name}`);
  if (a.length !== b.length) throw new RangeError(`${name}: arrays must have the same length, got ${a.length} and ${b.length}`);
}

/**
 * out = f(x) for a fused activation in one pass (assembly/activations.ts); arrays already in wasm
 * memory are used in place, others are copied in (x) or out (out).
 *
 * @example
 * wasmActivation(ctx, 'silu', x, out, [0, 0, 0]);
 */
export function wasmActivation(ctx: WasmContext, kind: ActivationKind, x: FloatArray, out: FloatArray, params: ActivationParams): void {
  sameKind(kind, x, out);
  const fn = x instanceof Float32Array ? ctx.exports.act_fwd_f32 : ctx.exports.act_fwd_f64;
  ctx.withArrays([x, out], [true, false], ([px, po]) => fn(ACTIVATION_KINDS[kind], px as number, po as number, x.length, params[0], params[1], params[2]), [false, true]);
}

/**
 * out = g·f'(x) for a fused activation in one pass, from the saved input `x` and the incoming
 * gradient `g`.
 *
 * @example
 * wasmActivationBackward(ctx, 'silu', x, g, out, [0, 0, 0]);
 */
export function wasmActivationBackward(ctx: WasmContext, kind: ActivationKind, x: FloatArray, g: FloatArray, out: FloatArray, params: ActivationParams): void {
  sameKind(kind, x, g);
  sameKind(kind, x, out);
  const fn = x instanceof Float32Array ? ctx.exports.act_bwd_f32 : ctx.exports.act_bwd_f64;
  ctx.withArrays([x, g, out], [true, true, false], ([px, pg, po]) => fn(ACTIVATION_KINDS[kind], px as number, pg as number, po as number, x.length, params[0], params[1], params[2]), [false, false, true]);
}
