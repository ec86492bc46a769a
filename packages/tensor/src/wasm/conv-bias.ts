import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/**
 * out[s, c, i] += bias[c] in place for `samples` × `channels` planes of `area` elements, in wasm
 * (assembly/conv-bias.ts).
 *
 * @example
 * wasmConvBias(ctx, out, bias, 64, 6, 576);
 */
export function wasmConvBias(ctx: WasmContext, out: FloatArray, bias: FloatArray, samples: number, channels: number, area: number): void {
  const fn = out instanceof Float32Array ? ctx.exports.conv_bias_f32 : ctx.exports.conv_bias_f64;
  ctx.withArrays([out, bias], [true, true], ([po, pb]) => fn(po as number, pb as number, samples, channels, area), [true, false]);
}
