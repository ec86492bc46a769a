/** Offsets of strided elements, shared by the element-wise and reduction kernels. */

/**
 * Tables already built, by geometry: a training loop asks for the same few every step, and
 * reusing them keeps its steps from allocating (issue #23). Callers only read them. At most
 * {@link MEMO_ENTRIES} tables of at most {@link MEMO_MAX_LENGTH} offsets each; the oldest goes first.
 */
const memo = new Map<string, Int32Array>();
const MEMO_ENTRIES = 256;
const MEMO_MAX_LENGTH = 1 << 16;

/** Every element offset of a strided shape, in row-major order (read-only: the table may be shared). */
export function offsets(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  let n = 1;
  for (const d of shape) n *= d;
  if (n > MEMO_MAX_LENGTH) return build(shape, strides, offset, n);
  const key = `${shape.join(',')}|${strides.join(',')}|${offset}`;
  let table = memo.get(key);
  if (table === undefined) {
    table = build(shape, strides, offset, n);
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
    memo.set(key, table);
  }
  return table;
}

function build(shape: readonly number[], strides: readonly number[], offset: number, n: number): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  const nd = shape.length;
  const counter = new Array<number>(nd).fill(0);
  let pos = offset;
  for (let i = 0; i < n; i++) {
    out[i] = pos;
    for (let d = nd - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      pos += strides[d] as number;
      if ((counter[d] as number) < (shape[d] as number)) break;
      pos -= (counter[d] as number) * (strides[d] as number);
      counter[d] = 0;
    }
  }
  return out;
}
