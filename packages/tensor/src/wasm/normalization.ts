import type { WasmContext } from './context';
import { acquireArray, recycleArray } from '../storage-pool';

/**
 * How the normalization kernels see their input: [batch, channels, spatial], with statistics per
 * (sample, group of channels) (`perChannel` false: group norm, and layer norm as one group of
 * `channels` = the normalized size with `spatial` 1) or per channel over every sample and position
 * (`perChannel` true: batch norm).
 */
export interface WasmNormLayout {
  batch: number;
  channels: number;
  spatial: number;
  /** Groups of channels (perChannel false); 1 for layer norm. */
  groups: number;
  perChannel: boolean;
}

/** Number of statistics groups of `layout`: channels (batch norm) or batch·groups. */
export function normStatCount(layout: WasmNormLayout): number {
  return layout.perChannel ? layout.channels : layout.batch * layout.groups;
}

/**
 * Normalization forward in wasm (assembly/normalization.ts, float32): fills `mean`, `variance` and
 * `rstd` (float64, one per statistics group) when `computeStats`, else reads `mean` and `rstd`;
 * writes y = (x − μ)·rstd·γ + β to `out`.
 *
 * @example
 * wasmNormForward(ctx, x, out, layout, weight, bias, 1e-5, mean, variance, rstd, true);
 */
export function wasmNormForward(ctx: WasmContext, x: Float32Array, out: Float32Array, layout: WasmNormLayout, weight: Float32Array | null, bias: Float32Array | null, eps: number, mean: Float64Array, variance: Float64Array, rstd: Float64Array, computeStats: boolean): void {
  const { batch, channels, spatial, groups, perChannel } = layout;
  ctx.withArrays([x, out, weight, bias, mean, variance, rstd], [true, false, true, true, !computeStats, false, !computeStats], ([px, po, pw, pb, pm, pv, pr]) =>
    ctx.exports.norm_fwd_f32(px as number, po as number, batch, channels, spatial, groups, perChannel ? 1 : 0, pw as number, weight ? 1 : 0, pb as number, bias ? 1 : 0, eps, pm as number, pv as number, pr as number, computeStats ? 1 : 0),
  [false, true, false, false, computeStats, computeStats, computeStats]);
}

/**
 * Normalization backward in wasm (float32): per-channel Σ dy (`db`) and Σ dy·x̂ (`dw`) in float64,
 * and, when `dx` is given, the input gradient (`training`: the statistics depend on x).
 *
 * @example
 * wasmNormBackward(ctx, x, g, dx, layout, weight, mean, rstd, true, dw, db);
 */
export function wasmNormBackward(ctx: WasmContext, x: Float32Array, g: Float32Array, dx: Float32Array | null, layout: WasmNormLayout, weight: Float32Array | null, mean: Float64Array, rstd: Float64Array, training: boolean, dw: Float64Array, db: Float64Array): void {
  const { batch, channels, spatial, groups, perChannel } = layout;
  const stats = normStatCount(layout);
  // Per-group scratch (never copied in or out), from the pools and given back: nothing is left to
  // the collector (issue #23).
  const sg = acquireArray('float64', stats, false) as Float64Array;
  const sgx = acquireArray('float64', stats, false) as Float64Array;
  ctx.withArrays([x, g, dx, weight, mean, rstd, dw, db, sg, sgx], [true, true, false, true, true, true, false, false, false, false], ([px, pg, pd, pw, pm, pr, pdw, pdb, psg, psgx]) =>
    ctx.exports.norm_bwd_f32(px as number, pg as number, pd as number, batch, channels, spatial, groups, perChannel ? 1 : 0, pw as number, weight ? 1 : 0, pm as number, pr as number, training ? 1 : 0, pdw as number, pdb as number, psg as number, psgx as number, dx ? 1 : 0),
  [false, false, true, false, false, false, true, true, false, false]);
  recycleArray('float64', sg);
  recycleArray('float64', sgx);
}
