import type { Tensor } from '@descent/autograd';

/** How a loss combines its per-element values: `mean` (default), `sum`, or `none` (keep them). */
export type Reduction = 'none' | 'mean' | 'sum';

/** Throws PyTorch's error unless `reduction` is one of none, mean, sum. */
export function checkReduction(reduction: unknown): Reduction {
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new RangeError(`${String(reduction)} is not a valid value for reduction`);
  }
  return reduction;
}

/** Applies `reduction` to per-element losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  return loss;
}

/** Throws unless both shapes are equal; `what` names the loss in the message. */
export function checkSameShape(input: Tensor, target: Tensor, message: (target: string, input: string) => string): void {
  const same = input.shape.length === target.shape.length && input.shape.every((n, i) => n === target.shape[i]);
  if (!same) throw new RangeError(message(`[${target.shape.join(', ')}]`, `[${input.shape.join(', ')}]`));
}
