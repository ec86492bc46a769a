/** The p-norm and its backward rule (PyTorch 1.13's `norm_backward`). */
import { Tensor as BaseTensor } from '@descent/tensor';
import { expandBack, keptShape, reducedDims } from '../dims';
import { needsGrad, record, untrackedMethod } from '../node';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/**
 * The p-norm, one node (`NormBackward1`) for every p, with PyTorch 1.13's `norm_backward`:
 *   p = 2:      ∂ = a·g / ‖a‖
 *   p = 1:      ∂ = sign(a)·g
 *   p = ±∞:     ∂ = sign(a)·g / k at the k elements with |a| = ‖a‖ (ties share evenly), else 0
 *   p < 1:      ∂ = sign(a)·|a|^(p−1)·g·‖a‖^(1−p), 0 where a = 0
 *   otherwise:  ∂ = sign(a)·|a|^(p−1)·g / ‖a‖^(p−1)
 * Every form except p < 1 is taken as 0 where the norm is 0 (the composed (Σ|a|^p)^(1/p) would
 * give NaN there).
 */
export function norm(
  a: Tensor,
  p: number,
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
): Tensor {
  if (!needsGrad(a)) return base.norm.call(a, p, dim, keepdim) as Tensor;
  const out = untrackedMethod(a, 'norm', p, dim, keepdim) as Tensor;
  const dims = reducedDims(dim, a.ndim);
  return record(
    out,
    'NormBackward1',
    [a],
    (g) => {
      const kept = keepdim ? out : out.reshape(keptShape(a.shape, dims));
      const gExpanded = expandBack(g, a, dims, keepdim);
      if (p === 1) return [a.sign().mul(gExpanded)];
      if (p === Infinity || p === -Infinity) {
        const mask = a.abs().eq(kept).to(g.dtype);
        return [a.sign().mul(mask).mul(gExpanded).div(mask.sum(dims, true))];
      }
      if (p === 2) return [a.mul(gExpanded.div(kept).where(kept.ne(0), 0))];
      const scaled = a.sign().mul(a.abs().pow(p - 1));
      if (p < 1)
        return [
          scaled
            .where(a.ne(0), 0)
            .mul(gExpanded)
            .mul(kept.pow(1 - p)),
        ];
      return [scaled.mul(gExpanded.div(kept.pow(p - 1)).where(kept.ne(0), 0))];
    },
    [a, out],
  );
}
