/**
 * Batch, layer and group normalization as fused float32 wasm kernels (assembly/normalization.ts):
 * one call forward (statistics, normalization, affine) and one backward (the input, weight and bias
 * gradients). Null when they do not apply (other dtypes, no kernels), so callers compose the
 * normalization from differentiable ops instead; that composed form is the reference.
 */
import { allocate, allocateUninitialized } from '../dtype';
import { acquireArray, recycleArray } from '../storage-pool';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';
import { normStatCount, type WasmNormLayout } from '../wasm/normalization';
import { activeWasmKernels } from './wasm-dispatch';

/** Per statistics group, in float64: mean, biased variance and 1/√(variance + eps). */
export interface NormStatistics {
  mean: Float64Array;
  variance: Float64Array;
  rstd: Float64Array;
}

function dense32(t: Tensor): Float32Array {
  const c = t.contiguous();
  return (c.storage.data as Float32Array).subarray(c.offset, c.offset + c.numel());
}

function kernelsFor(x: Tensor): ReturnType<typeof activeWasmKernels> {
  return x.dtype === 'float32' ? activeWasmKernels() : null;
}

/**
 * y = (x − μ)·rstd·γ + β for `x` laid out as `layout` says, with the batch's statistics, or with
 * `given` ones (mean and rstd; batch norm in eval mode). Null unless `x` is float32 and the wasm
 * kernels are loaded.
 *
 * @example
 * const r = normForward(x, { batch: 8, channels: 4, spatial: 25, groups: 1, perChannel: true }, w, b, 1e-5, null);
 */
export function normForward(x: Tensor, layout: WasmNormLayout, weight: Tensor | null, bias: Tensor | null, eps: number, given: { mean: Float64Array; rstd: Float64Array } | null): { out: Tensor; stats: NormStatistics } | null {
  const k = kernelsFor(x);
  if (k === null || (weight !== null && weight.dtype !== 'float32') || (bias !== null && bias.dtype !== 'float32')) return null;
  const count = normStatCount(layout);
  const stats: NormStatistics = given === null
    ? { mean: statArray(count), variance: statArray(count), rstd: statArray(count) }
    : { mean: given.mean, variance: statArray(count), rstd: given.rstd };
  const n = x.numel();
  const out = allocate('float32', n) as Float32Array;
  k.normForward(dense32(x), out, layout, weight && dense32(weight), bias && dense32(bias), eps, stats.mean, stats.variance, stats.rstd, given === null);
  const shape = [...x.shape];
  return { out: x._make(new Storage(out), shape, contiguousStrides(shape), 0, 'float32'), stats };
}

/**
 * A pooled float64 array for statistics, under a storage of its own that nothing else holds: the
 * storage is what a built-in forward, a backward pass or a scope watches, so once the backward
 * rule that reads these statistics is gone they go back to the pools with the other
 * intermediates (issue #23); otherwise the collector frees them.
 */
function statArray(count: number): Float64Array {
  return new Storage(acquireArray('float64', count)).data as Float64Array;
}

/**
 * The gradients of {@link normForward} from the output's gradient `grad`: the input's (when
 * `wantInput`; `training` when the statistics came from `x`) and the per-channel weight and bias
 * gradients (float32 [channels]). Null unless float32 with the wasm kernels loaded.
 *
 * @example
 * const r = normBackward(x, g, layout, w, stats, true, true);
 */
export function normBackward(x: Tensor, grad: Tensor, layout: WasmNormLayout, weight: Tensor | null, stats: NormStatistics, training: boolean, wantInput: boolean): { dx: Tensor | null; dw: Tensor; db: Tensor } | null {
  const k = kernelsFor(x);
  if (k === null || grad.dtype !== 'float32') return null;
  const n = x.numel();
  const dx = wantInput ? (allocate('float32', n) as Float32Array) : null;
  // The float64 sums are scratch (zeroed: the kernel accumulates into them), the results pooled
  // float32 copies of them, so nothing here is left to the collector (issue #23).
  const dw = acquireArray('float64', layout.channels) as Float64Array;
  const db = acquireArray('float64', layout.channels) as Float64Array;
  k.normBackward(dense32(x), dense32(grad), dx, layout, weight && dense32(weight), stats.mean, stats.rstd, training, dw, db);
  const shape = [...x.shape];
  const vector = (sums: Float64Array): Tensor => {
    const v = allocateUninitialized('float32', sums.length) as Float32Array;
    for (let i = 0; i < sums.length; i++) v[i] = sums[i] as number;
    recycleArray('float64', sums);
    return x._make(new Storage(v), [layout.channels], [1], 0, 'float32');
  };
  return {
    dx: dx && x._make(new Storage(dx), shape, contiguousStrides(shape), 0, 'float32'),
    dw: vector(dw),
    db: vector(db),
  };
}
