/**
 * cummax/cummin, cumprod, logcumsumexp and scatter/scatterReduce with their backward rules (the
 * other ops of issue 20 are composed from recorded ops in @descent/tensor and need no rule).
 */
import { Storage, Tensor as BaseTensor } from '@descent/tensor';
import type { ScatterReduce, ScatterReduceOptions } from '@descent/tensor';
import { filled, rowMajorStrides } from '../filled';
import { gradMode } from '../grad-mode';
import { where } from './indexing';
import { cat, stack } from './join';
import { isGradTensor, needsGrad, record, untrackedMethod } from '../node';
import { Tensor, asGrad } from '../tensor';

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
 * cumprod, with PyTorch 1.13's `cumprod_backward`: without a zero in the input,
 * ∂/∂aₖ = Σ_{j≥k} gⱼ·outⱼ / aₖ (the reversed cumulative sum of g·out divided by a). With zeros,
 * along each line with first zero z₁ and second z₂: before z₁ the same sum stopped at z₁; at z₁,
 * prod(a[:z₁])·Σ_{z₁≤j<z₂} gⱼ·prod(a[z₁+1..j]); after z₁ nothing. That exact O(n) rule is
 * computed directly when no graph is recorded; under `createGraph` the gradient is built from
 * differentiable ops as PyTorch's O(n²) products-with-one-factor-omitted, so it differentiates again.
 */
export function cumprod(a: Tensor, dim: number): Tensor {
  const out = base.cumprod.call(a, dim) as Tensor;
  if (!needsGrad(a)) return out;
  return record(out, 'CumprodBackward0', [a], (g) => [cumprodBackward(g, a, dim, out)], [a, out]);
}

function cumprodBackward(g: Tensor, a: Tensor, dim: number, out: Tensor): Tensor {
  if (a.numel() <= 1) return g;
  const d = dim < 0 ? dim + a.ndim : dim;
  const n = a.shape[d] as number;
  if (n === 1) return g;
  if (!a.toTypedArray().some((v) => v === 0)) return reverseCumsum(g.mul(out), d).div(a);
  return gradMode.enabled ? omittedProductsBackward(g, a, d, n) : zerosBackward(g, a, d, n);
}

/** The O(n) rule with zeros, line by line along `dim` (no graph: the values only). */
function zerosBackward(g: Tensor, a: Tensor, d: number, n: number): Tensor {
  const rows = (t: Tensor): ArrayLike<number> => t.transpose(d, -1).contiguous().toTypedArray();
  const x = rows(a);
  const gr = rows(g);
  const result = new Float64Array(x.length);
  for (let start = 0; start < x.length; start += n) {
    let z1 = n;
    for (let j = 0; j < n; j++) {
      if (x[start + j] === 0) {
        z1 = j;
        break;
      }
    }
    // Before the first zero: Σ_{k≤j<z₁} gⱼ·outⱼ / aₖ, with outⱼ the running product.
    let prefix = 1;
    const w = new Float64Array(z1);
    for (let j = 0; j < z1; j++) {
      prefix *= x[start + j] as number;
      w[j] = (gr[start + j] as number) * prefix;
    }
    let acc = 0;
    for (let k = z1 - 1; k >= 0; k--) {
      acc += w[k] as number;
      result[start + k] = acc / (x[start + k] as number);
    }
    if (z1 === n) continue;
    // At the first zero: prod(a[:z₁])·(g_z₁ + Σ_{z₁<j<z₂} gⱼ·prod(a[z₁+1..j])); after it, 0.
    let sum = gr[start + z1] as number;
    let running = 1;
    for (let j = z1 + 1; j < n && x[start + j] !== 0; j++) {
      running *= x[start + j] as number;
      sum += (gr[start + j] as number) * running;
    }
    result[start + z1] = prefix * sum;
  }
  const lineShape = [...a.transpose(d, -1).shape];
  const data = a.dtype === 'float32' ? Float32Array.from(result) : result;
  return new Tensor(new Storage(data), lineShape, rowMajorStrides(lineShape), 0, a.dtype).transpose(d, -1);
}

/**
 * ∂/∂aₖ = Σ_{j≥k} gⱼ·prod_{i≤j, i≠k} aᵢ, from differentiable ops (PyTorch's GradMode branch):
 * the omitted products are prod(a[:k]) followed by prod(a[:k])·cumprod(a[k+1:]).
 */
