/** Variance and standard deviation with their backward rules (`VarBackward0`, `StdBackward0`). */
import { Tensor as BaseTensor } from '@descent/tensor';
import { expandBack, reducedDims } from '../dims';
import { needsGrad, record, untrackedMethod } from '../node';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/** Options of var / std (the base class's `VarOptions`). */
interface VarOptions {
  correction?: number;
  keepdim?: boolean;
}

/**
 * Variance with `correction` (default 1); ∂ = g·2(a − mean) / (n − correction) (`VarBackward0`).
 */
export function variance(
  a: Tensor,
  dim: number | readonly number[] | undefined,
  options: VarOptions,
): Tensor {
  if (!needsGrad(a)) return base.var.call(a, dim, options) as Tensor;
  const out = untrackedMethod(a, 'var', dim, options) as Tensor;
  const dims = reducedDims(dim, a.ndim);
  const keepdim = options.keepdim ?? false;
  const divisor = Math.max(0, groupSize(a, dims) - (options.correction ?? 1));
  return record(
    out,
    'VarBackward0',
    [a],
    (g) => {
      const centred = a.sub(a.mean(dims, true));
      return [
        expandBack(g, a, dims, keepdim)
          .mul(centred)
          .mul(2 / divisor),
      ];
    },
    [a],
  );
}

/**
 * Standard deviation; ∂ = g·(a − mean) / ((n − correction)·std), taken as 0 where std = 0
 * (PyTorch 1.13's `std_backward` masks g / (2·std) there) (`StdBackward0`).
 */
export function std(
  a: Tensor,
  dim: number | readonly number[] | undefined,
  options: VarOptions,
): Tensor {
  if (!needsGrad(a)) return base.std.call(a, dim, options) as Tensor;
  const out = untrackedMethod(a, 'std', dim, options) as Tensor;
  const dims = reducedDims(dim, a.ndim);
  const keepdim = options.keepdim ?? false;
  const divisor = Math.max(0, groupSize(a, dims) - (options.correction ?? 1));
  return record(
    out,
    'StdBackward0',
    [a],
    (g) => {
      const centred = a.sub(a.mean(dims, true));
      const scale = g.div(out).where(out.ne(0), 0);
      return [expandBack(scale, a, dims, keepdim).mul(centred).div(divisor)];
    },
    [a, out],
  );
}

function groupSize(a: Tensor, dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= a.shape[d] as number;
  return n;
}
