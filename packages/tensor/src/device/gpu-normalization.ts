/**
 * Batch, layer and group normalization of GPU tensors with the runtime's fused kernels
 * (`webgpu/normalization.ts`): `@descent/autograd`'s `fusedNorm` calls these for float32 GPU
 * inputs normalized with their own statistics. The statistics stay on the GPU as tensors.
 */
import type { Tensor } from '../tensor';
import type { GPUArray } from '../webgpu/array';
import { contiguous } from '../webgpu/elementwise';
import { normApply, normBackwardGPU, normStats } from '../webgpu/normalization';
import type { GPUNormLayout } from '../webgpu/normalization';
import type { GPUStorage } from './gpu-storage';
import { gpuContext, gpuView, wrapGPU } from './gpu-tensor';

/** The elements of `t` as a whole contiguous float32 array (a copy when `t` is a strided or partial view). */
function dense(t: Tensor, what: string): GPUArray {
  if (t.storage.device !== 'webgpu') throw new Error('Expected all tensors to be on the same device, but found at least two devices, webgpu and cpu!');
  if (t.dtype !== 'float32') throw new TypeError(`normalization on webgpu: expected a float32 ${what}, got ${t.dtype}`);
  const array = (t.storage as GPUStorage).array;
  if (t.isContiguous() && t.offset === 0 && array.length === t.numel()) return array;
  return contiguous(gpuContext(), gpuView(t));
}

/** Batch statistics of a GPU normalization: μ, σ² (biased) and 1/√(σ² + eps) per statistics group. */
export interface GPUNormStatistics {
  /** Per group, float32 on the GPU. */
  mean: Tensor;
  /** Biased variance per group. */
  variance: Tensor;
  /** @internal The kernels' [mean…, var…, rstd…] array, read by {@link gpuNormBackward}. */
  packed: Tensor;
}

/**
 * y = (x − μ)·rstd·γ + β with the batch's statistics over the [N, C, S] `layout` (one statistics
 * kernel, one element-wise kernel), and the statistics.
 *
 * @example
 * const { out, stats } = gpuNormForward(x, { batch: 4, channels: 8, spatial: 1, groups: 1, perChannel: false }, w, b, 1e-5);
 */
export function gpuNormForward(x: Tensor, layout: GPUNormLayout, weight: Tensor | null, bias: Tensor | null, eps: number): { out: Tensor; stats: GPUNormStatistics } {
  const ctx = gpuContext();
  const input = dense(x, 'input');
  const packed = normStats(ctx, input, layout, eps);
  const out = normApply(ctx, input, packed, layout, weight === null ? null : dense(weight, 'weight'), bias === null ? null : dense(bias, 'bias'));
  const groups = packed.length / 3;
  const statsTensor = wrapGPU(x, packed, [3, groups], 'float32');
  return { out: wrapGPU(x, out, x.shape, 'float32'), stats: { mean: statsTensor.select(0, 0), variance: statsTensor.select(0, 1), packed: statsTensor } };
}

/**
 * The gradients of {@link gpuNormForward}: dx (null unless `wantInput`), and per channel dγ = Σ dy·x̂
 * and dβ = Σ dy (shaped [C]).
 *
 * @example
 * const { dx, dw, db } = gpuNormBackward(x, g, layout, w, stats, true);
 */
export function gpuNormBackward(x: Tensor, grad: Tensor, layout: GPUNormLayout, weight: Tensor | null, stats: GPUNormStatistics, wantInput: boolean): { dx: Tensor | null; dw: Tensor; db: Tensor } {
  const ctx = gpuContext();
  const { dx, channelSums } = normBackwardGPU(ctx, dense(x, 'input'), dense(grad, 'gradient'), dense(stats.packed, 'statistics'), layout, weight === null ? null : dense(weight, 'weight'), wantInput);
  const sums = wrapGPU(x, channelSums, [2, layout.channels], 'float32');
  return { dx: dx === null ? null : wrapGPU(x, dx, x.shape, 'float32'), dw: sums.select(0, 1), db: sums.select(0, 0) };
}
