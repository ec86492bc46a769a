/** matmul with PyTorch's rules (1-D, 2-D, batched with broadcasting), and mm, bmm, dot, outer. */
import { allocate, notImplemented, scalarTypeName, type TypedArray } from '../dtype';
import type { Matrix2D } from '../kernels/matmul';
import { matmul2d, packedSizes } from '../kernels/matmul';
import { wasmMatmulInto } from '../kernels/wasm-dispatch';
import type { MatmulOperand } from '../wasm/index';
import { broadcastShapes, contiguousStrides, sizeOf, showShape } from '../shape';
import { Storage } from '../storage';
import { acquireArray, recycleArray } from '../storage-pool';
import type { Tensor } from '../tensor';

/**
 * PyTorch 1.13's dtype checks of mm/bmm/matmul (dot words it differently): both operands of one
 * dtype, and no bool kernel (`kernel` is the one PyTorch would have dispatched to).
 */
function checkDTypes(a: Tensor, b: Tensor, kernel: string): void {
  if (a.dtype !== b.dtype) {
    if (kernel === 'dot') {
      throw new TypeError(`dot : expected both vectors to have same dtype, but found ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
    }
    throw new TypeError(`expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)}`);
  }
  if (a.dtype === 'bool') throw notImplemented(kernel, 'bool');
}

/** The product of sizes. */
const product = (sizes: readonly number[]): number => sizes.reduce((x, y) => x * y, 1);

/** mv's message: `size mismatch, got 2, 2x3,4`. */
function mvMismatch(rows: number, cols: number, length: number): RangeError {
  return new RangeError(`size mismatch, got ${rows}, ${rows}x${cols},${length}`);
}

/**
 * PyTorch's shape checks of matmul, in its order and with the message of the kernel it reduces
 * to: a batch of matrices times a vector or matrix (or the transposed case) is folded into one
 * mm/mv, so the message shows the folded sizes; two batches broadcast, then go to bmm.
 */
function checkMatmulShapes(a: Tensor, b: Tensor): void {
  const [da, db] = [a.ndim, b.ndim];
  const last = (t: Tensor, i: number): number => t.shape[t.ndim - i] as number;
  if (da >= 3 && db <= 2) {
    const rows = product(a.shape.slice(0, -1));
    const k = last(a, 1);
    if (db === 2 && k !== last(b, 2)) throw mismatch(rows, k, last(b, 2), last(b, 1));
    if (db === 1 && k !== last(b, 1)) throw mvMismatch(rows, k, last(b, 1));
  } else if (da <= 2 && db >= 3) {
    // Computed as (bᵀ folded) · aᵀ.
    const rows = product(b.shape.slice(0, -2)) * last(b, 1);
    const k = last(b, 2);
    if (da === 2 && k !== last(a, 1)) throw mismatch(rows, k, last(a, 1), last(a, 2));
    if (da === 1 && k !== last(a, 1)) throw mvMismatch(rows, k, last(a, 1));
  } else if (da >= 3 && db >= 3) {
    const batch = product(broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2)));
    if (last(a, 1) !== last(b, 2)) {
      throw new RangeError(
        `Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${last(a, 1)}] but got: [${batch}, ${last(b, 2)}].`,
      );
    }
  }
}

function mismatch(m: number, k: number, k2: number, n: number): RangeError {
  return new RangeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
}

function view2d(t: Tensor, offset: number, rowDim: number, colDim: number): Matrix2D {
  return {
    data: t.storage.data,
    rows: t.shape[rowDim] as number,
    cols: t.shape[colDim] as number,
    rowStride: t.strides[rowDim] as number,
    colStride: t.strides[colDim] as number,
    offset,
  };
}

/** The layout of the last two dims of `t` at `offset`, with `batchStride` between products. */
function operand(t: Tensor, offset: number, batchStride: number): MatmulOperand {
  return { offset, rowStride: t.strides[t.ndim - 2], colStride: t.strides[t.ndim - 1], batchStride };
}

/** The WebAssembly kernel for one batch dim (or none); false when it does not apply (small, int, negative strides). */
function tryWasm(a: Tensor, b: Tensor, out: TypedArray, batch: readonly number[], m: number, k: number, n: number): boolean {
  if (batch.length > 1 || a.strides.some((s) => s < 0) || b.strides.some((s) => s < 0)) return false;
  const count = batch.length === 0 ? 1 : (batch[0] as number);
  const strideOf = (t: Tensor): number => (t.ndim < 3 || t.shape[0] === 1 ? 0 : (t.strides[0] as number));
  return wasmMatmulInto(a.storage.data, b.storage.data, out, { m, k, n, batch: count, a: operand(a, a.offset, strideOf(a)), b: operand(b, b.offset, strideOf(b)) });
}

/** Batched matmul of a (…×m×k) and b (…×k×n), both with at least 2 dims. */
function batched(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[a.ndim - 2] as number;
  const k = a.shape[a.ndim - 1] as number;
  const k2 = b.shape[b.ndim - 2] as number;
  const n = b.shape[b.ndim - 1] as number;
  if (k !== k2) throw mismatch(m, k, k2, n);
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const batch = broadcastShapes(batchA, batchB);
  const shape = [...batch, m, n];
  const out = allocate(a.dtype, sizeOf(shape));
  if (tryWasm(a, b, out, batch, m, k, n)) return a._make(new Storage(out), shape, contiguousStrides(shape), 0, a.dtype);
  const count = sizeOf(batch);
  // Several batch dims: one wasm product per batch entry (when large enough), else the TS kernel.
  const nonNegative = a.strides.every((s) => s >= 0) && b.strides.every((s) => s >= 0);
  const sizes = packedSizes(m, k, n);
  // Packing scratch from the storage pools (zero-filled, as new arrays are), given back below.
  const scratch = { a: acquireArray('float64', sizes.a) as Float64Array, b: acquireArray('float64', sizes.b) as Float64Array };
  const idx = new Array<number>(batch.length).fill(0);
  for (let p = 0; p < count; p++) {
    // Offsets of this batch entry in a and b (broadcast dims read index 0).
    let offA = a.offset;
    let offB = b.offset;
    for (let d = 0; d < batch.length; d++) {
      const i = idx[d] as number;
      const da = d - (batch.length - batchA.length);
      const db = d - (batch.length - batchB.length);
      if (da >= 0 && batchA[da] !== 1) offA += i * (a.strides[da] as number);
      if (db >= 0 && batchB[db] !== 1) offB += i * (b.strides[db] as number);
    }
    const product = { m, k, n, a: operand(a, offA, 0), b: operand(b, offB, 0) };
    if (!(nonNegative && wasmMatmulInto(a.storage.data, b.storage.data, out.subarray(p * m * n, (p + 1) * m * n), product))) {
      matmul2d(view2d(a, offA, a.ndim - 2, a.ndim - 1), view2d(b, offB, b.ndim - 2, b.ndim - 1), out, p * m * n, scratch);
    }
    for (let d = batch.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (batch[d] as number)) break;
      idx[d] = 0;
    }
  }
  recycleArray('float64', scratch.a);
  recycleArray('float64', scratch.b);
  return a._make(new Storage(out), shape, contiguousStrides(shape), 0, a.dtype);
}

/**
 * PyTorch's matmul: 1-D · 1-D is dot, 2-D · 2-D is mm, a 1-D operand gets a dim of 1 prepended
 * (left) or appended (right) and removed afterwards, and batch dims broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(`both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`);
  }
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  checkDTypes(a, b, a.ndim >= 3 && b.ndim >= 3 ? 'bmm' : b.ndim === 1 ? 'addmv_impl_cpu' : 'addmm_impl_cpu_');
  if (a.ndim === 2 && b.ndim === 1 && a.shape[1] !== b.shape[0]) throw mvMismatch(a.shape[0] as number, a.shape[1] as number, b.shape[0] as number);
  if (a.ndim === 1 && b.ndim === 2 && a.shape[0] !== b.shape[0]) throw mismatch(1, a.shape[0] as number, b.shape[0] as number, b.shape[1] as number);
  checkMatmulShapes(a, b);
  if (a.ndim === 1) return batched(a.unsqueeze(0), b).squeeze(-2);
  if (b.ndim === 1) return batched(a, b.unsqueeze(1)).squeeze(-1);
  return batched(a, b);
}

/** 2-D matrix product. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw new RangeError('self must be a matrix');
  if (b.ndim !== 2) throw new RangeError('mat2 must be a matrix');
  checkDTypes(a, b, 'addmm_impl_cpu_');
  return batched(a, b);
}

/** Batched product of two 3-D tensors with the same batch size. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3) throw new RangeError('batch1 must be a 3D tensor');
  if (b.ndim !== 3) throw new RangeError('batch2 must be a 3D tensor');
  checkDTypes(a, b, 'bmm');
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new RangeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${a.shape[0]}, ${a.shape[2]}] but got: [${b.shape[0]}, ${b.shape[1]}].`,
    );
  }
  return batched(a, b);
}

/** Inner product of two 1-D tensors (a 0-d result). */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new RangeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  }
  checkDTypes(a, b, 'dot');
  if (a.shape[0] !== b.shape[0]) {
    throw new RangeError(
      `inconsistent tensor size, expected tensor ${showShape(a.shape)} and src ${showShape(b.shape)} to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
    );
  }
  const n = a.shape[0] as number;
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += (a.storage.data[a.offset + i * (a.strides[0] as number)] as number) * (b.storage.data[b.offset + i * (b.strides[0] as number)] as number);
  }
  const out = allocate(a.dtype, 1);
  out[0] = s;
  return a._make(new Storage(out), [], [], 0, a.dtype);
}

/** Outer product of two 1-D tensors. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1) throw new RangeError(`outer: Expected 1-D argument self, but got ${a.ndim}-D`);
  if (b.ndim !== 1) throw new RangeError(`outer: Expected 1-D argument vec2, but got ${b.ndim}-D`);
  return a.unsqueeze(1).mul(b.unsqueeze(0));
}
