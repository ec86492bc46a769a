import { WRITE_RANK, WRITTEN_NAME } from './dtypes';
import type { TensorLike } from './tensor-like';
import { typeName } from '../type-name';

/** Options of {@link serialize}. */
export interface SerializeOptions {
  /** Free-form strings stored under `__metadata__` (default: none). */
  metadata?: Record<string, string>;
}

const ELEMENT_BYTES = { float32: 4, float64: 8, int32: 4, bool: 1 } as const;
const utf8 = new TextEncoder();

/** Rust's `String` ordering: byte-wise over UTF-8 (JS `<` compares UTF-16 units, which differs). */
function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

const STORAGE_OF = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;

/** Throws a clear `TypeError` unless `value` is a tensor this writer can encode. */
function checkTensor(name: string, value: unknown): void {
  const t = value as Partial<TensorLike> | null | undefined;
  const ok =
    typeof t === 'object' &&
    t !== null &&
    Array.isArray(t.shape) &&
    Array.isArray(t.strides) &&
    t.strides.length === t.shape.length &&
    typeof t.offset === 'number' &&
    typeof t.dtype === 'string' &&
    Object.hasOwn(STORAGE_OF, t.dtype) &&
    t.storage?.data instanceof STORAGE_OF[t.dtype];
  if (!ok) {
    throw new TypeError(`safetensors: '${name}' is not a tensor of dtype float32, float64, int32 or bool (got ${typeName(value)})`);
  }
}

/** True on the little-endian hosts every JS engine we know runs on. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function isContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** Writes `t`'s elements in row-major order, little-endian, at `out`'s byte 0. */
function writeElements(t: TensorLike, out: DataView): void {
  const { shape, strides, storage } = t;
  if (LITTLE_ENDIAN && t.dtype !== 'bool' && isContiguous(shape, strides)) {
    // The storage bytes already are the file bytes: copy them in one go.
    const data = storage.data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset + t.offset * data.BYTES_PER_ELEMENT, out.byteLength);
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes);
    return;
  }
  const data = storage.data;
  const count = numel(shape);
  const index = new Array<number>(shape.length).fill(0);
  let position = t.offset;
  for (let i = 0; i < count; i++) {
    const value = data[position]!;
    switch (t.dtype) {
      case 'float32':
        out.setFloat32(4 * i, value, true);
        break;
      case 'float64':
        out.setFloat64(8 * i, value, true);
        break;
      case 'int32':
        out.setInt32(4 * i, value, true);
        break;
      case 'bool':
        out.setUint8(i, value === 0 ? 0 : 1);
        break;
    }
    // Advance the multi-index like an odometer, keeping `position` in step with the strides.
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d]!++;
      position += strides[d]!;
      if (index[d]! < shape[d]!) break;
      position -= strides[d]! * shape[d]!;
      index[d] = 0;
    }
  }
}

/**
 * Encodes named tensors in the safetensors format, byte for byte as the reference writer
 * (huggingface/safetensors) does: an 8-byte little-endian header length, a compact JSON header
 * (`__metadata__` first, then tensors by descending dtype alignment and then by name) padded with
 * spaces to a multiple of 8 bytes, then each tensor's row-major little-endian bytes in that order.
 *
 * @example
 * const bytes = serialize({ '0.weight': w }, { metadata: { format: 'pt' } });
 */
export function serialize(tensors: Readonly<Record<string, TensorLike>>, options: SerializeOptions = {}): Uint8Array {
  const names = Object.keys(tensors);
  for (const name of names) {
    if (name === '__metadata__') throw new Error(`safetensors: '__metadata__' is reserved and cannot name a tensor`);
  }
  const metadata = options.metadata ?? {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw new TypeError(`safetensors: metadata value for '${key}' must be a string, got ${typeof value}`);
  }
  for (const name of names) checkTensor(name, tensors[name]);
  const ordered = names
    .map((name) => ({ name, tensor: tensors[name]! }))
    .sort((a, b) => WRITE_RANK[b.tensor.dtype] - WRITE_RANK[a.tensor.dtype] || compareUtf8(a.name, b.name));

  const parts: string[] = [];
  const metadataKeys = Object.keys(metadata).sort(compareUtf8);
  if (metadataKeys.length > 0 || options.metadata !== undefined) {
    parts.push(`"__metadata__":{${metadataKeys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`).join(',')}}`);
  }
  let offset = 0;
  const placed = ordered.map(({ name, tensor }) => {
    const bytes = numel(tensor.shape) * ELEMENT_BYTES[tensor.dtype];
    const begin = offset;
    offset += bytes;
    parts.push(
      `${JSON.stringify(name)}:{"dtype":"${WRITTEN_NAME[tensor.dtype]}","shape":[${tensor.shape.join(',')}],"data_offsets":[${begin},${offset}]}`,
    );
    return { tensor, begin, bytes };
  });
  const headerBytes = utf8.encode(`{${parts.join(',')}}`);
  // Pad with spaces so the data starts 8-byte aligned (8 + header length is a multiple of 8).
  const headerLength = headerBytes.length + ((8 - (headerBytes.length % 8)) % 8);

  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(headerBytes, 8);
  out.fill(0x20, 8 + headerBytes.length, 8 + headerLength);
  for (const { tensor, begin, bytes } of placed) {
    writeElements(tensor, new DataView(out.buffer, 8 + headerLength + begin, bytes));
  }
  return out;
}
