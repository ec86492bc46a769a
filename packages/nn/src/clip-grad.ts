import { full, noGrad, stack, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';

/** Options of {@link clipGradNorm_}. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite (default false: scale by it anyway, as PyTorch). */
  errorIfNonfinite?: boolean;
}

function withGrads(parameters: Iterable<Tensor> | Tensor): Tensor[] {
  const list = parameters instanceof Object && Symbol.iterator in parameters ? [...(parameters)] : [parameters];
  return list.filter((p) => p.grad !== null);
}

/**
 * Rescales gradients in place so that their joint norm is at most `maxNorm`
 * (torch.nn.utils.clip_grad_norm_) and returns that total norm before clipping, as a 0-d tensor.
 *
 *   total = ‖(‖g₁‖, ‖g₂‖, …)‖ₚ   (p = normType; max |g| for Infinity)
 *   coef  = maxNorm / (total + 1e-6), clamped to at most 1; every g ← g·coef
 *
 * The 1e-6 is PyTorch's, so a norm just at `maxNorm` is still scaled by slightly less than 1.
 * Parameters without a gradient are skipped. Options: `errorIfNonfinite` (default false).
 *
 * @example
 * const total = clipGradNorm_(model.parameters(), 1.0);
 */
export function clipGradNorm_(parameters: Iterable<Tensor> | Tensor, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): Tensor {
  const grads = withGrads(parameters).map((p) => p.grad!);
  if (grads.length === 0) return tensor(0);
  return noGrad(() => {
    const norms = grads.map((g) => (normType === Infinity ? g.abs().amax() : g.norm(normType)));
    const dtype = norms.some((n) => n.dtype === 'float64') ? 'float64' : 'float32';
    const stacked = stack(norms.map((n) => n.to(dtype)));
    const total = normType === Infinity ? stacked.amax() : stacked.norm(normType);
    if (options.errorIfNonfinite === true && !Number.isFinite(total.item())) {
      throw new Error(
        `The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
      );
    }
    // maxNorm / (total + 1e-6) as a tensor division, rounded as PyTorch rounds it.
    const coef = full([], maxNorm, { dtype }).div(total.add(1e-6)).clamp(undefined, 1);
    for (const g of grads) g.mul_(coef.to(g.dtype));
    return total;
  });
}

/**
 * Clamps every gradient element to [−clipValue, clipValue] in place
 * (torch.nn.utils.clip_grad_value_). Parameters without a gradient are skipped.
 *
 * @example
 * clipGradValue_(model.parameters(), 0.5);
 */
export function clipGradValue_(parameters: Iterable<Tensor> | Tensor, clipValue: number): void {
  const limit = Math.abs(clipValue);
  noGrad(() => {
    for (const p of withGrads(parameters)) p.grad!.clamp_(-limit, limit);
  });
}
