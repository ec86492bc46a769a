/**
 * Reductions and normalisations with their backward rules, one node each as in PyTorch.
 */
import { acquireArray, softmaxRows, softmaxRowsBackward, Storage, Tensor as BaseTensor } from '@descent/tensor';
import type { ReduceOptions } from '@descent/tensor';
import { expandBack, keptShape, reducedDims } from '../dims';
import { rowMajorStrides } from '../filled';
import { gradMode } from '../grad-mode';
import { needsGrad, record, untracked, untrackedMethod } from '../node';
import { metaOf } from '../sum-to-shape';
import { Tensor, asGrad } from '../tensor';

const base = BaseTensor.prototype;

/** Σ over `dim` (all when omitted); the gradient is g broadcast back. */
export function sum(
  a: Tensor,
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
  options?: ReduceOptions,
): Tensor {
  const out = base.sum.call(a, dim, keepdim, options) as Tensor;
  if (!needsGrad(a)) return out;
  const dims = reducedDims(dim, a.ndim);
  const ma = metaOf(a);
  // With `dtype`, the input was converted first: the gradient converts back.
  return record(out, dim === undefined ? 'SumBackward0' : 'SumBackward1', [a], (g) => [
    expandBack(g, ma, dims, keepdim).to(ma.dtype),
  ]);
}

/** Mean; the gradient is g / n broadcast back. */
export function mean(
  a: Tensor,
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
): Tensor {
  if (!needsGrad(a)) return base.mean.call(a, dim, keepdim) as Tensor;
  const out = untrackedMethod(a, 'mean', dim, keepdim) as Tensor;
  const dims = reducedDims(dim, a.ndim);
  let n = 1;
  for (const d of dims) n *= a.shape[d] as number;
  const ma = metaOf(a);
  return record(out, dim === undefined ? 'MeanBackward0' : 'MeanBackward1', [a], (g) => [
    expandBack(g, ma, dims, keepdim).div(n),
  ]);
}

/**
 * Product; the gradient of each element is g times the product of the others. Without zeros in
 * the input that is out / a, built from differentiable ops (so `createGraph` works); with zeros
 * it is computed with prefix and suffix products (exact, no 0/0), treated as a constant there.
 */
export function prod(
  a: Tensor,
  dim: number | undefined,
  keepdim: boolean,
  options?: ReduceOptions,
): Tensor {
  if (options?.dtype !== undefined && options.dtype !== a.dtype) {
    return prod(a.to(options.dtype), dim, keepdim, { ...options, dtype: undefined });
  }
  const out = base.prod.call(a, dim, keepdim, options) as Tensor;
  if (!needsGrad(a)) return out;
  const dims = reducedDims(dim, a.ndim);
  return record(
    out,
    dim === undefined ? 'ProdBackward0' : 'ProdBackward1',
    [a],
    (g) => {
      const others = hasZero(a) ? othersProduct(a, dim) : expandBack(out, a, dims, keepdim).div(a);
      return [expandBack(g, a, dims, keepdim).mul(others)];
    },
    [a, out],
  );
}

function hasZero(a: Tensor): boolean {
  return a.toTypedArray().some((v) => v === 0);
}

function othersProduct(a: Tensor, dim: number | undefined): Tensor {
  return untracked(() => {
    const last = dim === undefined ? a.reshape([-1]) : a.transpose(dim, -1);
    const rows = last.contiguous().toTypedArray();
    const k = last.shape[last.ndim - 1] ?? 1;
    const result =
      a.dtype === 'float32' ? new Float32Array(rows.length) : new Float64Array(rows.length);
    for (let start = 0; start < rows.length; start += k) {
      let prefix = 1;
      for (let j = 0; j < k; j++) {
        result[start + j] = prefix;
        prefix *= rows[start + j] as number;
      }
      let suffix = 1;
      for (let j = k - 1; j >= 0; j--) {
        result[start + j] = (result[start + j] as number) * suffix;
        suffix *= rows[start + j] as number;
      }
    }
    const strides = Array.from(last.shape, (_, i) =>
      last.shape.slice(i + 1).reduce((x, y) => x * y, 1),
    );
    const others = new Tensor(new Storage(result), [...last.shape], strides, 0, a.dtype);
    return dim === undefined ? others.reshape(a.shape) : others.transpose(dim, -1);
  });
}

/**
 * max/min. Without `dim` the gradient is shared evenly among all elements equal to the result
 * (PyTorch 1.13's `evenly_distribute_backward`); with `dim` it goes to the returned index.
 */
export function extreme(
  a: Tensor,
  kind: 'max' | 'min',
  dim: number | undefined,
  keepdim: boolean,
): Tensor | { values: Tensor; indices: Tensor } {
  if (dim === undefined) {
    // A plain base-class view sidesteps the overloads of max/min; its result is wrapped back.
    const plain = new BaseTensor(a.storage, a.shape, a.strides, a.offset, a.dtype);
    const out = asGrad(kind === 'max' ? plain.max() : plain.min());
    if (!needsGrad(a)) return out;
    return record(
      out,
      kind === 'max' ? 'MaxBackward1' : 'MinBackward1',
      [a],
      (g) => {
        const mask = a.eq(out).to(g.dtype);
        return [mask.mul(g.div(mask.sum()))];
      },
      [a, out],
    );
  }
  const result = kind === 'max' ? base.max.call(a, dim, keepdim) : base.min.call(a, dim, keepdim);
  const values = result.values as Tensor;
  const indices = result.indices as Tensor;
  if (needsGrad(a)) {
    const d = dim < 0 ? dim + a.ndim : dim;
    record(
      values,
      kind === 'max' ? 'MaxBackward0' : 'MinBackward0',
      [a],
      (g) => [expandBack(g, a, [d], keepdim).mul(oneHot(a, d, indices, keepdim, g.dtype))],
      [indices],
    );
  }
  return { values, indices };
}

