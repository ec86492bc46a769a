/**
 * Generic element-wise loops over strided operands. A kernel is a scalar function; the loops handle
 * shapes, strides (0 for broadcast dimensions), offsets and every storage type once. The output is
 * always written in row-major order of `shape` at `outStrides`/`outOffset`.
 *
 * Fast path: when every operand is contiguous with the output's layout the loop is a flat `for`.
 */
import type { TypedArray } from '../dtype';
import { denseBinary, denseBinaryScalar } from './arithmetic';
import { offsets } from './offsets';
import { stridedCopy } from './strided-copy';
import { broadcastStrides } from '../shape';

/** A strided operand: where element (i0, i1, …) lives is offset + Σ i_d·strides[d]. */
export interface Operand {
  data: TypedArray;
  strides: readonly number[];
  offset: number;
}

function isDense(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] as number;
    if (size !== 1 && strides[d] !== expected) return false;
    expected *= size;
  }
  return true;
}

/** Number of elements of a shape. */
function count(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Calls `body(outIndex, aIndex, bIndex, cIndex)` for every element, walking the last dimension in
 * the inner loop and the others with an odometer. Up to three inputs; missing ones get index 0.
 */
function walk(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
  body: (i0: number, i1: number, i2: number, i3: number) => void,
): void {
  const n = count(shape);
  if (n === 0) return;
  const nd = shape.length;
  const k = strides.length;
  if (nd === 0) {
    body(offsets[0] ?? 0, offsets[1] ?? 0, offsets[2] ?? 0, offsets[3] ?? 0);
    return;
  }
  const last = shape[nd - 1] as number;
  const s0 = strides[0]?.[nd - 1] ?? 0;
  const s1 = strides[1]?.[nd - 1] ?? 0;
  const s2 = strides[2]?.[nd - 1] ?? 0;
  const s3 = strides[3]?.[nd - 1] ?? 0;
  const counter = new Array<number>(nd).fill(0);
  const base = offsets.slice();
  while (base.length < 4) base.push(0);
  for (let row = 0; row < n; row += last) {
    let i0 = base[0] as number;
    let i1 = base[1] as number;
    let i2 = base[2] as number;
    let i3 = base[3] as number;
    for (let j = 0; j < last; j++) {
      body(i0, i1, i2, i3);
      i0 += s0;
      i1 += s1;
      i2 += s2;
      i3 += s3;
    }
    // Advance the odometer over the outer dimensions.
    for (let d = nd - 2; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      for (let o = 0; o < k; o++) base[o] = (base[o] as number) + ((strides[o] as readonly number[])[d] as number);
      if ((counter[d] as number) < (shape[d] as number)) break;
      for (let o = 0; o < k; o++) {
        base[o] = (base[o] as number) - (counter[d] as number) * ((strides[o] as readonly number[])[d] as number);
      }
      counter[d] = 0;
    }
  }
}

/** out = fn(a) element by element. */
export function mapUnary(
  fn: (x: number) => number,
  shape: readonly number[],
  out: Operand,
  a: Operand,
): void {
  const od = out.data;
  const ad = a.data;
  if (isDense(shape, out.strides) && isDense(shape, a.strides)) {
    const n = count(shape);
    const oo = out.offset;
    const ao = a.offset;
    for (let i = 0; i < n; i++) od[oo + i] = fn(ad[ao + i] as number);
    return;
  }
  walk(shape, [out.strides, a.strides], [out.offset, a.offset], (io, ia) => {
    od[io] = fn(ad[ia] as number);
  });
}

/** out = fn(a, b) element by element (a and b already broadcast to `shape` through their strides). */
export function mapBinary(
  fn: (x: number, y: number) => number,
  shape: readonly number[],
  out: Operand,
  a: Operand,
  b: Operand,
): void {
  const od = out.data;
  const ad = a.data;
  const bd = b.data;
  const n = count(shape);
  if (isDense(shape, out.strides)) {
    const oo = out.offset;
    const aDense = isDense(shape, a.strides);
    const bDense = isDense(shape, b.strides);
    if (aDense && bDense) {
      denseBinary(fn, n, od, oo, ad, a.offset, bd, b.offset);
      return;
    }
    if (aDense && b.strides.every((s) => s === 0)) {
      denseBinaryScalar(fn, n, od, oo, ad, a.offset, bd[b.offset] as number);
      return;
    }
  }
  if (rowWise(fn, shape, out, a, b)) return;
  walk(shape, [out.strides, a.strides, b.strides], [out.offset, a.offset, b.offset], (io, ia, ib) => {
    od[io] = fn(ad[ia] as number, bd[ib] as number);
  });
}

/**
 * Row by row when the last dim is unit-stride in `out` and `a` and unit-stride or broadcast in `b`
 * (a bias added to every row of a matrix, a slice of a wider tensor): each row is a flat loop.
 */
function rowWise(fn: (x: number, y: number) => number, shape: readonly number[], out: Operand, a: Operand, b: Operand): boolean {
  const nd = shape.length;
  const last = nd === 0 ? 0 : (shape[nd - 1] as number);
  if (last < 2 || out.strides[nd - 1] !== 1 || a.strides[nd - 1] !== 1) return false;
  const sb = b.strides[nd - 1];
  if (sb !== 1 && sb !== 0) return false;
  const outer = shape.slice(0, -1);
  const ro = offsets(outer, out.strides.slice(0, -1), out.offset);
  const ra = offsets(outer, a.strides.slice(0, -1), a.offset);
  const rb = offsets(outer, b.strides.slice(0, -1), b.offset);
  for (let r = 0; r < ro.length; r++) {
    if (sb === 0) denseBinaryScalar(fn, last, out.data, ro[r] as number, a.data, ra[r] as number, b.data[rb[r] as number] as number);
    else denseBinary(fn, last, out.data, ro[r] as number, a.data, ra[r] as number, b.data, rb[r] as number);
  }
  return true;
}

/** out = fn(a, b, c) element by element. */
export function mapTernary(
  fn: (x: number, y: number, z: number) => number,
  shape: readonly number[],
  out: Operand,
  a: Operand,
  b: Operand,
  c: Operand,
): void {
  const od = out.data;
  const ad = a.data;
  const bd = b.data;
  const cd = c.data;
  if (isDense(shape, out.strides) && isDense(shape, a.strides) && isDense(shape, b.strides) && isDense(shape, c.strides)) {
    const n = count(shape);
    for (let i = 0; i < n; i++) {
      od[out.offset + i] = fn(ad[a.offset + i] as number, bd[b.offset + i] as number, cd[c.offset + i] as number);
    }
    return;
  }
  walk(shape, [out.strides, a.strides, b.strides, c.strides], [out.offset, a.offset, b.offset, c.offset], (io, ia, ib, ic) => {
    od[io] = fn(ad[ia] as number, bd[ib] as number, cd[ic] as number);
  });
}

/** Copies a strided operand into a contiguous array (row-major order of `shape`). */
export function gatherContiguous(shape: readonly number[], a: Operand, out: TypedArray): void {
  if (isDense(shape, a.strides)) {
    const n = count(shape);
    if (out.constructor === a.data.constructor) out.set(a.data.subarray(a.offset, a.offset + n));
    else for (let i = 0; i < n; i++) out[i] = a.data[a.offset + i] as number;
    return;
  }
  stridedCopy(shape, a.strides, a.offset, a.data, out);
}

/** The operand view of anything with a storage, strides and offset (a tensor). */
export function operandOf(t: { storage: { data: TypedArray }; strides: readonly number[]; offset: number }): Operand {
  return { data: t.storage.data, strides: t.strides, offset: t.offset };
}

/** The operand view of a tensor read as if broadcast to `shape` (stride 0 on broadcast dims). */
export function broadcastOperand(
  t: { storage: { data: TypedArray }; shape: readonly number[]; strides: readonly number[]; offset: number },
  shape: readonly number[],
): Operand {
  return { data: t.storage.data, strides: broadcastStrides(t.shape, t.strides, shape), offset: t.offset };
}
