/** The element types of a Descent tensor (the same union as `@descent/tensor`'s `DType`). */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The storage array of any dtype. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/**
 * What the safetensors writer reads from a tensor: the storage contract of ARCHITECTURE.md (a
 * view's element at index i lives at `offset + Σ i[d]·strides[d]` of `storage.data`).
 */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;
  readonly storage: { readonly data: TypedArray };
}
