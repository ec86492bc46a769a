/** torch.meshgrid as a free function over tensors given as varargs or one array. */
import { checkOptions } from '../args';
import type { Tensor } from '../tensor';
import { meshgrid as grids } from './reshaping';

/** Options of {@link meshgrid}. */
export interface MeshgridOptions {
  /** 'ij' (matrix indexing, PyTorch 1.13's default) or 'xy' (Cartesian: the first two dims swapped). */
  indexing?: 'ij' | 'xy';
}

/**
 * Coordinate grids of 0-d or 1-d tensors: the i-th result varies along dim i (torch.meshgrid).
 * Tensors come as varargs or one array, optionally followed by `{ indexing }`.
 *
 * @example
 * const [gx, gy] = meshgrid(tensor([1, 2]), tensor([3, 4, 5])); // shapes [2, 3]
 */
export function meshgrid(...args: (Tensor | readonly Tensor[] | MeshgridOptions)[]): Tensor[] {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && !Array.isArray(last) && typeof (last as Tensor).ndim !== 'number';
  const options = hasOptions ? (last as MeshgridOptions) : {};
  checkOptions('meshgrid', options, ['indexing']);
  const rest = hasOptions ? args.slice(0, -1) : args;
  const tensors = (rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest) as Tensor[];
  return grids(tensors, options.indexing ?? 'ij');
}
