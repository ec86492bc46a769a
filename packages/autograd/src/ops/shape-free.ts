/**
 * einsum and meshgrid on autograd tensors: @descent/tensor's functions, composed from ops that
 * autograd records, typed to return autograd tensors.
 */
import { einsum as baseEinsum, meshgrid as baseMeshgrid } from '@descent/tensor';
import type { MeshgridOptions, Tensor as BaseTensor } from '@descent/tensor';
import type { Tensor } from '../tensor';

/**
 * Sums the product of the operands over the letters not in the output (torch.einsum); the
 * gradient flows through the recorded permute/reshape/mul/sum.
 *
 * @example
 * einsum('ij,jk->ik', a, b);
 */
export const einsum = baseEinsum as (equation: string, ...operands: (BaseTensor | readonly BaseTensor[])[]) => Tensor;

/**
 * Coordinate grids of 0-d or 1-d tensors (torch.meshgrid), as expanded views that record.
 *
 * @example
 * const [gx, gy] = meshgrid(x, y, { indexing: 'xy' });
 */
export const meshgrid = baseMeshgrid as (...args: (BaseTensor | readonly BaseTensor[] | MeshgridOptions)[]) => Tensor[];