/** 1 where the position along `d` equals the index, else 0, in `a`'s shape. */
function oneHot(
  a: Tensor,
  d: number,
  indices: Tensor,
  keepdim: boolean,
  dtype: 'float32' | 'float64' | 'int32' | 'bool',
): Tensor {
  const size = a.shape[d] as number;
  const positions = new Int32Array(size);
  for (let i = 0; i < size; i++) positions[i] = i;
  const shape = a.shape.map((_, i) => (i === d ? size : 1));
  const strides = a.shape.map((_, i) => (i === d ? 1 : 0));
  const positionsOnCPU = new Tensor(new Storage(positions), shape, strides, 0, 'int32');
  // On the GPU the positions go up too (the CPU path is unchanged): a CPU operand would throw.
  const along = indices.device === 'cpu' ? positionsOnCPU : positionsOnCPU.contiguous().to(indices.device);
  const kept = keepdim ? indices : indices.unsqueeze(d);
  return along.eq(kept).to(dtype);
}

/** amax/amin: the gradient is shared evenly among the elements equal to their group's result. */
export function amaxAmin(
  a: Tensor,
  kind: 'amax' | 'amin',
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
): Tensor {
  const out = (
    kind === 'amax' ? base.amax.call(a, dim, keepdim) : base.amin.call(a, dim, keepdim)
  ) as Tensor;
  if (!needsGrad(a)) return out;
  const dims = reducedDims(dim, a.ndim);
  return record(
    out,
    kind === 'amax' ? 'AmaxBackward0' : 'AminBackward0',
    [a],
    (g) => {
      const kept = keepdim ? out : out.reshape(keptShape(a.shape, dims));
      const mask = a.eq(kept).to(g.dtype);
      return [mask.mul(expandBack(g, a, dims, keepdim)).div(mask.sum(dims, true))];
    },
    [a, out],
  );
}

/** log Σ exp; the gradient is g·exp(a − out), i.e. g times the softmax over the reduced dims. */
export function logsumexp(a: Tensor, dim: number | readonly number[], keepdim: boolean): Tensor {
  if (!needsGrad(a)) return base.logsumexp.call(a, dim, keepdim) as Tensor;
  const out = untrackedMethod(a, 'logsumexp', dim, keepdim) as Tensor;
  const dims = reducedDims(dim, a.ndim);
  return record(
    out,
    'LogsumexpBackward0',
    [a],
    (g) => {
      const kept = keepdim ? out : out.reshape(keptShape(a.shape, dims));
      return [expandBack(g, a, dims, keepdim).mul(a.sub(kept).exp())];
    },
    [a, out],
  );
}

/** softmax over the last dim of a dense float tensor: one pass per row forward and backward (softmaxRows). */
function softmaxLastDim(a: Tensor): Tensor {
  const n = a.shape[a.ndim - 1]!;
  const rows = n === 0 ? 0 : a.numel() / n;
  const data = a.storage.data as Float32Array | Float64Array;
  // From the pools (every element is written), so a backward pass or a scope can recycle them.
  const make = (len: number): Float32Array | Float64Array =>
    acquireArray(a.dtype === 'float64' ? 'float64' : 'float32', len, false) as Float32Array | Float64Array;
  const y = make(rows * n);
  softmaxRows(data, a.offset, rows, n, y);
  const out = new Tensor(new Storage(y), a.shape, rowMajorStrides(a.shape), 0, a.dtype);
  if (!needsGrad(a)) return out;
  return record(
    out,
    'SoftmaxBackward0',
    [a],
    (g) => {
      // With createGraph the rule itself must be differentiable: the composed formula.
      if (gradMode.enabled) return [out.mul(g.sub(g.mul(out).sum(-1, true)))];
      const gc = g.isContiguous() ? g : g.contiguous();
      const dx = make(rows * n);
      softmaxRowsBackward(y, gc.storage.data as Float32Array | Float64Array, gc.offset, rows, n, dx);
      return [new Tensor(new Storage(dx), a.shape, rowMajorStrides(a.shape), 0, a.dtype)];
    },
    [out],
  );
}

/** softmax; ∂ = out·(g − Σ g·out) along `dim`. */
export function softmax(a: Tensor, dim: number): Tensor {
  const last = a.ndim > 0 && (dim === a.ndim - 1 || dim === -1);
  if (last && a.storage.device === 'cpu' && (a.dtype === 'float32' || a.dtype === 'float64') && a.isContiguous()) return softmaxLastDim(a);
  if (!needsGrad(a)) return base.softmax.call(a, dim) as Tensor;
  const out = untrackedMethod(a, 'softmax', dim) as Tensor;
  return record(out, 'SoftmaxBackward0', [a], (g) => [out.mul(g.sub(g.mul(out).sum(dim, true)))], [
    out,
  ]);
}

/** logSoftmax; ∂ = g − exp(out)·Σ g along `dim`. */
export function logSoftmax(a: Tensor, dim: number): Tensor {
  if (!needsGrad(a)) return base.logSoftmax.call(a, dim) as Tensor;
  const out = untrackedMethod(a, 'logSoftmax', dim) as Tensor;
  return record(out, 'LogSoftmaxBackward0', [a], (g) => [g.sub(out.exp().mul(g.sum(dim, true)))], [
    out,
  ]);
}

/** Cumulative sum; the gradient is the reversed cumulative sum of g. */
export function cumsum(a: Tensor, dim: number): Tensor {
  const out = base.cumsum.call(a, dim) as Tensor;
  if (!needsGrad(a)) return out;
  return record(out, 'CumsumBackward0', [a], (g) => [g.flip([dim]).cumsum(dim).flip([dim])]);
}
