import { where } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { list } from './window-args';

/** Options of {@link embedding}. */
export interface EmbeddingOptions {
  /** This row is looked up as usual but gets no gradient (default none; negative counts from the end). */
  paddingIdx?: number | null;
}

/**
 * Looks up rows of `weight` [numEmbeddings, dim] for every entry of the integer tensor `indices`
 * (torch.nn.functional.embedding); the result is shaped [...indices.shape, dim]. Rows picked
 * several times accumulate gradient; the `paddingIdx` row gets none.
 *
 * @example
 * embedding(tensor([[0, 2], [1, 0]], { dtype: 'int32' }), weight); // [2, 2, dim]
 */
export function embedding(indices: Tensor, weight: Tensor, options: EmbeddingOptions = {}): Tensor {
  if (indices.dtype !== 'int32') throw new TypeError(`Expected tensor for argument #1 'indices' to have an integer dtype; but got ${indices.dtype} instead (while checking arguments for embedding)`);
  if (weight.ndim !== 2) throw new RangeError(`'weight' must be 2-D, got ${list(weight.shape)}`);
  const [rows, dim] = weight.shape as [number, number];
  let paddingIdx = options.paddingIdx ?? null;
  if (paddingIdx !== null) {
    if (!Number.isSafeInteger(paddingIdx) || paddingIdx >= rows || paddingIdx < -rows) throw new RangeError('Padding_idx must be within num_embeddings');
    if (paddingIdx < 0) paddingIdx += rows;
  }
  const flat = indices.reshape([-1]);
  // GPU indices cannot be checked without a readback; there the kernel reads an out-of-range row as 0.
  if (flat.device === 'cpu') for (const k of flat.toTypedArray()) if (k < 0 || k >= rows) throw new RangeError('index out of range in self');
  const shape = [...indices.shape, dim];
  const looked = weight.indexSelect(0, flat);
  if (paddingIdx === null || !weight.requiresGrad) return looked.reshape(shape);
  // The padding rows come from a detached copy, so no gradient reaches weight[paddingIdx].
  const isPadding = flat.eq(paddingIdx).reshape([-1, 1]);
  return where(isPadding, weight.detach().indexSelect(0, flat), looked).reshape(shape);
}
