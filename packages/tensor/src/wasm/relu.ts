import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/**
 * out = relu(x) in wasm (assembly/relu.ts), NaN kept; arrays already in wasm memory are used in
 * place, others are copied in (x) or out (out).
 *
 * @example
 * wasmRelu(ctx, x, out);
 */
export function wasmRelu(ctx: WasmContext, x: FloatArray, out: FloatArray): void {
  const fn = x instanceof Float32Array ? ctx.exports.relu_fwd_f32 : ctx.exports.relu_fwd_f64;
  ctx.withArrays([x, out], [true, false], ([px, po]) => fn(px as number, po as number, x.length), [false, true]);
}

/**
 * out = g where y > 0, else 0 (ReLU's backward from its saved output `y`) in wasm.
 *
 * @example
 * wasmReluBackward(ctx, g, y, out);
 */
export function wasmReluBackward(ctx: WasmContext, g: FloatArray, y: FloatArray, out: FloatArray): void {
  const fn = g instanceof Float32Array ? ctx.exports.relu_bwd_f32 : ctx.exports.relu_bwd_f64;
  ctx.withArrays([g, y, out], [true, true, false], ([pg, py, po]) => fn(pg as number, py as number, po as number, g.length), [false, false, true]);
}
