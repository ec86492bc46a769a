/**
 * The GPU implementations of the remaining unary math methods (clamp, log1p, expm1, erf, the
 * inverse and hyperbolic trigonometry, rounding), of var / std / norm and any / all, and of the
 * fused activations (`activation`, `activationBackward` of `ops/activation.ts` branch here).
 * var, std and norm are built from the GPU reductions and element-wise kernels (no history: autograd
 * records their own rules around them).
 */
import type { ActivationKind, ActivationParams } from '../activation-math';
import { notImplemented } from '../dtype';
import { clampDType } from '../ops/unary';
import { normalizeDims } from '../shape';
import type { Tensor } from '../tensor';
import type { VarOptions } from '../tensor-options';
import { mapViews } from '../webgpu/elementwise';
import { activationSource, MATH_BODIES, MATH_PRELUDE } from '../webgpu/math';
import { gpuBinary, gpuCast, gpuUnary } from './gpu-elementwise-methods';
import { gpuReduce } from './gpu-reduction-methods';
import { castView, gpuContext, gpuDType, gpuView, scalarView, wrapGPU } from './gpu-tensor';
import type { GPUMethod } from './dispatch';

/** `body` of `x` over a float32 copy of `a` (ints become float32, as the CPU's floating functions). */
function floatMap(a: Tensor, name: string, body: string): Tensor {
  const ctx = gpuContext();
  const out = mapViews(ctx, `math:${name}`, [castView(ctx, gpuView(a), 'float32')], a.shape, 'float32', body, MATH_PRELUDE);
  return wrapGPU(a, out, a.shape, 'float32');
}

const mathMethod = (name: string, body: string): GPUMethod =>
  function (this: Tensor): Tensor {
    return floatMap(this, name, body);
  };

/** The number of elements reduced over `dims` (every element when undefined or empty). */
function groupSize(a: Tensor, dim: number | readonly number[] | undefined): { dims: number[] | undefined; count: number } {
  if (dim === undefined || (Array.isArray(dim) && dim.length === 0)) return { dims: undefined, count: a.numel() };
  const dims = normalizeDims(typeof dim === 'number' ? [dim] : (dim as readonly number[]), a.ndim);
  return { dims, count: dims.reduce((n, d) => n * (a.shape[d] as number), 1) };
}

/** Σ(x − mean)² / max(0, n − correction) over `dim`, in two passes (mean first), as the CPU. */
function gpuVariance(a: Tensor, dim: number | readonly number[] | undefined, options: VarOptions, what: string): Tensor {
  if (a.dtype !== 'float32') throw new TypeError(`${what}(): input dtype should be either floating point or complex. Got ${a.dtype} instead.`);
  const { dims, count } = groupSize(a, dim);
  const centred = gpuBinary(a, gpuReduce(a, 'mean', dims, true), 'sub');
  const squares = gpuReduce(gpuBinary(centred, centred, 'mul'), 'sum', dims, options.keepdim ?? false);
  return gpuBinary(squares, Math.max(0, count - (options.correction ?? 1)), 'div', true);
}

function gpuNorm(a: Tensor, p: number, dim: number | readonly number[] | undefined, keepdim: boolean): Tensor {
  if (a.dtype !== 'float32') throw new TypeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${a.dtype}`);
  const { dims } = groupSize(a, dim);
  const magnitude = gpuUnary(a, 'abs');
  if (p === Infinity) return gpuReduce(magnitude, 'max', dims, keepdim);
  if (p === -Infinity) return gpuReduce(magnitude, 'min', dims, keepdim);
  if (p === 0) return gpuReduce(gpuCast(gpuCast(a, 'bool'), 'float32'), 'sum', dims, keepdim);
  if (p === 1) return gpuReduce(magnitude, 'sum', dims, keepdim);
  if (p === 2) return gpuUnary(gpuReduce(gpuBinary(a, a, 'mul'), 'sum', dims, keepdim), 'sqrt');
  return gpuBinary(gpuReduce(gpuBinary(magnitude, p, 'pow'), 'sum', dims, keepdim), 1 / p, 'pow');
}

/** any / all: the max / min of the elements as bools (an int32 reduction), as a bool tensor. */
function truth(op: 'max' | 'min'): GPUMethod {
  return function (this: Tensor, dim?: number, keepdim = false): Tensor {
    return gpuCast(gpuReduce(gpuCast(gpuCast(this, 'bool'), 'int32'), op, dim, keepdim), 'bool');
  };
}

/**
 * f(x) of a fused activation on the GPU (float32), one pass.
 *
 * @example
 * gpuActivation(x, 'silu', [0, 0, 0]);
 */
export function gpuActivation(x: Tensor, kind: ActivationKind, params: ActivationParams): Tensor {
  if (x.dtype !== 'float32') throw notImplemented(kind, x.dtype);
  const ctx = gpuContext();
  const out = mapViews(ctx, `act:${kind}:${params.join(',')}`, [gpuView(x)], x.shape, 'float32', 'act(x)', activationSource(kind, params));
  return wrapGPU(x, out, x.shape, 'float32');
}

/**
 * g·f'(x) of a fused activation on the GPU (float32), one pass.
 *
 * @example
 * gpuActivationBackward(x, g, 'silu', [0, 0, 0]);
 */
export function gpuActivationBackward(x: Tensor, grad: Tensor, kind: ActivationKind, params: ActivationParams): Tensor {
  if (x.dtype !== 'float32') throw notImplemented(kind, x.dtype);
  const ctx = gpuContext();
  const g = castView(ctx, gpuView(grad), 'float32');
  const out = mapViews(ctx, `dact:${kind}:${params.join(',')}`, [gpuView(x), g], x.shape, 'float32', 'dact(x, y)', activationSource(kind, params));
  return wrapGPU(x, out, x.shape, 'float32');
}

/** GPU unary math, statistics and truth-value methods by name. */
export const GPU_MATH_METHODS: Record<string, GPUMethod> = {
  ...Object.fromEntries(Object.entries(MATH_BODIES).map(([name, body]) => [name, mathMethod(name, body)])),
  clamp: function (this: Tensor, min?: number, max?: number): Tensor {
    const dtype = gpuDType(clampDType(this, min, max), 'clamp');
    const ctx = gpuContext();
    const x = castView(ctx, gpuView(this), dtype);
    if (dtype === 'float32') {
      // The bounds are read at run time (one pipeline for all); NaN stays NaN, as torch.clamp.
      const out = mapViews(ctx, 'clamp:float32', [x, scalarView(ctx, min ?? -Infinity, dtype), scalarView(ctx, max ?? Infinity, dtype)], this.shape, dtype, 'select(min(max(x, y), z), x, isnan(x))');
      return wrapGPU(this, out, this.shape, dtype);
    }
    const bound = (v: number | undefined, fallback: number): number => (v === undefined ? fallback : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, v)));
    const lo = scalarView(ctx, bound(min, -(2 ** 31)), 'int32');
    const hi = scalarView(ctx, bound(max, 2 ** 31 - 1), 'int32');
    const out = mapViews(ctx, 'clamp:int32', [x, lo, hi], this.shape, dtype, 'min(max(x, y), z)');
    return wrapGPU(this, out, this.shape, dtype);
  },
  var: function (this: Tensor, dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    return gpuVariance(this, dim, options, 'var');
  },
  std: function (this: Tensor, dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    return gpuUnary(gpuVariance(this, dim, options, 'std'), 'sqrt');
  },
  norm: function (this: Tensor, p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return gpuNorm(this, p, dim, keepdim);
  },
  any: truth('max'),
  all: truth('min'),
};
