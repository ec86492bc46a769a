/** Constant tensors built directly on a fresh storage (seeds and zero buffers of backward rules). */
import { acquireArray, full, Storage } from '@descent/tensor';
import type { Device, DType } from '@descent/tensor';
import { Tensor } from './tensor';

/** @internal Row-major strides of `shape`. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d] as number;
  }
  return strides;
}

/** @internal A new contiguous float tensor of `shape` filled with `value` (no history), on `device`. */
export function filled(shape: readonly number[], dtype: DType, value: number, device: Device = 'cpu'): Tensor {
  if (device !== 'cpu') {
    const t = full(shape, value, { dtype, device });
    return new Tensor(t.storage, [...shape], rowMajorStrides(shape), 0, t.dtype);
  }
  let n = 1;
  for (const s of shape) n *= s;
  // From the storage pools (zero-filled), so backward's seeds and zero buffers can be recycled.
  const data = acquireArray(dtype === 'float32' ? 'float32' : 'float64', n);
  if (value !== 0) data.fill(value);
  return new Tensor(
    new Storage(data),
    [...shape],
    rowMajorStrides(shape),
    0,
    dtype === 'float32' ? 'float32' : 'float64',
  );
}
