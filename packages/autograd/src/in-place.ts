/**
 * In-place ops under autograd. PyTorch rewrites the graph so the modified tensor's history goes
 * through the in-place op; we do the same by recording the out-of-place op on a snapshot of the old
 * value (a `CloneBackward0` of it) and making that node the tensor's new `gradFn` ("rebase").
 *
 * Through a view, the base's history is rebased instead, with PyTorch's `CopySlices` rule: the
 * base's gradient flows to the new values inside the view's window and to the old base outside
 * it; the view, and any other view of the same base, then read their history as a window of the
 * base's (regenerated lazily, see `edgeOf`).
 *
 * Refused with an Error: leaves that require grad and views of them (as PyTorch), in-place ops
 * through views of a non-contiguous base, writes through views whose elements overlap (stride 0,
 * as PyTorch), and random fills of a tensor that requires grad.
 */
import type { Tensor as BaseTensor } from '@descent/tensor';
import { gradMode } from './grad-mode';
import { edgeOf, isGradTensor, record, untracked } from './node';
import { stridedRegion, stridedScatter, viewGeometry } from './ops/as-strided';
import type { Node } from './node';
import type { Tensor } from './tensor';

const LEAF = 'a leaf Variable that requires grad is being used in an in-place operation.';
const LEAF_VIEW =
  'a view of a leaf Variable that requires grad is being used in an in-place operation.';

/**
 * @internal Validates an in-place op on `self`; true when the op must be recorded (grad mode on
 * and `self` or an operand requires grad). `randomFill` names an op that cannot be recorded.
 */
export function checkInPlace(
  self: Tensor,
  a?: BaseTensor | number,
  b?: BaseTensor,
  randomFill?: string,
): boolean {
  if (!gradMode.enabled) return false;
  const root = self._base;
  if (root !== null && root._requiresGrad && root.gradFn === null) throw new Error(LEAF_VIEW);
  const selfGrad = self._requiresGrad;
  if (selfGrad && self.gradFn === null && root === null) throw new Error(LEAF);
  const recordIt =
    selfGrad || isGradTensor(a) || isGradTensor(b) || (root !== null && root._requiresGrad);
  if (recordIt && randomFill !== undefined) {
    throw new Error(
      `${randomFill}: in-place random fill of a tensor that requires grad is not supported; fill a detached tensor instead`,
    );
  }
  if (recordIt && (root ?? self)._hasViews && !(root ?? self).isContiguous()) {
    throw new Error(
      'in-place operation through a view of a non-contiguous tensor that requires grad is not supported; use the out-of-place op instead',
    );
  }
  if (
    recordIt &&
    root !== null &&
    self.strides.some((s, i) => s === 0 && (self.shape[i] as number) > 1)
  ) {
    throw new Error(
      'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.',
    );
  }
  return recordIt;
}

/**
 * @internal Writes `compute(old)` into `self` and rebases the history onto the recorded op. `old`
 * is a recorded copy of `self`'s current value, so the op's saved tensors stay valid.
 */
export function rebase<T extends Tensor>(self: T, compute: (old: Tensor) => Tensor): T {
  if (self._base !== null) return rebaseView(self, self._base, compute);
  const retained = self.gradFn !== null && self.gradFn.retained === self;
  const result = compute(self.clone());
  untracked(copyInto, self, result);
  if (retained) (self.gradFn as Node).retained = null;
  self.gradFn = result.gradFn;
  if (retained && self.gradFn !== null) self.gradFn.retained = self; // retainGrad follows the tensor
  self._requiresGrad = result._requiresGrad;
  self._history++;
  return self;
}

function copyInto(target: Tensor, src: Tensor): void {
  target.copy_(src);
}

/** The in-place op on a view: PyTorch's CopySlices on the base, then the view regenerates. */
function rebaseView<T extends Tensor>(view: T, root: Tensor, compute: (old: Tensor) => Tensor): T {
  const geo = viewGeometry(view, root);
  const oldBase = root.clone();
  const result = compute(view.clone());
  untracked(copyInto, view, result);
  const resultDtype = result.dtype;
  record(root, 'CopySlices', [oldBase, result], (g) => {
    const inside = stridedRegion(g, geo);
    return [g.sub(stridedScatter(inside, geo)), inside.to(resultDtype)];
  });
  root._history++;
  edgeOf(view); // regenerates the view's own history now, so its requiresGrad and gradFn are current
  return view;
}
