/**
 * Batch, layer and group normalization as one recorded op each (PyTorch's NativeBatchNormBackward0,
 * NativeLayerNormBackward0, NativeGroupNormBackward0) over the fused float32 wasm kernels of
 * `@descent/tensor`. The input is viewed as [N, C, S] (see `WasmNormLayout`):
 *
 *   forward:   x̂ = (x − μ)·rstd,  y = x̂·γ + β        (μ, rstd per statistics group, or given)
 *   backward:  dβ = Σ dy,  dγ = Σ dy·x̂               (per channel)
 *              dx = rstd·(dy·γ − mean(dy·γ) − x̂·mean(dy·γ·x̂))   (statistics of the batch)
 *              dx = dy·γ·rstd                                    (given statistics)
 *
 * Under createGraph the backward is the same formula written with differentiable ops, so double
 * backward works. Where the kernels do not apply (float64, no wasm) {@link fusedNorm} returns null
 * and nn composes the normalization from differentiable ops. Float32 GPU inputs with batch
 * statistics run the GPU's fused kernels (`gpuNormForward` / `gpuNormBackward`), their statistics
 * returned as GPU tensors (`deviceStats`); with given statistics (eval) nn composes on the GPU.
 */
import { gpuNormBackward, gpuNormForward, normBackward, normForward, Storage } from '@descent/tensor';
import type { GPUNormStatistics, NormStatistics, WasmNormLayout } from '@descent/tensor';
import { gradMode } from '../grad-mode';
import { isGradTensor, record, untracked } from '../node';
import type { Tensor } from '../tensor';

/** What {@link fusedNorm} normalizes over and with which statistics. */
export interface FusedNormSpec {
  /** The [N, C, S] view and how statistics are grouped. */
  layout: WasmNormLayout;
  /** Added to the variance. */
  eps: number;
  /** Statistics to use instead of the batch's (batch norm in eval mode): mean and 1/√(var + eps). */
  given: { mean: Float64Array; rstd: Float64Array } | null;
  /** The backward node's name, e.g. `NativeBatchNormBackward0`. */
  name: string;
}

/** What {@link fusedNorm} returns. */
export interface FusedNormResult {
  /** y, with its backward recorded. */
  out: Tensor;
  /** The statistics as float64 arrays (CPU inputs); empty arrays for GPU inputs. */
  stats: NormStatistics;
  /** The batch statistics of a GPU input as GPU tensors (mean and biased variance per group); null on the CPU. */
  deviceStats: { mean: Tensor; variance: Tensor } | null;
}

const NO_STATS: NormStatistics = { mean: new Float64Array(0), variance: new Float64Array(0), rstd: new Float64Array(0) };

/** {@link fusedNorm} of a float32 GPU input with batch statistics, on the GPU's fused kernels. */
function fusedNormGPU(x: Tensor, weight: Tensor | null, bias: Tensor | null, spec: FusedNormSpec): FusedNormResult {
  const { out, stats } = untracked(gpuNormForward, x, spec.layout, weight, bias, spec.eps) as { out: Tensor; stats: GPUNormStatistics };
  const deviceStats = { mean: stats.mean as Tensor, variance: stats.variance as Tensor };
  if (!gradMode.enabled || !(isGradTensor(x) || isGradTensor(weight) || isGradTensor(bias))) return { out, stats: NO_STATS, deviceStats };
  record(
    out,
    spec.name,
    [x, weight, bias],
    (g) => {
      if (gradMode.enabled) return composedBackward(g, x, weight, bias, spec, NO_STATS);
      const r = gpuNormBackward(x, g, spec.layout, weight, stats, x.requiresGrad);
      return [
        r.dx as Tensor | null,
        weight?.requiresGrad ? (r.dw.reshape(weight.shape) as Tensor) : null,
        bias?.requiresGrad ? (r.db.reshape(bias.shape) as Tensor) : null,
      ];
    },
    [x, ...(weight === null ? [] : [weight])],
  );
  return { out, stats: NO_STATS, deviceStats };
}

