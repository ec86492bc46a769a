import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { formatValue } from '../format-value';
import { MAX_INFLATE_RATIO, gunzipBounded, gunzipHead, isTooLargeError } from './bounded-gunzip';

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

const hex = (b: number | undefined): string => `0x${(b ?? 0).toString(16).padStart(2, '0')}`;

/** Options of {@link parseIdx} and {@link readIdx}. */
export interface IdxOptions {
  /**
   * The most bytes the decoded file (header and data) may occupy; a file whose header declares
   * more is refused before anything is inflated or allocated. Default: no cap beyond what the
   * header declares, which always bounds the work.
   */
  maxBytes?: number;
}

/** What an IDX header declares. */
interface IdxHeader {
  type: (typeof IDX_TYPES)[keyof typeof IDX_TYPES];
  shape: number[];
  headerBytes: number;
  count: number;
  /** Header plus data, in bytes. */
  total: number;
}

/** Bytes an IDX header needs, as far as `head` shows it: 4, then 4 per dimension. */
const headerLength = (head: Uint8Array): number =>
  head.length < 4 ? 4 : 4 + 4 * (head[3] as number);

/** Decodes the header at the start of `bytes`; errors name `source`. */
function readHeader(bytes: Uint8Array, source: string): IdxHeader {
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
  const headerBytes = headerLength(bytes);
  if (bytes.length < headerBytes)
    throw new Error(
      `parseIdx: ${source} is truncated: its header needs ${headerBytes} bytes, the file has ${bytes.length}`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 4; d < headerBytes; d += 4) shape.push(view.getUint32(d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  return { type, shape, headerBytes, count, total: headerBytes + count * type.bytes };
}

/** `shape [2, 3] of uint8`, for messages. */
const describeHeader = (h: IdxHeader): string => `shape [${h.shape.join(', ')}] of ${h.type.name}`;

/** Throws a RangeError when the header declares more than `maxBytes`. */
function checkCap(header: IdxHeader, maxBytes: number, source: string): void {
  if (header.total > maxBytes)
    throw new RangeError(
      `parseIdx: ${source} declares ${describeHeader(header)}, ${header.total} bytes, more than maxBytes=${maxBytes}`,
    );
}

/**
 * Inflates a gzipped IDX file no further than its header declares: the header is inflated first
 * (at most 64 KiB of output), the declared size is checked against `maxBytes` and against the
 * most the input could inflate to, and the whole stream is then inflated into one buffer of the
 * declared size; a stream holding more stops there with an error.
 */
function inflateIdx(input: Uint8Array, maxBytes: number, source: string): Uint8Array {
  const damaged = (error: unknown): Error =>
    new Error(
      `parseIdx: ${source} is gzipped but cannot be inflated (truncated or damaged): ${(error as Error).message}`,
      { cause: error },
    );
  let head: Uint8Array;
  try {
    head = gunzipHead(input, headerLength);
  } catch (error) {
    throw damaged(error);
  }
  const header = readHeader(head, source);
  checkCap(header, maxBytes, source);
  const dataBytes = header.total - header.headerBytes;
  if (header.total > input.length * MAX_INFLATE_RATIO)
    throw new Error(
      `parseIdx: ${source} is truncated: ${describeHeader(header)} needs ${dataBytes} bytes of data, more than ${input.length} gzipped bytes can hold`,
    );
  let bytes: Uint8Array;
  try {
    bytes = gunzipBounded(input, header.total);
  } catch (error) {
    if (isTooLargeError(error))
      throw new Error(
        `parseIdx: ${source} inflates to more than the ${header.total} bytes its header declares (${describeHeader(header)}): unexpected bytes after the data`,
        { cause: error },
      );
    throw damaged(error);
  }
  return bytes;
}

/**
 * Decodes an IDX file (the MNIST format: magic 00 00 <type> <ndim>, ndim big-endian uint32 sizes,
 * then the big-endian values); gzipped bytes are inflated first, never beyond the size the header
 * declares (see {@link IdxOptions.maxBytes} for a cap). `source` names the file in errors. The
 * values are copied at most once: uint8/int8 data of a gzipped file is a view of the inflated
 * buffer, that of a plain file a copy (never a view of `input`).
 *
 * @example
 * const { shape, data } = parseIdx(await readFile('train-labels-idx1-ubyte'), 'train-labels-idx1-ubyte');
 */
export function parseIdx(
  input: Uint8Array,
  source = '<bytes>',
  options: IdxOptions = {},
): IdxArray {
  return decodeIdx(input, source, options, false);
}

/** {@link parseIdx}; `ownInput` when the caller hands `input` over (its values may be viewed, not copied). */
function decodeIdx(
  input: Uint8Array,
  source: unknown,
  options: unknown,
  ownInput: boolean,
): IdxArray {
  if (!(input instanceof Uint8Array))
    throw new TypeError(`parseIdx: input must be a Uint8Array, got ${formatValue(input)}`);
  if (typeof source !== 'string')
    throw new TypeError(`parseIdx: source must be a string, got ${formatValue(source)}`);
  const maxBytes = checkIdxOptions('parseIdx', options);
  const gzipped = isGzip(input);
  const bytes = gzipped ? inflateIdx(input, maxBytes, source) : input;
  const header = readHeader(bytes, source);
  checkCap(header, maxBytes, source);
  const { headerBytes, shape } = header;
  const dataBytes = header.total - headerBytes;
  const available = bytes.length - headerBytes;
  if (available < dataBytes) {
    throw new Error(
      `parseIdx: ${source} is truncated: ${describeHeader(header)} needs ${dataBytes} bytes of data, got ${available}`,
    );
  }
  if (available > dataBytes)
    throw new Error(
      `parseIdx: ${source} has ${available - dataBytes} unexpected bytes after the data of shape [${shape.join(', ')}]`,
    );
  // The inflated buffer is ours alone when zlib allocated it for this file (not from Node's pool).
  const own = gzipped
    ? bytes.byteOffset === 0 && bytes.buffer.byteLength <= bytes.length + 1
    : ownInput;
  return { shape, type: header.type.name, data: decode(bytes, header, own) };
}

/** The values after the header: a view of `bytes` when `own` and no byte swap is needed, else one copy. */
function decode(bytes: Uint8Array, header: IdxHeader, own: boolean): IdxArray['data'] {
  const { headerBytes: at, count } = header;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (header.type.name) {
    case 'uint8':
      // Uint8Array's slice, which copies (a Buffer's own slice would return a view).
      return own ? bytes.subarray(at) : Uint8Array.prototype.slice.call(bytes, at);
    case 'int8': {
      const values = new Int8Array(bytes.buffer, bytes.byteOffset + at, count);
      return own ? values : values.slice();
    }
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(at + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(at + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(at + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(at + 8 * i, false);
      return out;
    }
  }
}

/** Validates {@link IdxOptions} and returns the cap (Infinity when absent). */
export function checkIdxOptions(owner: string, options: unknown): number {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`${owner}: options must be an object, got ${formatValue(options)}`);
  const { maxBytes } = options as { maxBytes?: unknown };
  if (maxBytes === undefined) return Infinity;
  if (typeof maxBytes !== 'number')
    throw new TypeError(`${owner}: maxBytes must be a number, got ${formatValue(maxBytes)}`);
  if (!(maxBytes === Infinity || (Number.isInteger(maxBytes) && maxBytes > 0)))
    throw new RangeError(`${owner}: maxBytes must be a positive integer, got ${maxBytes}`);
  return maxBytes;
}

/**
 * Reads and decodes an IDX file, gzipped or not (Node only); see {@link parseIdx}. The file's bytes
 * are read once; uint8/int8 values are a view of them (of the inflated buffer when gzipped).
 *
 * @example
 * const labels = await readIdx('data/mnist/t10k-labels-idx1-ubyte.gz'); // shape [10000]
 */
export async function readIdx(path: string, options: IdxOptions = {}): Promise<IdxArray> {
  if (typeof path !== 'string')
    throw new TypeError(`readIdx: path must be a string, got ${formatValue(path)}`);
  checkIdxOptions('readIdx', options);
  const file = await readFile(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  return decodeIdx(bytes, path, options, true);
}

/**
 * {@link readIdx} synchronously (Node only), for constructors that read their files.
 *
 * @example
 * const labels = readIdxSync('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz');
 */
export function readIdxSync(path: string, options: IdxOptions = {}): IdxArray {
  if (typeof path !== 'string')
    throw new TypeError(`readIdxSync: path must be a string, got ${formatValue(path)}`);
  checkIdxOptions('readIdxSync', options);
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  return decodeIdx(bytes, path, options, true);
}
