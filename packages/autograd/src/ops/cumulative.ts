/**
 * cummax/cummin, cumprod, logcumsumexp and scatter/scatterReduce with their backward rules (the
 * other ops of issue 20 are composed from recorded ops in @descent/tensor and need no rule).
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import type { ScatterReduce, ScatterReduceOptions } from '@descent/tensor';
import { filled } from '../filled';
import { isGradTensor, needsGrad, record, untrackedMethod } from '../node';
import { asGrad } from '../tensor';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/** g summed into the places `indices` point at along `dim`, in `a`'s shape (scatter-add). */
function scatterAdd(a: Tensor, dim: number, indices: Tensor, g: Tensor): Tensor {
  const zeros = filled(a.shape, g.dtype, 0);
  return asGrad(zeros).scatterReduce(dim, indices, g, 'sum');
}

/** cummax/cummin: each output's gradient goes to the element it was taken from. */
export function cumulativeExtreme(a: Tensor, dim: number, kind: 'cummax' | 'cummin'): { values: Tensor; indices: Tensor } {
  const result = kind === 'cummax' ? base.cummax.call(a, dim) : base.cummin.call(a, dim);
  const values = result.values as Tensor;
  const indices = result.indices as Tensor;
  if (needsGrad(a)) {
    const d = a.ndim === 0 ? 0 : dim < 0 ? dim + a.ndim : dim;
    record(values, kind === 'cummax' ? 'CummaxBackward0' : 'CumminBackward0', [a], (g) => [a.ndim === 0 ? g : scatterAdd(a, d, indices, g)], [indices]);
  }
  return { values, indices };
}

/**
 * cumprod: ∂/∂aᵢ = Σ_{j≥i} gⱼ·outⱼ / aᵢ, the reversed cumulative sum of g·out divided by a. Valid
 * where a ≠ 0; PyTorch's rule handles zeros separately, which this one does not (documented).
 */
export function cumprod(a: Tensor, dim: number): Tensor {
  const out = base.cumprod.call(a, dim) as Tensor;
  if (!needsGrad(a)) return out;
  return record(out, 'CumprodBackward0', [a], (g) => [reverseCumsum(g.mul(out), dim).div(a)], [a, out]);
}

/** logcumsumexp: ∂/∂aᵢ = Σ_{j≥i} gⱼ·e^(aᵢ − outⱼ), as e^aᵢ times the reversed cumulative sum of g·e^(−out). */
export function logcumsumexp(a: Tensor, dim: number): Tensor {
  const out = base.logcumsumexp.call(a, dim) as Tensor;
  if (!needsGrad(a)) return out;
  return record(out, 'LogcumsumexpBackward0', [a], (g) => {
    // Shift by the row maximum of out so that neither exponential overflows.
    const shift = a.ndim === 0 ? out : out.amax(dim, true);
    return [reverseCumsum(g.mul(shift.sub(out).exp()), dim).mul(a.sub(shift).exp())];
  }, [a, out]);
}

function reverseCumsum(t: Tensor, dim: number): Tensor {
  return t.ndim === 0 ? t : t.flip(dim).cumsum(dim).flip(dim);
}

/** scatter: ∂/∂self = g with the written places zeroed, ∂/∂src = g gathered at `index`. */
export function scatter(a: Tensor, dim: number, index: BaseTensor, src: BaseTensor | number): Tensor {
  const out = untrackedMethod(a, 'scatter', dim, index, src) as Tensor;
  if (!needsGrad(a, src)) return asGrad(out);
  return record(asGrad(out), typeof src === 'number' ? 'ScatterBackward1' : 'ScatterBackward0', [a, typeof src === 'number' ? null : src], (g) => [
    a.requiresGrad ? g.scatter(dim, index, 0) : null,
    isGradTensor(src) ? g.gather(dim, index) : null,
  ]);
}

/**
 * scatterReduce with `reduce` 'sum' or 'mean' (the linear ones): ∂/∂self = g (scaled by 1/count
 * for mean, 0 where excluded by `includeSelf: false`), ∂/∂src = g gathered at `index` (scaled
 * likewise). The other reductions have no rule here and refuse to record.
 */
export function scatterReduce(a: Tensor, dim: number, index: BaseTensor, src: BaseTensor, reduce: ScatterReduce, options: ScatterReduceOptions = {}): Tensor {
  const out = asGrad(untrackedMethod(a, 'scatterReduce', dim, index, src, reduce, options));
  if (!needsGrad(a, src)) return out;
  if (reduce !== 'sum' && reduce !== 'mean') throw new Error(`scatterReduce: the gradient of reduce='${reduce}' is not implemented; use 'sum' or 'mean', or call it under noGrad`);
  const includeSelf = options.includeSelf ?? true;
  const ones = filled(src.shape, a.dtype, 1);
  // How many values each place combined (itself included when includeSelf).
  const counts = asGrad(filled(a.shape, a.dtype, includeSelf ? 1 : 0)).scatterReduce(dim, index, ones, 'sum');
  const written = asGrad(filled(a.shape, a.dtype, 0)).scatterReduce(dim, index, ones, 'sum').gt(0);
  return record(out, 'ScatterReduceBackward0', [a, src], (g) => {
    const scaled = reduce === 'mean' ? g.div(counts.clamp(1)) : g;
    return [
      a.requiresGrad ? (includeSelf ? scaled : scaled.maskedFill(written, 0)) : null,
      isGradTensor(src) ? scaled.gather(dim, index) : null,
    ];
  });
}