/** A float32 tensor of `values` shaped `shape`, built like `like` (no history). */
function constant(like: Tensor, values: Float64Array, shape: number[]): Tensor {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  return like._make(new Storage(Float32Array.from(values)), shape, strides, 0, 'float32');
}

/** The backward with differentiable ops (createGraph), on the [N, G, C/G, S] view. */
function composedBackward(g: Tensor, x: Tensor, weight: Tensor | null, bias: Tensor | null, spec: FusedNormSpec, stats: NormStatistics): (Tensor | null)[] {
  const { batch, channels, spatial, groups, perChannel } = spec.layout;
  const outer = perChannel ? 1 : groups;
  const shape4 = [batch, outer, channels / outer, spatial];
  const statShape = perChannel ? [1, 1, channels, 1] : [batch, groups, 1, 1];
  const dims = perChannel ? [0, 3] : [2, 3];
  const x4 = x.reshape(shape4);
  const g4 = g.reshape(shape4);
  const training = spec.given === null;
  const mu = training ? x4.mean(dims, true) : constant(x, stats.mean, statShape);
  const rstd = training ? x4.var(dims, { correction: 0, keepdim: true }).add(spec.eps).rsqrt() : constant(x, stats.rstd, statShape);
  const xh = x4.sub(mu).mul(rstd);
  const gg = weight === null ? g4 : g4.mul(weight.reshape([1, outer, channels / outer, 1]));
  const dx = training ? gg.sub(gg.mean(dims, true)).sub(xh.mul(gg.mul(xh).mean(dims, true))).mul(rstd) : gg.mul(rstd);
  return [
    x.requiresGrad ? dx.reshape(x.shape) : null,
    weight?.requiresGrad ? g4.mul(xh).sum([0, 3]).reshape(weight.shape) : null,
    bias?.requiresGrad ? g4.sum([0, 3]).reshape(bias.shape) : null,
  ];
}

/**
 * y = (x − μ)·rstd·γ + β on the fused kernels, with its backward recorded; also the statistics
 * (float64: mean, biased variance, rstd) for running averages. Null where the kernels do not apply.
 *
 * @example
 * const r = fusedNorm(x, w, b, { layout: { batch: 8, channels: 4, spatial: 25, groups: 1, perChannel: true }, eps: 1e-5, given: null, name: 'NativeBatchNormBackward0' });
 */
export function fusedNorm(x: Tensor, weight: Tensor | null, bias: Tensor | null, spec: FusedNormSpec): FusedNormResult | null {
  if (x.storage.device !== 'cpu') return spec.given === null && x.dtype === 'float32' ? fusedNormGPU(x, weight, bias, spec) : null;
  const forward = normForward(x, spec.layout, weight, bias, spec.eps, spec.given);
  if (forward === null) return null;
  const { stats } = forward;
  const out = forward.out as Tensor;
  if (!gradMode.enabled || !(isGradTensor(x) || isGradTensor(weight) || isGradTensor(bias))) return { out, stats, deviceStats: null };
  const training = spec.given === null;
  record(
    out,
    spec.name,
    [x, weight, bias],
    (g) => {
      if (gradMode.enabled) return composedBackward(g, x, weight, bias, spec, stats);
      const r = normBackward(x, g, spec.layout, weight, stats, training, x.requiresGrad);
      if (r === null) return composedBackward(g, x, weight, bias, spec, stats);
      return [
        r.dx as Tensor | null,
        weight?.requiresGrad ? (r.dw.reshape(weight.shape) as Tensor) : null,
        bias?.requiresGrad ? (r.db.reshape(bias.shape) as Tensor) : null,
      ];
    },
    [x, ...(weight === null ? [] : [weight])],
  );
  return { out, stats, deviceStats: null };
}
