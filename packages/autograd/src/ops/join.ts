/** Joining tensors: cat and stack, whose gradients are the matching pieces of g. */
import { cat as baseCat, stack as baseStack } from '@descent/tensor';
import type { Tensor as BaseTensor } from '@descent/tensor';
import { filled } from '../filled';
import { gradMode } from '../grad-mode';
import { isGradTensor, record, untracked } from '../node';
import { asGrad } from '../tensor';
import type { Tensor } from '../tensor';

function anyRequiresGrad(tensors: readonly BaseTensor[]): boolean {
  if (!gradMode.enabled) return false;
  for (const t of tensors) if (isGradTensor(t)) return true;
  return false;
}

/**
 * Concatenates tensors along `dim` (default 0), as torch.cat; each input's gradient is its
 * slice of g.
 *
 * @example
 * cat([zeros([2, 3]), ones([1, 3])]); // shape [3, 3]
 */
export function cat(tensors: readonly BaseTensor[], dim = 0): Tensor {
  if (!anyRequiresGrad(tensors)) return asGrad(baseCat(tensors, dim));
  const out = asGrad(untracked(baseCat, tensors, dim));
  const first = tensors[0] as BaseTensor;
  const d = dim < 0 ? dim + first.ndim : dim;
  // A legacy empty `[0]` operand (skipped by cat whatever the dim) is marked -1.
  const sizes = tensors.map((t) => (t.ndim === 1 && t.shape[0] === 0 ? -1 : (t.shape[d] as number)));
  // Only each input's dtype (or null: no gradient) is kept, not the inputs themselves.
  const dtypes = tensors.map((t) => (isGradTensor(t) ? t.dtype : null));
  return record(out, 'CatBackward0', tensors, (g) => {
    let start = 0;
    return sizes.map((size, i) => {
      const dtype = dtypes[i];
      if (dtype == null) {
        start += Math.max(size, 0);
        return null;
      }
      // An empty operand gets an empty gradient, as PyTorch's (not none).
      if (size === -1) return filled([0], dtype, 0);
      // Inputs of mixed float dtypes were promoted; each gradient takes its input's dtype.
      const piece = g.narrow(d, start, size).to(dtype);
      start += size;
      return piece;
    });
  });
}

/**
 * Stacks same-shaped tensors along a new dimension `dim` (default 0), as torch.stack; each
 * input's gradient is its entry of g along `dim`.
 *
 * @example
 * stack([tensor([1, 2]), tensor([3, 4])]); // shape [2, 2]
 */
export function stack(tensors: readonly BaseTensor[], dim = 0): Tensor {
  if (!anyRequiresGrad(tensors)) return asGrad(baseStack(tensors, dim));
  const out = asGrad(untracked(baseStack, tensors, dim));
  const d = dim < 0 ? dim + out.ndim : dim;
  const dtypes = tensors.map((t) => (isGradTensor(t) ? t.dtype : null));
  return record(out, 'StackBackward0', tensors, (g) =>
    dtypes.map((dtype, i) => (dtype !== null ? g.select(d, i).to(dtype) : null)),
  );
}

/** Splits `t` into views along `dim` (torch.split); each piece records its own slice. */
export function split(t: BaseTensor, sizes: number | readonly number[], dim = 0): Tensor[] {
  return asGrad(t).split(sizes, dim);
}

/** Splits `t` into `chunks` nearly equal views along `dim` (torch.chunk). */
export function chunk(t: BaseTensor, chunks: number, dim = 0): Tensor[] {
  return asGrad(t).chunk(chunks, dim);
}
