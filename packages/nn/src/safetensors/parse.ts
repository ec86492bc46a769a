import { SAFETENSORS_DTYPES, decodeElements } from './dtypes';
import type { SafetensorsDType } from './dtypes';
import type { DType, TypedArray } from './tensor-like';

/** One tensor read from a safetensors file, before it becomes a `Tensor`. */
export interface RawTensor {
  /** The name in the header (a state-dict key such as `0.weight`). */
  name: string;
  /** The Descent dtype its elements were decoded into. */
  dtype: DType;
  /** The dtype name the file stored. */
  storedAs: SafetensorsDType;
  shape: number[];
  /** Row-major elements, a fresh array owned by the caller. */
  data: TypedArray;
}

/** A parsed safetensors file. */
export interface ParsedSafetensors {
  /** The `__metadata__` string map (empty when the file has none). */
  metadata: Record<string, string>;
  /** The tensors, in the order of their data in the file. */
  tensors: RawTensor[];
}

/** The reference implementation refuses headers over 100 MB; so do we. */
const MAX_HEADER_BYTES = 100_000_000;

/**
 * Default cap on the tensors of one file. A header entry costs far more memory parsed than it
 * takes in the file (an 89 MB header of 1.6 million zero-size tensors took 2 GB and 12 s), so the
 * count is bounded before `JSON.parse` runs. Real checkpoints hold thousands (a shard of a large
 * language model: a few hundred to a few thousand).
 */
export const DEFAULT_MAX_TENSORS = 100_000;

/** PyTorch's limit on the dimensions of a tensor (`MAX_DIMS` in its TensorIterator) is 25; allow more. */
const MAX_RANK = 64;

/** Options of {@link parseSafetensors}. */
export interface ParseOptions {
  /** Refuse files with more tensors than this (default `DEFAULT_MAX_TENSORS`). */
  maxTensors?: number;
}

interface Entry {
  name: string;
  storedAs: SafetensorsDType;
  shape: number[];
  begin: number;
  end: number;
}

