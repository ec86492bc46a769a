/**
 * Tensor methods: dtype conversion and conversion out to JavaScript values.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import type { NestedArray } from '../tensor-options';
import { allocate, checkDType, scalarTypeName } from '../dtype';
import type { DType, TypedArray } from '../dtype';
import { gatherContiguous, operandOf } from '../kernels/elementwise';
import { unary } from '../ops/unary';
import { sizeOf } from '../shape';
import type { Device } from '../storage';
import { toDevice } from '../device/gpu-tensor';
import { installMethods } from './method-group';

/** dtype conversion and conversion out to JavaScript values. Part of {@link Tensor}. */
export interface TensorConversion {
  /** `to('float32')`. */
  float(): Tensor;
  /** `to('float64')`. */
  double(): Tensor;
  /** `to('int32')` (truncates toward zero). */
  int(): Tensor;
  /** `to('bool')` (non-zero is true). */
  bool(): Tensor;
  /** Without an argument, PyTorch's type name (`'torch.FloatTensor'`); with a dtype, `to(dtype)`. */
  type(): string;
  type(dtype: DType): Tensor;
  /**
   * A copy converted to `dtype` (this tensor itself when the dtype already matches), or a copy on
   * `device` (`'cpu'` or `'webgpu'`; moving a webgpu tensor to the CPU needs `await t.toAsync('cpu')`).
   *
   * @example
   * const g = x.to('webgpu'); // after await initWebGPU()
   */
  to(dtype: DType | Device): Tensor;
  /** The single value of a one-element tensor. */
  item(): number;
  /** The values as nested arrays (a number for a 0-d tensor; bools as 0/1). */
  tolist(): NestedArray;
  /** A fresh contiguous typed array of the values (row-major). */
  toTypedArray(): TypedArray;
}

installMethods<TensorConversion>(Tensor.prototype, {
  float(): Tensor {
    return this.to('float32');
  },
  double(): Tensor {
    return this.to('float64');
  },
  int(): Tensor {
    return this.to('int32');
  },
  bool(): Tensor {
    return this.to('bool');
  },
  type: function type(this: Tensor, dtype?: DType): string | Tensor {
    if (dtype === undefined) return `torch.${scalarTypeName(this.dtype)}Tensor`;
    return this.to(dtype);
  } as TensorConversion['type'],
  to(dtype: DType | Device): Tensor {
    if (dtype === 'cpu' || dtype === 'webgpu') return toDevice(this, dtype);
    checkDType(dtype, 'to');
    if (dtype === this.dtype) return this;
    // Storing into an Int32Array truncates toward zero already; a bool is "non-zero" (NaN included).
    return unary(this, dtype === 'bool' ? (x) => (x !== 0 ? 1 : 0) : (x) => x, 'same', dtype);
  },
  item(): number {
    if (this.numel() !== 1) throw new RangeError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    return this.storage.data[this.offset] as number;
  },
  tolist(): NestedArray {
    const flat = this.contiguous().toTypedArray();
    if (this.ndim === 0) return flat[0] as number;
    const build = (dim: number, base: number): NestedArray[] => {
      const size = this.shape[dim] as number;
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: size }, (_, i) =>
        dim === this.ndim - 1 ? (flat[base + i] as number) : build(dim + 1, base + i * stride),
      );
    };
    return build(0, 0);
  },
  toTypedArray(): TypedArray {
    const out = allocate(this.dtype, this.numel());
    gatherContiguous(this.shape, operandOf(this), out);
    return out;
  },
});
