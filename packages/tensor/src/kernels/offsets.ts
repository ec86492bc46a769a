/** Offsets of strided elements, shared by the element-wise and reduction kernels. */

/** Every element offset of a strided shape, in row-major order. */
export function offsets(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  let n = 1;
  for (const d of shape) n *= d;
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
