import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** Element types of the IDX format, by their type code. */
const IDX_TYPES = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
} as const;

/** An IDX array: its shape and its values in row-major order. */
export interface IdxArray {
  shape: number[];
  type: 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * True when `bytes` start with the gzip magic number 1f 8b.
 *
 * @example
 * isGzip(gzipSync(bytes)); // true
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips `input`; a cut-off or damaged stream becomes an error naming `source`. */
function inflate(input: Uint8Array, source: string): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(input));
  } catch (error) {
    throw new Error(
      `parseIdx: ${source} is gzipped but cannot be inflated (truncated or damaged): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

const hex = (b: number | undefined): string => `0x${(b ?? 0).toString(16).padStart(2, '0')}`;

/**
 * Decodes an IDX file (the MNIST format: magic 00 00 <type> <ndim>, ndim big-endian uint32 sizes,
 * then the big-endian values); gzipped bytes are inflated first. `source` names the file in errors.
 *
 * @example
 * const { shape, data } = parseIdx(await readFile('train-labels-idx1-ubyte'), 'train-labels-idx1-ubyte');
 */
export function parseIdx(input: Uint8Array, source = '<bytes>'): IdxArray {
  const bytes = isGzip(input) ? inflate(input, source) : input;
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(
      `parseIdx: ${source} is not an IDX file: it starts with ${Array.from(bytes.subarray(0, 4), hex).join(' ') || 'nothing'}, expected 0x00 0x00 <type> <ndim>`,
    );
  }
  const code = bytes[2] as number;
  const type = IDX_TYPES[code as keyof typeof IDX_TYPES] as
    (typeof IDX_TYPES)[keyof typeof IDX_TYPES] | undefined;
  if (type === undefined)
    throw new Error(
      `parseIdx: ${source} has unknown data type code ${hex(code)}, expected one of 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e`,
    );
  const ndim = bytes[3] as number;
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes)
    throw new Error(
      `parseIdx: ${source} is truncated: its header needs ${headerBytes} bytes, the file has ${bytes.length}`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < ndim; d++) shape.push(view.getUint32(4 + 4 * d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const dataBytes = count * type.bytes;
  const available = bytes.length - headerBytes;
  if (available < dataBytes) {
    throw new Error(
      `parseIdx: ${source} is truncated: shape [${shape.join(', ')}] of ${type.name} needs ${dataBytes} bytes of data, got ${available}`,
    );
  }
  if (available > dataBytes)
    throw new Error(
      `parseIdx: ${source} has ${available - dataBytes} unexpected bytes after the data of shape [${shape.join(', ')}]`,
    );
  const read = {
    uint8: () => bytes.slice(headerBytes),
    int8: () => Int8Array.from(bytes.subarray(headerBytes), (b) => (b << 24) >> 24),
    int16: () =>
      Int16Array.from({ length: count }, (_, i) => view.getInt16(headerBytes + 2 * i, false)),
    int32: () =>
      Int32Array.from({ length: count }, (_, i) => view.getInt32(headerBytes + 4 * i, false)),
    float32: () =>
      Float32Array.from({ length: count }, (_, i) => view.getFloat32(headerBytes + 4 * i, false)),
    float64: () =>
      Float64Array.from({ length: count }, (_, i) => view.getFloat64(headerBytes + 8 * i, false)),
  }[type.name];
  return { shape, type: type.name, data: read() };
}

/**
 * Reads and decodes an IDX file, gzipped or not (Node only).
 *
 * @example
 * const labels = await readIdx('data/mnist/t10k-labels-idx1-ubyte.gz'); // shape [10000]
 */
export async function readIdx(path: string): Promise<IdxArray> {
  return parseIdx(new Uint8Array(await readFile(path)), path);
}
