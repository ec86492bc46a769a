import { privateForward } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { checkReduction, reduce } from './reduction';
import type { Reduction } from './reduction';

/** Options every loss takes. */
export interface LossOptions {
  /** `mean` (default), `sum`, or `none`. */
  reduction?: Reduction;
}

/**
 * Mean squared error, (x − y)² (torch.nn.functional.mse_loss). Shapes broadcast.
 *
 * @example
 * mseLoss(prediction, target); // a 0-d tensor
 */
export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  // The difference and its square are the library's own: recycled once a plain backward used them.
  return privateForward(() => {
    const diff = input.sub(target);
    return reduce(diff.mul(diff), reduction);
  });
}

/**
 * Mean absolute error, |x − y| (torch.nn.functional.l1_loss).
 *
 * @example
 * l1Loss(prediction, target, { reduction: 'sum' });
 */
export function l1Loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  return privateForward(() => reduce(input.sub(target).abs(), reduction));
}

/**
 * Smooth L1 (torch.nn.functional.smooth_l1_loss): with z = |x − y|, 0.5·z²/β if z < β, else
 * z − 0.5·β. β = 0 is the L1 loss (with PyTorch's gradient −1 where x = y). Options: `beta` (default 1), `reduction`.
 *
 * @example
 * smoothL1Loss(prediction, target, { beta: 0.5 });
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: LossOptions & { beta?: number } = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new RangeError('smooth_l1_loss does not support negative values for beta.');
  return privateForward(() => {
    const diff = input.sub(target);
    // β = 0 is |x − y|, but with PyTorch's gradient −1 (not 0) where x = y: its backward tests
    // x ≤ −β first. Picking −d at d = 0 gives the same.
    if (beta === 0) return reduce(diff.where(diff.gt(0), diff.neg()), reduction);
    const z = diff.abs();
    const loss = diff.mul(diff).mul(0.5 / beta).where(z.lt(beta), z.sub(0.5 * beta));
    return reduce(loss, reduction);
  });
}

/**
 * Huber loss (torch.nn.functional.huber_loss): with z = |x − y|, 0.5·z² if z < δ, else
 * δ·(z − 0.5·δ). Options: `delta` (default 1, must be positive), `reduction`.
 *
 * @example
 * huberLoss(prediction, target, { delta: 2 });
 */
export function huberLoss(input: Tensor, target: Tensor, options: LossOptions & { delta?: number } = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new RangeError('huber_loss does not support non-positive values for delta.');
  return privateForward(() => {
    const diff = input.sub(target);
    const z = diff.abs();
    const loss = diff.mul(diff).mul(0.5).where(z.lt(delta), z.sub(0.5 * delta).mul(delta));
    return reduce(loss, reduction);
  });
}
