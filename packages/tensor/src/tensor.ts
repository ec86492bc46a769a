// The n-d strided tensor: the class core (storage, shape, strides, offset, dtype, the constructor
// and basic accessors). The methods live in `tensor-methods/<group>.ts`, one file per group
// (views, indexing, element-wise, reductions, …): each declares an interface, merged into `Tensor`
// below, and installs its implementations on `Tensor.prototype` (`tensor-methods/method-group.ts`).
// Option types are in `tensor-options.ts`. (A line comment: a `/** */` header would be rendered
// in the API reference as the class's "Algorithm" section by tools/typedoc/equations.mjs.)
import { formatDeviceTensor, formatTensor } from './format';
import type { DType } from './dtype';
import { checkShape, normalizeDim, sizeOf } from './shape';
import type { Device, Storage } from './storage';
import type { TensorBitwise } from './tensor-methods/bitwise';
import type { TensorComparison } from './tensor-methods/comparison';
import type { TensorConversion } from './tensor-methods/conversion';
import type { TensorCumulative } from './tensor-methods/cumulative';
import type { TensorElementwiseBinary } from './tensor-methods/elementwise-binary';
import type { TensorInPlace } from './tensor-methods/in-place';
import type { TensorIndexing } from './tensor-methods/indexing';
import type { TensorLinalg } from './tensor-methods/linalg';
import type { TensorRandom } from './tensor-methods/random';
import type { TensorReductions } from './tensor-methods/reductions';
import type { TensorReshaping } from './tensor-methods/reshaping';
import type { TensorSoftmax } from './tensor-methods/softmax';
import type { TensorSorting } from './tensor-methods/sorting';
import type { TensorUnaryMath } from './tensor-methods/unary-math';
import type { TensorViews } from './tensor-methods/views';
import type { TensorAsyncReads } from './tensor-methods/async-reads';

export type { IsCloseOptions, NestedArray, RandomOptions, ScatterReduceOptions, VarOptions } from './tensor-options';

/**
 * An n-dimensional array: a view (shape, strides, offset) of a {@link Storage}, with PyTorch's
 * methods. Views share storage; ops return new tensors; methods ending in `_` work in place and
 * return `this`.
 *
 * @example
 * const a = tensor([[1, 2], [3, 4]]);
 * a.matmul(a).sum(1); // tensor([17., 37.])... as PyTorch
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the methods are declared by the interface below
export class Tensor {
  // `declare`d (assigned by the constructor only): no field initializer runs per tensor (issue #23).
  declare readonly storage: Storage;
  declare readonly shape: readonly number[];
  declare readonly strides: readonly number[];
  declare readonly offset: number;
  declare readonly dtype: DType;

  constructor(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtype;
  }

  /**
   * @internal Builds a result tensor of the same family as `this`. Every op creates its results
   * through this method; subclasses (autograd's Tensor) override it.
   */
  _make(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType): Tensor {
    return new Tensor(storage, shape, strides, offset, dtype);
  }

  /** Where the elements live: `'cpu'` or `'webgpu'` (see `to(device)`). */
  get device(): Device {
    return this.storage.device;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return sizeOf(this.shape);
  }

  /** The size of one dimension, or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    return dim === undefined ? [...this.shape] : (this.shape[normalizeDim(dim, this.ndim)] ?? 1);
  }

  /** True when the elements are laid out row-major without gaps (size-1 dims ignored). */
  isContiguous(): boolean {
    let expected = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      const size = this.shape[d] as number;
      if (size !== 1 && this.strides[d] !== expected) return false;
      expected *= size;
    }
    return true;
  }

  /** All dimensions reversed (PyTorch's `.T`). */
  get T(): Tensor {
    return this.permute(this.shape.map((_, i) => this.ndim - 1 - i));
  }
  /** The last two dimensions swapped (`.mT`). */
  get mT(): Tensor {
    if (this.ndim < 2) throw new RangeError(`tensor.mT is only supported on matrices or batches of matrices. Got ${this.ndim}-D tensor.`);
    return this.transpose(-2, -1);
  }
  /**
   * Iterates over the first dimension (`for (const row of t)`), as a Python loop over a tensor. A
   * 0-d tensor is not iterable (a TypeError, as PyTorch's "iteration over a 0-d tensor"): the
   * iterator is then absent rather than throwing, so that generic code (deep equality in tests)
   * that probes `t[Symbol.iterator]` treats it as a plain object.
   *
   * @example
   * for (const row of tensor([[1, 2], [3, 4]])) row.sum();
   */
  get [Symbol.iterator](): () => IterableIterator<Tensor> {
    if (this.ndim === 0) return undefined as unknown as () => IterableIterator<Tensor>;
    return function* rows(this: Tensor): IterableIterator<Tensor> {
      const n = this.shape[0] as number;
      for (let i = 0; i < n; i++) yield this.select(0, i);
    };
  }

  /** PyTorch-style printout. */
  toString(): string {
    if (this.storage.device !== 'cpu') return formatDeviceTensor(this.shape, this.dtype, this.storage.device, this.printSuffix());
    return formatTensor(Array.from(this.contiguous().toTypedArray()), this.shape, this.dtype, this.printSuffix());
  }
  /**
   * String conversion prints the tensor (`${t}`, `String(t)`); numeric conversion throws. A
   * tensor used as a JavaScript number (`2 * t`, `t + 1`, `t < 0`) would silently be NaN.
   *
   * @example
   * `${tensor([1, 2])}`; // 'tensor([1., 2.])'
   * 2 * tensor([1]);     // TypeError: use t.mul(2) … or t.item()
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError(
      `a Tensor cannot be used as a JavaScript ${hint === 'number' ? 'number' : 'primitive'} (the result would be NaN): ` +
        'use tensor methods for arithmetic (t.mul(2), t.add(1), t.lt(0)), t.item() for the number in a one-element tensor, ' +
        'or String(t) to print it',
    );
  }
  /** @internal Extra `key=value` parts of the printout (autograd adds requires_grad / grad_fn). */
  protected printSuffix(): string[] {
    return [];
  }
}

/**
 * The methods of {@link Tensor}, one interface per group of `tensor-methods/`; their
 * implementations are installed on `Tensor.prototype` by those modules.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- implemented on the prototype by tensor-methods/
export interface Tensor
  extends TensorViews,
    TensorConversion,
    TensorElementwiseBinary,
    TensorUnaryMath,
    TensorComparison,
    TensorBitwise,
    TensorInPlace,
    TensorRandom,
    TensorReductions,
    TensorSoftmax,
    TensorCumulative,
    TensorSorting,
    TensorLinalg,
    TensorIndexing,
    TensorReshaping,
    TensorAsyncReads {}

/** Shape check helper for creation functions. */
export function validShape(shape: readonly number[], where: string): number[] {
  return checkShape(shape, where);
}
