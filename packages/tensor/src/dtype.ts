/**
 * Data types, their storage arrays, and PyTorch's type promotion.
 *
 * | dtype     | storage       | PyTorch       |
 * |-----------|---------------|---------------|
 * | float32   | Float32Array  | torch.float32 (the default) |
 * | float64   | Float64Array  | torch.float64 |
 * | int32     | Int32Array    | torch.int32 (also stands in for int64 results such as argmax) |
 * | bool      | Uint8Array    | torch.bool    |
 */

import { acquireArray as poolAcquire } from './storage-pool';

/** The element types a tensor can hold. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The storage array of any dtype. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** The storage array of a floating dtype. */
export type FloatArray = Float32Array | Float64Array;

type ArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

const CTORS: Record<DType, ArrayCtor> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
};

/** Every dtype, for validation. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/**
 * A zero-filled storage array for `dtype`, from the size-bucketed storage pools (`storage-pool.ts`:
 * a given-back array of the same size when there is one; float arrays live in WebAssembly memory
 * when the kernels are loaded and memory is shared).
 */
export function allocate(dtype: DType, length: number): TypedArray {
  return poolAcquire(dtype, length);
}

/**
 * A storage array for `dtype` from the storage pools whose elements the caller overwrites all of
 * (a reused one is not cleared first: an element-wise result writes every element anyway).
 */
export function allocateUninitialized(dtype: DType, length: number): TypedArray {
  return poolAcquire(dtype, length, false);
}

/**
 * Allocates a new zero-filled storage array for `dtype`. When the engine cannot (more than a typed
 * array holds, or no memory), the error says how many bytes were asked for, as PyTorch's
 * allocator does, instead of JavaScript's "Invalid typed array length".
 */
export function allocateFresh(dtype: DType, length: number): TypedArray {
  try {
    // The global constructors, looked up at each call (so an allocation counter that wraps them sees these).
    switch (dtype) {
      case 'float32':
        return new Float32Array(length);
      case 'float64':
        return new Float64Array(length);
      case 'int32':
        return new Int32Array(length);
      case 'bool':
        return new Uint8Array(length);
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const bytes = length * CTORS[dtype].BYTES_PER_ELEMENT;
    throw new RangeError(
      `DefaultCPUAllocator: can't allocate memory: you tried to allocate ${bytes} bytes (${length} elements of ${dtype}). ${error.message}`,
    );
  }
}

/** The dtype a storage array holds. */
export function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

/** Throws a TypeError unless `dtype` is one of {@link DTYPES}. */
export function checkDType(dtype: unknown, where: string): DType {
  if (typeof dtype !== 'string' || !(DTYPES as readonly string[]).includes(dtype)) {
    throw new TypeError(`${where}: unknown dtype ${String(dtype)}; expected one of ${DTYPES.join(', ')}`);
  }
  return dtype as DType;
}

/** True for float32 and float64. */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

// Promotion lattice: bool < int32 < float32 < float64.
const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** PyTorch's promotion of two tensor dtypes (float32 with float64 gives float64; int with float gives float). */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Rounds a JS number the way storing it into an array of `dtype` does. */
export function castScalar(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(value);
    case 'float64':
      return value;
    case 'int32':
      return value | 0;
    case 'bool':
      // Non-zero is true, NaN included (as PyTorch's cast to bool).
      return value !== 0 ? 1 : 0;
  }
}

const SCALAR_TYPE_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

/** PyTorch's ScalarType name of a dtype, as its error messages spell it (`'Float'`, `'Int'`). */
export function scalarTypeName(dtype: DType): string {
  return SCALAR_TYPE_NAMES[dtype];
}

/**
 * PyTorch's error for a kernel that has no implementation for a dtype.
 *
 * @example
 * throw notImplemented('abs_cpu', 'bool'); // "abs_cpu" not implemented for 'Bool'
 */
export function notImplemented(kernel: string, dtype: DType): TypeError {
  return new TypeError(`"${kernel}" not implemented for '${scalarTypeName(dtype)}'`);
}

/** The name PyTorch prints for a dtype. */
export function torchName(dtype: DType): string {
  return `torch.${dtype}`;
}
