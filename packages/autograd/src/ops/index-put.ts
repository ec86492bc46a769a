/**
 * indexPut (torch.index_put) with its backward rule; reading with `index`/`at` needs none (it is
 * composed from recorded views and indexSelect in @descent/tensor).
 */
import type { IndexItem, Tensor as BaseTensor } from '@descent/tensor';
import { isGradTensor, needsGrad, record, untrackedMethod } from '../node';
import { metaOf, sumToShape } from '../sum-to-shape';
import { asGrad } from '../tensor';
import type { Tensor } from '../tensor';

/**
 * A copy of `a` with `values` written at `items`. ∂/∂a = g, zeroed at the written places unless
 * `accumulate`; ∂/∂values = g read at `items`, summed back to the values' shape.
 */
export function indexPut(a: Tensor, items: readonly IndexItem[], values: BaseTensor | number, accumulate: boolean): Tensor {
  const out = asGrad(untrackedMethod(a, 'indexPut', items, values, accumulate));
  if (!needsGrad(a, values)) return out;
  const mv = typeof values === 'number' ? null : metaOf(values);
  return record(out, 'IndexPutBackward0', [a, typeof values === 'number' ? null : values], (g) => [
    a.requiresGrad ? (accumulate ? g : g.indexPut(items, 0)) : null,
    mv !== null && isGradTensor(values) ? sumToShape(g.index(items), mv) : null,
  ]);
}
