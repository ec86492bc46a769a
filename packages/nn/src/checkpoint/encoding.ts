/**
 * The checkpoint layout inside one safetensors file: every tensor of every object's `stateDict()`
 * goes to the tensor section, everything else to one JSON document in `__metadata__`, where each
 * tensor is a placeholder `{ "$tensor": "<tensor name>" }`.
 *
 * Tensor names: the object saved as `model` keeps its state-dict names (`fc.weight`, PyTorch's),
 * so the file loads as a plain state dict anywhere; every other object's tensors are named
 * `<object>.<path>` with each path key in snake_case (`optimizer.state.0.exp_avg`, PyTorch's
 * optimizer key). JSON cannot hold NaN, ±Infinity, −0, `undefined` or a bigint: they are written
 * as `{ "$number": "NaN" }`, `{ "$undefined": true }`, `{ "$bigint": "…" }`, so every value
 * round-trips exactly. Anything else that is not plain data (a function, a Map, a class instance
 * that is not a tensor) is refused, naming its path.
 */
import { Tensor as BaseTensor, contiguousStrides, describeValue, Storage } from '@descent/tensor';

/** The object whose tensors keep their bare state-dict names. */
export const MODEL_KEY = 'model';
/** The `__metadata__` key holding the JSON document. */
export const METADATA_KEY = 'descent.checkpoint';
/** Version of the JSON document's layout. */
export const FORMAT_VERSION = 1;

/** The JSON document of a checkpoint. */
export interface CheckpointDocument {
  version: number;
  /** Each object's state dict, tensors replaced by placeholders. */
  objects: Record<string, unknown>;
}

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};
const MARKERS = ['$tensor', '$number', '$undefined', '$bigint'];

/**
 * Splits `objects`' state dicts into tensors (by name) and the JSON document. `stateDicts` holds
 * each object's `stateDict()` result, read once by the caller.
 */
export function encodeCheckpoint(stateDicts: ReadonlyMap<string, unknown>): { tensors: Map<string, BaseTensor>; document: CheckpointDocument } {
  const tensors = new Map<string, BaseTensor>();
  const encode = (value: unknown, path: string, tensorName: string): unknown => {
    if (value instanceof BaseTensor) {
      if (tensors.has(tensorName)) throw new Error(`saveCheckpoint: two tensors would both be named '${tensorName}' (at ${path})`);
      tensors.set(tensorName, value);
      return { $tensor: tensorName };
    }
    if (value === undefined) return { $undefined: true };
    if (typeof value === 'bigint') return { $bigint: value.toString() };
    if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: Object.is(value, -0) ? '-0' : String(value) };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    const join = (key: string): [string, string] => [`${path}.${key}`, tensorName === '' ? snake(key) : `${tensorName}.${snake(key)}`];
    if (Array.isArray(value)) return value.map((item, i) => encode(item, ...join(String(i))));
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && MARKERS.includes(keys[0] as string)) {
        throw new Error(`saveCheckpoint: ${path} is an object with the reserved key '${keys[0]}'`);
      }
      return Object.fromEntries(keys.map((key) => [key, encode(value[key], ...join(key))]));
    }
    throw new TypeError(`saveCheckpoint: ${path} holds ${describeValue(value)}, which a checkpoint cannot store (tensors, numbers, strings, booleans, null, arrays and plain objects only)`);
  };
  const objects: Record<string, unknown> = {};
  for (const [name, stateDict] of stateDicts) {
    objects[name] = encode(stateDict, name, name === MODEL_KEY ? '' : name);
  }
  return { tensors, document: { version: FORMAT_VERSION, objects } };
}

/**
 * Rebuilds one object's state dict from the document, taking tensors from `tensors` (each made
 * with `like._make`, so autograd tensors come back as autograd tensors). Throws, naming the path,
 * on a placeholder without its tensor or a malformed marker.
 */
export function decodeValue(value: unknown, path: string, tensors: ReadonlyMap<string, BaseTensor>): unknown {
  if (Array.isArray(value)) return value.map((item, i) => decodeValue(item, `${path}.${i}`, tensors));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const inner = value[key];
    if (key === '$tensor') {
      const t = typeof inner === 'string' ? tensors.get(inner) : undefined;
      if (t === undefined) throw new Error(`loadCheckpoint: ${path} refers to tensor ${describeValue(inner)}, which the file does not hold`);
      return t;
    }
    if (key === '$number') {
      if (inner !== 'NaN' && inner !== 'Infinity' && inner !== '-Infinity' && inner !== '-0') throw new Error(`loadCheckpoint: ${path} has a malformed number ${describeValue(inner)}`);
      return inner === '-0' ? -0 : Number(inner);
    }
    if (key === '$undefined') return undefined;
    if (key === '$bigint') {
      if (typeof inner !== 'string' || !/^-?[0-9]+$/.test(inner)) throw new Error(`loadCheckpoint: ${path} has a malformed bigint ${describeValue(inner)}`);
      return BigInt(inner);
    }
  }
  return Object.fromEntries(keys.map((key) => [key, decodeValue(value[key], `${path}.${key}`, tensors)]));
}

/** A deep copy of a state dict whose tensors are copied too (a snapshot for rolling back). */
export function deepCopy(value: unknown): unknown {
  if (value instanceof BaseTensor) {
    return value._make(new Storage(value.toTypedArray()), [...value.shape], contiguousStrides(value.shape), 0, value.dtype);
  }
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((key) => [key, deepCopy(value[key])]));
  return value;
}