function fail(message: string): never {
  throw new Error(`safetensors: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * A short, safe rendering of a header value for an error message: never recursive (a hostile,
 * deeply nested value would overflow `JSON.stringify`'s stack) and never long.
 */
function brief(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value as unknown[];
    const flat = items.length <= 16 && items.every((v) => v === null || typeof v !== 'object');
    return flat ? `[${items.map(brief).join(',')}]` : `an array of ${items.length} items`;
  }
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** A tensor or metadata name for a message, quoted, cut to 80 characters. */
function quote(name: string): string {
  return `'${name.length > 80 ? `${name.slice(0, 80)}…` : name}'`;
}

function readEntry(name: string, info: unknown): Entry {
  if (!isRecord(info)) fail(`entry ${quote(name)} is not an object`);
  const { dtype, shape, data_offsets: offsets } = info;
  if (typeof dtype !== 'string' || !Object.hasOwn(SAFETENSORS_DTYPES, dtype)) {
    fail(`tensor ${quote(name)} has unsupported dtype ${brief(dtype)}; expected one of ${Object.keys(SAFETENSORS_DTYPES).join(', ')}`);
  }
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every(isIndex)) fail(`tensor ${quote(name)} has an invalid shape ${brief(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    fail(`tensor ${quote(name)} has invalid data_offsets ${brief(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`tensor ${quote(name)} has data_offsets [${begin}, ${end}] that end before they begin`);
  const storedAs = dtype as SafetensorsDType;
  let bytes = SAFETENSORS_DTYPES[storedAs].size;
  for (const size of shape) {
    bytes *= size;
    // Past 2^53 the product is no longer exact, and no file we can read is that large anyway.
    if (!Number.isSafeInteger(bytes)) fail(`tensor ${quote(name)} has a shape too large to hold, got [${(shape).join(', ')}]`);
  }
  if (end - begin !== bytes) {
    fail(`tensor ${quote(name)} of dtype ${storedAs} and shape [${(shape).join(', ')}] needs ${bytes} bytes, but its data_offsets [${begin}, ${end}] span ${end - begin}`);
  }
  return { name, storedAs, shape: shape, begin, end };
}

function readMetadata(value: unknown): Record<string, string> {
  // The reference reader takes `"__metadata__": null` as no metadata.
  if (value === null) return {};
  if (!isRecord(value)) fail('__metadata__ is not an object of strings');
  const out: [string, string][] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') fail(`__metadata__ value for ${quote(key)} is not a string`);
    out.push([key, entry]);
  }
  return Object.fromEntries(out);
}

/**
 * Parses and validates a safetensors file held in memory, decoding every tensor.
 *
 * Every number in the header is checked before it is used: the header length against the file, each
 * tensor's dtype, shape and byte range, and the ranges against each other (they must tile the data
 * section exactly, as the reference reader requires). Nothing is allocated beyond the sizes the
 * file's own bytes account for: every decoded element is read from the file, so the arrays hold at
 * most four times the file's bytes (U8 and I8 widen to int32). Any problem throws an `Error` whose
 * message starts `safetensors:`.
 *
 * @example
 * const { metadata, tensors } = parseSafetensors(bytes);
 * tensors[0].name; // '0.weight'
 */
export function parseSafetensors(bytes: Uint8Array, options: ParseOptions = {}): ParsedSafetensors {
  const maxTensors = options.maxTensors ?? DEFAULT_MAX_TENSORS;
  if (!Number.isSafeInteger(maxTensors) || maxTensors < 0) throw new RangeError(`safetensors: maxTensors must be a non-negative integer, got ${maxTensors}`);
  if (bytes.length < 8) fail(`file too short: need at least 8 bytes for the header length, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > MAX_HEADER_BYTES) fail(`header length ${headerLength} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  if (headerLength > bytes.length - 8) {
    fail(`header length ${headerLength} exceeds the ${bytes.length - 8} bytes that follow it (truncated file?)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    fail('header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(`header must be a JSON object starting with '{'`);
  // Each tensor entry is one object with two arrays (shape, data_offsets); the header itself and
  // __metadata__ are two more objects. Counted in one pass before JSON.parse builds anything.
  const containers = countContainers(text, 3 * maxTensors + 2);
  if (containers > 3 * maxTensors + 2) {
    fail(`header holds more entries than the limit of ${maxTensors} tensors (raise it with the maxTensors option)`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    fail(`header is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(header)) fail('header is not a JSON object');

  let metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  const names = Object.keys(header);
  const count = names.length - (Object.hasOwn(header, '__metadata__') ? 1 : 0);
  if (count > maxTensors) fail(`header lists ${count} tensors, more than the limit of ${maxTensors} (raise it with the maxTensors option)`);
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') metadata = readMetadata(info);
    else entries.push(readEntry(name, info));
  }

  // The data section must be covered exactly: sorted by offset, each tensor starts where the
  // previous one ended, and the last one ends at the end of the file.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  let position = 0;
  for (const entry of entries) {
    if (entry.begin !== position) {
      fail(
        entry.begin < position
          ? `tensor ${quote(entry.name)} overlaps the previous tensor (data_offsets [${entry.begin}, ${entry.end}])`
          : `gap in the data before tensor ${quote(entry.name)} (bytes ${position} to ${entry.begin} belong to no tensor)`,
      );
    }
    if (entry.end > dataLength) {
      fail(`tensor ${quote(entry.name)} data_offsets [${entry.begin}, ${entry.end}] run past the ${dataLength} data bytes (truncated file?)`);
    }
    position = entry.end;
  }
  if (position !== dataLength) fail(`the tensors cover ${position} data bytes but the file holds ${dataLength}`);

  const tensors = entries.map((entry): RawTensor => {
    const { size, dtype } = SAFETENSORS_DTYPES[entry.storedAs];
    const slice = new DataView(bytes.buffer, bytes.byteOffset + dataStart + entry.begin, entry.end - entry.begin);
    const data = decodeElements(entry.storedAs, slice, (entry.end - entry.begin) / size, entry.name);
    return { name: entry.name, dtype, storedAs: entry.storedAs, shape: entry.shape, data };
  });
  return { metadata, tensors };
}

/**
 * The number of JSON objects and arrays in `text` (brackets outside strings), counting no further
 * than `limit + 1`: linear in the text, allocating nothing.
 */
function countContainers(text: string, limit: number): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if ((c === 0x7b || c === 0x5b) && ++count > limit) return count;
  }
  return count;
}
