/** Dimension bookkeeping shared by the reduction rules. */
import type { Tensor } from './tensor';

/** @internal The reduced dims (sorted, non-negative) of `dim` on an `ndim`-d tensor; all when omitted. */
export function reducedDims(dim: number | readonly number[] | undefined, ndim: number): number[] {
  // A 0-d tensor "reduced" over dim 0 or −1 keeps its one element: nothing to broadcast back.
  if (ndim === 0) return [];
  if (dim === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dim === 'number' ? [dim] : dim;
  return list.map((d) => (d < 0 ? d + ndim : d)).sort((x, y) => x - y);
}

/** @internal `shape` with the `dims` set to 1 (the `keepdim` shape of a reduction). */
export function keptShape(shape: readonly number[], dims: readonly number[]): number[] {
  const out = [...shape];
  for (const d of dims) out[d] = 1;
  return out;
}

/** @internal The output gradient `g` of a reduction broadcast back over the reduced `dims`. */
export function expandBack(
  g: Tensor,
  input: { readonly shape: readonly number[] },
  dims: readonly number[],
  keepdim: boolean,
): Tensor {
  const kept = keepdim ? g : g.reshape(keptShape(input.shape, dims));
  return kept.expand(input.shape);
}
