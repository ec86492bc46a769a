import { privateForward, Tensor } from '@descent/autograd';
import { acquireArray, contiguousStrides, Storage } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import { checkOptionKeys } from '../recurrent/checks';
import { dropout } from './dropout';

/** Options of {@link scaledDotProductAttention} (PyTorch 2.x's keyword arguments). */
export interface ScaledDotProductAttentionOptions {
  /**
   * `[…, L, S]`, broadcast against the scores: a float mask is added to them; a boolean mask says
   * where a query **may** attend (`true`) — the scores elsewhere become −∞ (PyTorch 2.x's rule).
   */
  attnMask?: Tensor;
  /** Dropout on the attention weights (default 0); applied whenever > 0, as PyTorch's. */
  dropoutP?: number;
  /** Let query i attend only to keys j ≤ i (default false); cannot be combined with `attnMask`. */
  isCausal?: boolean;
  /** Scale of the scores (default 1/√E). */
  scale?: number;
  /** Generator for the dropout mask (default: the global one). */
  generator?: Generator;
}

/** An `[L, S]` additive mask: 0 where allowed, −∞ where not. */
function additiveMask(allowed: (i: number, j: number) => boolean, L: number, S: number, dtype: Tensor['dtype']): Tensor {
  // Zero-filled from the storage pools, so it goes back with the attention's other intermediates.
  const data = acquireArray(dtype === 'float64' ? 'float64' : 'float32', L * S);
  for (let i = 0; i < L; i++) for (let j = 0; j < S; j++) if (!allowed(i, j)) data[i * S + j] = -Infinity;
  return new Tensor(new Storage(data), [L, S], contiguousStrides([L, S]), 0, dtype === 'float64' ? 'float64' : 'float32');
}

/**
 * softmax(q·kᵀ·scale + mask)·v over the last two dims, with any leading batch dims broadcast
 * (torch.nn.functional.scaled_dot_product_attention, PyTorch 2.x semantics):
 *
 *   A = q·kᵀ·scale + M,   M = 0 | −∞ where a boolean mask is false or j > i when causal | a float mask
 *   out = dropout(softmax(A, −1), dropoutP)·v
 *
 * `q` is `[…, L, E]`, `k` `[…, S, E]`, `v` `[…, S, Ev]`; the result is `[…, L, Ev]`.
 *
 * @example
 * const out = scaledDotProductAttention(q, k, v, { isCausal: true });
 */
export function scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, options: ScaledDotProductAttentionOptions = {}): Tensor {
  checkOptionKeys('scaledDotProductAttention', options, ['attnMask', 'dropoutP', 'isCausal', 'scale', 'generator']);
  const { attnMask, dropoutP = 0, isCausal = false, generator } = options;
  if (query.ndim < 2 || key.ndim < 2 || value.ndim < 2) {
    throw new RangeError(`scaledDotProductAttention: query, key and value must be at least 2-D, got ${query.ndim}-D, ${key.ndim}-D and ${value.ndim}-D`);
  }
  const E = query.shape[query.ndim - 1]!;
  const L = query.shape[query.ndim - 2]!;
  const S = key.shape[key.ndim - 2]!;
  if (key.shape[key.ndim - 1] !== E) throw new RangeError(`scaledDotProductAttention: query and key must have the same last dim, got ${E} and ${key.shape[key.ndim - 1]}`);
  if (value.shape[value.ndim - 2] !== S) throw new RangeError(`scaledDotProductAttention: key and value must have the same sequence length, got ${S} and ${value.shape[value.ndim - 2]}`);
  if (typeof dropoutP !== 'number' || !(dropoutP >= 0 && dropoutP <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${String(dropoutP)}`);
  if (isCausal && attnMask !== undefined) throw new Error('scaledDotProductAttention: Explicit attn_mask should not be set when is_causal=True');
  const scale = options.scale ?? 1 / Math.sqrt(E);
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new TypeError(`scaledDotProductAttention: scale must be a finite number, got ${String(scale)}`);
  // The scores, the mask, the weights and the dropout mask are the library's own: recycled once a
  // plain backward used them (issue #23).
  return privateForward(() => {
    let scores = query.matmul(key.transpose(-2, -1)).mul(scale);
    if (isCausal) {
      const causal = additiveMask((i, j) => j <= i, L, S, scores.dtype);
      scores = scores.add(scores.device === 'cpu' ? causal : causal.to(scores.device));
    }
    if (attnMask !== undefined) {
      scores = attnMask.dtype === 'bool' ? scores.maskedFill(attnMask.logicalNot(), -Infinity) : scores.add(attnMask);
    }
    let weights = scores.softmax(-1);
    if (dropoutP > 0) weights = dropout(weights, { p: dropoutP, generator });
    return weights.matmul(value);
  });
}
