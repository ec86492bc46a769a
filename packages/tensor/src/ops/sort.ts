/** sort, argsort and topk: the index computation (values are gathered with them by the methods). */
import { normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { fromLanes, lanesOf } from './along-dim';

/** Ascending order with NaN last (PyTorch sorts NaN above +∞). */
function ascending(x: number, y: number): number {
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The int32 indices that sort `t` along `dim` (stable: equal values keep their order, as
 * torch.sort with `stable=True`); `keep` takes only the first entries of each row (topk).
 */
export function sortIndices(t: Tensor, dim: number, descending: boolean, keep?: number): Tensor {
  const lanes = lanesOf(t, dim);
  const { data, n, rows } = lanes;
  const k = keep ?? n;
  const out = new Int32Array(rows * k);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    const idx = order.slice();
    idx.sort((i, j) => {
      const c = ascending(data[base + i] as number, data[base + j] as number);
      return descending ? -c : c;
    });
    for (let j = 0; j < k; j++) out[r * k + j] = idx[j] as number;
  }
  return fromLanes(t, lanes, out, 'int32', k);
}

/** topk's checks, with PyTorch's message for k out of range. */
export function checkTopk(t: Tensor, k: number, dim: number): number {
  const d = normalizeDim(dim, t.ndim);
  const size = t.ndim === 0 ? 1 : (t.shape[d] as number);
  if (!Number.isInteger(k) || k < 0 || k > size) throw new RangeError('selected index k out of range');
  return d;
}
