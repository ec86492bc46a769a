import { gradOf, noGrad, stack, tensor } from '@descent/autograd';
import { Tensor as BaseTensor } from '@descent/tensor';
import { pyFloat } from './module-format';
import type { Tensor } from '@descent/autograd';

/** Options of {@link clipGradNorm_}. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite (default false: scale by it anyway, as PyTorch). */
  errorIfNonfinite?: boolean;
}

/**
 * The gradients of `parameters` that have one. Read as the library's own (`gradOf`): clipping
 * keeps no reference to them, so a `.grad` nobody else read stays recyclable when dropped.
 */
function gradsOf(parameters: Iterable<Tensor> | Tensor): Tensor[] {
  // A tensor is iterable too (over its rows): test for one first, as PyTorch's isinstance check.
  const list = parameters instanceof BaseTensor ? [parameters] : [...parameters];
  const grads: Tensor[] = [];
  for (const p of list) {
    const g = gradOf(p);
    if (g !== null) grads.push(g);
  }
  return grads;
}

/**
 * Rescales gradients in place so that their joint norm is at most `maxNorm`
 * (torch.nn.utils.clip_grad_norm_) and returns that total norm before clipping, as a 0-d tensor.
 *
 *   total = ‖(‖g₁‖, ‖g₂‖, …)‖ₚ   (p = normType; max |g| for Infinity)
 *   coef  = maxNorm / (total + 1e-6), clamped to at most 1; every g ← g·coef
 *
 * The 1e-6 is PyTorch's, so a norm just at `maxNorm` is still scaled by slightly less than 1, and
 * the coefficient is rounded as PyTorch's `max_norm / tensor` rounds it: a reciprocal, then a
 * product, in the dtype of the total. Parameters without a gradient are skipped. Options:
 * `errorIfNonfinite` (default false).
 *
 * @example
 * const total = clipGradNorm_(model.parameters(), 1.0);
 */
export function clipGradNorm_(parameters: Iterable<Tensor> | Tensor, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): Tensor {
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) throw new TypeError(`clipGradNorm_: maxNorm must be a number, got ${String(maxNorm)}`);
  if (typeof normType !== 'number' || Number.isNaN(normType)) throw new TypeError(`clipGradNorm_: normType must be a number, got ${String(normType)}`);
  const grads = gradsOf(parameters);
  if (grads.length === 0) return tensor(0);
  return noGrad(() => {
    const norms = grads.map((g) => (normType === Infinity ? g.abs().amax() : g.norm(normType)));
    const dtype = norms.some((n) => n.dtype === 'float64') ? 'float64' : 'float32';
    const stacked = stack(norms.map((n) => n.to(dtype)));
    const total = normType === Infinity ? stacked.amax() : stacked.norm(normType);
    if (options.errorIfNonfinite === true && !Number.isFinite(total.item())) {
      throw new Error(
        `The total norm of order ${normText(normType)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
      );
    }
    // PyTorch writes `max_norm / (total_norm + 1e-6)`; a number divided by a tensor is
    // `tensor.reciprocal() * number` there (Tensor.__rtruediv__), and each step rounds to the
    // total's dtype (the numbers too, as float32 scalars of a float32 op). Done on numbers here
    // so every rounding is explicit.
    const round = dtype === 'float32' ? Math.fround : (x: number) => x;
    const coef = Math.min(round(round(1 / round(total.item() + round(1e-6))) * round(maxNorm)), 1);
    for (const g of grads) g.mul_(g.dtype === 'float32' ? Math.fround(coef) : coef);
    return total;
  });
}

/** A norm order as Python prints the float PyTorch's message holds (`2.0`, `inf`). */
function normText(normType: number): string {
  if (normType === Infinity) return 'inf';
  if (normType === -Infinity) return '-inf';
  return pyFloat(normType);
}

/**
 * Clamps every gradient element to [−clipValue, clipValue] in place
 * (torch.nn.utils.clip_grad_value_). Parameters without a gradient are skipped. A negative
 * `clipValue` is rejected (PyTorch would clamp every element to it).
 *
 * @example
 * clipGradValue_(model.parameters(), 0.5);
 */
export function clipGradValue_(parameters: Iterable<Tensor> | Tensor, clipValue: number): void {
  if (typeof clipValue !== 'number' || !(clipValue >= 0)) {
    throw new RangeError(`clipGradValue_: clipValue must be a non-negative number, got ${String(clipValue)}`);
  }
  const limit = clipValue;
  noGrad(() => {
    for (const g of gradsOf(parameters)) g.clamp_(-limit, limit);
  });
}