function omittedProductsBackward(g: Tensor, a: Tensor, d: number, n: number): Tensor {
  const onesShape = [...a.shape];
  onesShape[d] = 1;
  const slices: Tensor[] = [];
  for (let k = 0; k < n; k++) {
    let omitted: Tensor;
    if (k === 0) {
      omitted = cat([filled(onesShape, a.dtype, 1), a.slice(d, 1).cumprod(d)], d);
    } else {
      const until = a.slice(d, 0, k).prod(d, true);
      omitted = k === n - 1 ? until : cat([until, until.mul(a.slice(d, k + 1).cumprod(d))], d);
    }
    slices.push(g.slice(d, k).mul(omitted).sum(d));
  }
  return stack(slices, d);
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
 * scatterReduce, with PyTorch 1.13's `scatter_reduce_backward` for every reduction. 'sum'/'mean':
 * ∂/∂self = g (scaled by 1/count for mean), ∂/∂src = g gathered at `index` (scaled likewise).
 * 'prod': g·result divided by the element, with zeros handled exactly (the product of the others
 * is recomputed with the zero replaced by 1; a place with two or more zeros gives 0). 'amax'/'amin':
 * g shared evenly among the self and src values equal to the result (PyTorch counts self among
 * them even with `includeSelf: false`, and so does this). With `includeSelf: false` self's
 * gradient is zero at the written places.
 */
export function scatterReduce(a: Tensor, dim: number, index: BaseTensor, src: BaseTensor, reduce: ScatterReduce, options: ScatterReduceOptions = {}): Tensor {
  const out = asGrad(untrackedMethod(a, 'scatterReduce', dim, index, src, reduce, options));
  if (!needsGrad(a, src)) return out;
  const includeSelf = options.includeSelf ?? true;
  if (reduce === 'sum' || reduce === 'mean') {
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
  const s = asGrad(src);
  return record(out, 'ScatterReduceBackward0', [a, src], (g) => {
    const [gradSelf, gradSrc] = reduce === 'prod' ? prodGrads(g, a, dim, index, s, out, includeSelf) : extremeGrads(g, a, dim, index, s, out);
    return [
      a.requiresGrad ? (includeSelf ? gradSelf : gradSelf.scatter(dim, index, 0)) : null,
      isGradTensor(src) ? gradSrc : null,
    ];
  }, [a, index, src, out]);
}

/** scatterReduce 'prod': the product of the other values at each place, exact where some are zero. */
function prodGrads(g: Tensor, a: Tensor, dim: number, index: BaseTensor, src: Tensor, out: Tensor, includeSelf: boolean): [Tensor, Tensor] {
  const options = { includeSelf };
  const maskedSelf = a.maskedFill(a.eq(0), 1);
  const gradSelf = g.mul(maskedSelf.scatterReduce(dim, index, src, 'prod', options)).div(maskedSelf);
  const srcZero = src.eq(0);
  const zerosAtPlace = asGrad(filled(a.shape, a.dtype, 0)).scatterReduce(dim, index, srcZero.to(a.dtype), 'sum').gather(dim, index);
  const singleZero = srcZero.logicalAnd(zerosAtPlace.eq(1));
  const withoutZero = a.scatterReduce(dim, index, src.maskedFill(singleZero, 1), 'prod', options);
  const gradSrc = where(singleZero, g.mul(withoutZero).gather(dim, index), g.mul(out).gather(dim, index).div(src.maskedFill(srcZero, 1)));
  return [gradSelf, gradSrc];
}

/** scatterReduce 'amax'/'amin': g split evenly among the values equal to the result. */
function extremeGrads(g: Tensor, a: Tensor, dim: number, index: BaseTensor, src: Tensor, out: Tensor): [Tensor, Tensor] {
  const value = out.gather(dim, index);
  const selfIsResult = a.eq(out).to(a.dtype);
  const srcIsResult = src.eq(value).to(a.dtype);
  const shared = g.div(selfIsResult.scatterReduce(dim, index, srcIsResult, 'sum'));
  return [selfIsResult.mul(shared), srcIsResult.mul(shared.gather(dim, index))];
}
