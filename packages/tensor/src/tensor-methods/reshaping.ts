/**
 * Tensor methods: copies that tile, roll, unfold or cut out triangles and diagonals.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import { intArg, intListArg } from '../args';
import type { IntList } from '../args';
import { diag, diagonal, repeat, repeatInterleave, roll, triangle, unflatten, unfold } from '../ops/reshaping';
import { installMethods } from './method-group';

/** Copies that tile, roll, unfold or cut out triangles and diagonals. Part of {@link Tensor}. */
export interface TensorReshaping {
  /**
   * The tensor tiled `sizes[i]` times along each dim (torch.Tensor.repeat); extra leading sizes add dims.
   *
   * @example
   * tensor([1, 2]).repeat(2, 2); // [[1, 2, 1, 2], [1, 2, 1, 2]]
   */
  repeat(...sizes: IntList[]): Tensor;
  /** Elements shifted by `shifts` along `dims`, wrapping around (over the flattened tensor without dims). */
  roll(shifts: IntList, dims?: IntList): Tensor;
  /** Windows of `size` elements every `step` along `dim`, as a new last dim (Tensor.unfold; a copy here). */
  unfold(dim: number, size: number, step: number): Tensor;
  /** Each element repeated `repeats` times (a number or an int32 tensor per element) along `dim`, or flattened. */
  repeatInterleave(repeats: number | Tensor, dim?: number): Tensor;
  /** Dim `dim` split into `sizes` (one may be −1). */
  unflatten(dim: number, sizes: readonly number[]): Tensor;
  /** The lower triangle of the last two dims (j − i ≤ diagonal); the rest set to 0. */
  tril(diagonal?: number): Tensor;
  /** The upper triangle of the last two dims (j − i ≥ diagonal); the rest set to 0. */
  triu(diagonal?: number): Tensor;
  /** The entries (i, i + offset) of dims dim1 and dim2, as a new last dim (torch.diagonal; a copy here). */
  diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
  /** A 1-d tensor as a diagonal matrix, or the diagonal of a matrix (torch.diag). */
  diag(diagonal?: number): Tensor;
}

installMethods<TensorReshaping>(Tensor.prototype, {
  repeat(...sizes: IntList[]): Tensor {
    return repeat(this, intListArg('repeat', 'repeats', sizes));
  },
  roll(shifts: IntList, dims: IntList = []): Tensor {
    return roll(this, intListArg('roll', 'shifts', [shifts]), intListArg('roll', 'dims', [dims]));
  },
  unfold(dim: number, size: number, step: number): Tensor {
    return unfold(this, intArg('unfold', 'dimension', dim), intArg('unfold', 'size', size), intArg('unfold', 'step', step));
  },
  repeatInterleave(repeats: number | Tensor, dim?: number): Tensor {
    return repeatInterleave(this, repeats, dim);
  },
  unflatten(dim: number, sizes: readonly number[]): Tensor {
    return unflatten(this, dim, sizes);
  },
  tril(diagonal = 0): Tensor {
    return triangle(this, diagonal, true);
  },
  triu(diagonal = 0): Tensor {
    return triangle(this, diagonal, false);
  },
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor {
    return diagonal(this, offset, dim1, dim2);
  },
  diag(diagonal = 0): Tensor {
    return diag(this, diagonal);
  },
});
