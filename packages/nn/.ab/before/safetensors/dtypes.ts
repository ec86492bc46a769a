import type { DType, TypedArray } from './tensor-like';

/**
 * The safetensors dtype names this package reads, their element sizes in bytes and the Descent
 * dtype each becomes. F16, BF16, I64 and the small integers have no Descent dtype of their own, so
 * they are widened (F16/BF16 to float32 exactly; integers to int32, failing when a value does not
 * fit).
 */
export const SAFETENSORS_DTYPES = {
  BOOL: { size: 1, dtype: 'bool' },
  U8: { size: 1, dtype: 'int32' },
  I8: { size: 1, dtype: 'int32' },
  I16: { size: 2, dtype: 'int32' },
  U16: { size: 2, dtype: 'int32' },
  F16: { size: 2, dtype: 'float32' },
  BF16: { size: 2, dtype: 'float32' },
  I32: { size: 4, dtype: 'int32' },
  F32: { size: 4, dtype: 'float32' },
  F64: { size: 8, dtype: 'float64' },
  I64: { size: 8, dtype: 'int32' },
} as const satisfies Record<string, { size: number; dtype: DType }>;

/** A safetensors dtype name this package can read. */
export type SafetensorsDType = keyof typeof SAFETENSORS_DTYPES;

/** The safetensors name each Descent dtype is written as. */
export const WRITTEN_NAME: Record<DType, 'F32' | 'F64' | 'I32' | 'BOOL'> = {
  float32: 'F32',
  float64: 'F64',
  int32: 'I32',
  bool: 'BOOL',
};

/**
 * Rank of a written dtype in safetensors' `Dtype` enum (ordered by alignment). The reference writer
 * stores tensors by descending rank, then by name, so copying that order gives byte-identical files.
 */
export const WRITE_RANK: Record<DType, number> = { bool: 0, int32: 9, float32: 11, float64: 12 };

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** True on the little-endian hosts every JS engine we know runs on. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const scratchBits = new Uint32Array(1);
const scratchFloat = new Float32Array(scratchBits.buffer);

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Decodes `count` little-endian elements of safetensors dtype `name` starting at `view`'s byte 0
 * into a fresh storage array. `tensorName` only names the tensor in errors.
 */
export function decodeElements(name: SafetensorsDType, view: DataView, count: number, tensorName: string): TypedArray {
  if (LITTLE_ENDIAN && (name === 'F32' || name === 'F64' || name === 'I32')) {
    // Copy the bytes into a fresh (aligned) buffer and view them: the file is little-endian too.
    const copy = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
    if (name === 'F32') return new Float32Array(copy.buffer, 0, count);
    if (name === 'F64') return new Float64Array(copy.buffer, 0, count);
    return new Int32Array(copy.buffer, 0, count);
  }
  switch (name) {
    case 'F32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
      return out;
    }
    case 'F64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
      return out;
    }
    case 'F16':
    case 'BF16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        const bits = view.getUint16(2 * i, true);
        if (name === 'F16') {
          out[i] = halfToFloat(bits);
        } else {
          // bfloat16 is the top half of a float32, so shifting it up is exact.
          scratchBits[0] = bits << 16;
          out[i] = scratchFloat[0]!;
        }
      }
      return out;
    }
    case 'BOOL': {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getUint8(i) === 0 ? 0 : 1;
      return out;
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const value = view.getBigInt64(8 * i, true);
        if (value < BigInt(INT32_MIN) || value > BigInt(INT32_MAX)) {
          throw new RangeError(`safetensors: tensor '${tensorName}' (I64) holds ${value}, which does not fit in int32`);
        }
        out[i] = Number(value);
      }
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
      return out;
    }
    case 'U8':
    case 'I8':
    case 'I16':
    case 'U16': {
      const out = new Int32Array(count);
      const read =
        name === 'U8'
          ? (i: number) => view.getUint8(i)
          : name === 'I8'
            ? (i: number) => view.getInt8(i)
            : name === 'I16'
              ? (i: number) => view.getInt16(2 * i, true)
              : (i: number) => view.getUint16(2 * i, true);
      for (let i = 0; i < count; i++) out[i] = read(i);
      return out;
    }
  }
}
