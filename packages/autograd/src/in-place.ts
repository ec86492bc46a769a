/**
 * In-place ops under autograd. PyTorch rewrites the graph so the modified tensor's history goes
 * through the in-place op; we do the same by recording the out-of-place op on a snapshot of the old
 * value (a `CloneBackward0` of it) and making that node the tensor's new `gradFn` ("rebase").
 *
 * Supported: every arithmetic / element-wise in-place method on a non-view tensor. Refused with an
 * Error: leaves that require grad (as PyTorch), in-place ops on a differentiable view or on a
 * tensor that has one (PyTorch tracks views with CopySlices; we do not), and random fills of a
 * tensor that requires grad.
 */
import type { Tensor as BaseTensor } from '@descent/tensor';
import { gradMode } from './grad-mode';
import type { Tensor } from './tensor';

const LEAF = 'a leaf Variable that requires grad is being used in an in-place operation.';

function requiresGrad(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { requiresGrad?: unknown }).requiresGrad === true;
}

/**
 * @internal Validates an in-place op on `self`; true when the op must be recorded (grad mode on
 * and `self` or an operand requires grad). `randomFill` names an op that cannot be recorded.
 */
export function checkInPlace(self: Tensor, a?: BaseTensor | number, b?: BaseTensor, randomFill?: string): boolean {
  if (!gradMode.enabled) return false;
  const selfGrad = self._requiresGrad;
  if (selfGrad && self.gradFn === null) throw new Error(LEAF);
  const record = selfGrad || requiresGrad(a) || requiresGrad(b);
  if (record && randomFill !== undefined) {
    throw new Error(`${randomFill}: in-place random fill of a tensor that requires grad is not supported; fill a detached tensor instead`);
  }
  if (record && (self._isView || self._hasViews)) {
    throw new Error(
      'in-place operation on a view (or on a tensor that has a view) that requires grad is not supported by ' +
        '@descent/autograd; use the out-of-place op instead',
    );
  }
  return record;
}

/**
 * @internal Writes `compute(old)` into `self` and rebases `self`'s history onto the recorded op.
 * `old` is a recorded copy of `self`'s current value, so the op's saved tensors stay valid.
 */
export function rebase<T extends Tensor>(self: T, compute: (old: Tensor) => Tensor): T {
  const old = self.clone();
  const result = compute(old);
  gradMode.enabled = false;
  try {
    self.copy_(result);
  } finally {
    gradMode.enabled = true;
  }
  self.gradFn = result.gradFn;
  self._requiresGrad = result._requiresGrad;
  return self;
}
