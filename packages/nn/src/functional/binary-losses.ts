import { privateForward } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { checkReduction, checkSameShape, reduce } from './reduction';
import type { LossOptions } from './regression-losses';

/** Options of {@link binaryCrossEntropy}. */
export interface BCEOptions extends LossOptions {
  /** Per-element rescaling, broadcast against the input (default none). */
  weight?: Tensor | null;
}

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BCEWithLogitsOptions extends BCEOptions {
  /** Weight of the positive examples, broadcast against the input, e.g. one per class (default none). */
  posWeight?: Tensor | null;
}

/** log(t) clamped below at −100 (no gradient: callers attach PyTorch's own). */
function clampedLog(t: Tensor): Tensor {
  const positive = t.gt(0);
  return t.where(positive, 1).log().clamp(-100).where(positive, -100);
}

// PyTorch's binary_cross_entropy_backward divides by max(x·(1 − x), EPSILON), EPSILON being the
// float32 constant 1e-12 (Loss.cpp), so its value here is float32's nearest to 1e-12.
const BCE_EPSILON = Math.fround(1e-12);

/**
 * Binary cross entropy on probabilities (torch.nn.functional.binary_cross_entropy):
 * −w·(y·log x + (1 − y)·log(1 − x)), each log clamped at −100 as PyTorch does so that x = 0 or 1
 * gives a finite loss. The gradient is PyTorch's, w·(x − y) / max(x·(1 − x), 1e-12) for the input
 * and w·(log(1 − x) − log x) for the target (clamped logs), attached to the detached value as
 * `value + (x − x̂)·∂x + (y − ŷ)·∂y` (x̂, ŷ detached; the added terms are exactly 0). Input and
 * target must have the same shape; inputs must lie in [0, 1].
 *
 * @example
 * binaryCrossEntropy(probs, labels);
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BCEOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  checkSameShape(input, target, (t, i) => `Using a target size (${t}) that is different to the input size (${i}) is deprecated. Please ensure they have the same size.`);
  // Every temporary (the range check's masks, logs, gradients, the attached terms) is the
  // library's own: recycled once a plain backward used them.
  return privateForward(() => {
    // A GPU input cannot be checked without a readback: values outside [0, 1] give NaN there.
    if (input.device === 'cpu' && input.lt(0).logicalOr(input.gt(1)).logicalOr(input.ne(input)).any().item() !== 0) {
      throw new RangeError('all elements of input should be between 0 and 1');
    }
    const x = input.detach();
    const y = target.detach();
    const weight = options.weight == null ? null : options.weight.detach();
    const logX = clampedLog(x);
    const log1mX = clampedLog(x.neg().add(1));
    let value = y.sub(1).mul(log1mX).sub(y.mul(logX));
    let gradInput = x.sub(y).div(x.mul(x.neg().add(1)).clamp(BCE_EPSILON));
    let gradTarget = log1mX.sub(logX);
    if (weight !== null) {
      value = value.mul(weight);
      gradInput = gradInput.mul(weight);
      gradTarget = gradTarget.mul(weight);
    }
    let loss = value;
    if (input.requiresGrad) loss = loss.add(input.sub(x).mul(gradInput));
    if (target.requiresGrad) loss = loss.add(target.sub(y).mul(gradTarget));
    return reduce(loss, reduction);
  });
}

/**
 * Binary cross entropy on logits, stable for any logit (torch.nn.functional.binary_cross_entropy_with_logits):
 * with m = max(−x, 0), (1 − y)·x + (1 + (p − 1)·y)·(log(e^(−m) + e^(−x−m)) + m), times `weight`;
 * p is `posWeight` (1 when absent). Input and target must have the same shape.
 *
 * @example
 * binaryCrossEntropyWithLogits(logits, labels, { posWeight: tensor([3]) });
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options: BCEWithLogitsOptions = {}): Tensor {
  const reduction = checkReduction(options.reduction ?? 'mean');
  checkSameShape(input, target, (t, i) => `Target size (${t}) must be the same as input size (${i})`);
  return privateForward(() => {
    const maxVal = input.neg().clamp(0);
    const softplus = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log().add(maxVal);
    const logWeight = options.posWeight == null ? null : options.posWeight.sub(1).mul(target).add(1);
    let loss = target.neg().add(1).mul(input).add(logWeight === null ? softplus : logWeight.mul(softplus));
    if (options.weight != null) loss = loss.mul(options.weight);
    return reduce(loss, reduction);
  });
}
