/**
 * One call to checkpoint a training run and one to resume it (Node only: `@descent/nn/node`).
 * Structural: anything with `stateDict()` and `loadStateDict()` can be saved — a module, an
 * optimizer, a scheduler, a data loader, a `Generator` (its JSON-safe `stateDict`) — and nothing
 * here imports the packages those come from. The layout is described in ./encoding.ts.
 */
import { readFileSync } from 'node:fs';
import { Tensor } from '@descent/autograd';
import { contiguousStrides, describeValue, Storage } from '@descent/tensor';
import type { Tensor as BaseTensor } from '@descent/tensor';
import { bytesOf } from '../safetensors/deserialize';
import { writeFileAtomically } from '../safetensors/file';
import { parseSafetensors } from '../safetensors/parse';
import { serialize } from '../safetensors/serialize';
import { METADATA_KEY, FORMAT_VERSION, decodeValue, deepCopy, encodeCheckpoint } from './encoding';
import type { CheckpointDocument } from './encoding';

/** Anything whose state a checkpoint can hold. */
export interface Stateful {
  stateDict(): unknown;
  // The argument is whatever stateDict() returned; objects type it themselves.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- method parameters are bivariant; this is only a bound
  loadStateDict(stateDict: any): unknown;
}

/** Options of {@link saveCheckpoint}. */
export interface SaveCheckpointOptions {
  /** Extra strings stored in the safetensors `__metadata__` (default none). */
  metadata?: Record<string, string>;
}

/** What {@link loadCheckpoint} returns. */
export interface LoadCheckpointResult {
  /** The `metadata` given to `saveCheckpoint`. */
  metadata: Record<string, string>;
  /** Objects the file holds that were not asked for (left unread). */
  unusedObjects: string[];
}

function checkObjects(objects: unknown, where: string): [string, Stateful][] {
  if (typeof objects !== 'object' || objects === null || Array.isArray(objects)) {
    throw new TypeError(`${where}: argument 'objects' must be an object of named stateful objects ({ model, optimizer, … }), got ${describeValue(objects)}`);
  }
  const entries = Object.entries(objects as Record<string, unknown>);
  for (const [name, value] of entries) {
    const candidate = value as Partial<Stateful> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.stateDict !== 'function' || typeof candidate.loadStateDict !== 'function') {
      throw new TypeError(`${where}: '${name}' must have stateDict() and loadStateDict(), got ${describeValue(value)}`);
    }
    if (name.startsWith('__') || name.includes('.')) throw new TypeError(`${where}: object name '${name}' may not contain '.' or start with '__'`);
  }
  return entries as [string, Stateful][];
}

/**
 * Saves every object's `stateDict()` to one safetensors file at `path`, atomically (a crash
 * leaves the previous checkpoint or the new one, whole; see `saveFile`). Tensors are stored
 * bit for bit, under PyTorch's names where they have one: the `model` object's state-dict names
 * as they are (`fc.weight`), every other object's under its name (`optimizer.state.0.exp_avg`).
 * Everything else is JSON in the file's `__metadata__`.
 *
 * @example
 * saveCheckpoint('run.safetensors', { model, optimizer, scheduler, generator }, { metadata: { epoch: '3' } });
 */
export function saveCheckpoint(path: string, objects: Record<string, Stateful>, options: SaveCheckpointOptions = {}): void {
  const entries = checkObjects(objects, 'saveCheckpoint');
  const metadata = options.metadata ?? {};
  if (Object.hasOwn(metadata, METADATA_KEY)) throw new TypeError(`saveCheckpoint: metadata key '${METADATA_KEY}' is reserved`);
  const { tensors, document } = encodeCheckpoint(new Map(entries.map(([name, object]) => [name, object.stateDict()])));
  const bytes = serialize(Object.fromEntries(tensors), { metadata: { format: 'pt', ...metadata, [METADATA_KEY]: JSON.stringify(document) } });
  writeFileAtomically(bytes, path, 'saveCheckpoint');
}

/**
 * Restores the objects saved by {@link saveCheckpoint} from `path`: each named object gets its
 * saved state through `loadStateDict`. All or nothing: the file is read and checked first (every
 * object asked for must be in it), and when an object refuses its state, the objects already
 * loaded get their previous state back, so a refused load leaves every object unchanged.
 *
 * @example
 * const { metadata } = loadCheckpoint('run.safetensors', { model, optimizer, scheduler, generator });
 */
export function loadCheckpoint(path: string, objects: Record<string, Stateful>): LoadCheckpointResult {
  const entries = checkObjects(objects, 'loadCheckpoint');
  if (typeof path !== 'string' || path === '') throw new TypeError(`loadCheckpoint: argument 'path' must be a non-empty string, got ${describeValue(path)}`);
  let bytes: Uint8Array;
  try {
    bytes = bytesOf(readFileSync(path), 'loadCheckpoint');
  } catch (error) {
    throw new Error(`loadCheckpoint: cannot read '${path}': ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseSafetensors(bytes);
  const { [METADATA_KEY]: text, format: _format, ...metadata } = parsed.metadata;
  void _format;
  if (text === undefined) throw new Error(`loadCheckpoint: '${path}' is a safetensors file but not a checkpoint (no '${METADATA_KEY}' metadata); read it with loadFile`);
  let document: CheckpointDocument;
  try {
    document = JSON.parse(text) as CheckpointDocument;
  } catch (error) {
    throw new Error(`loadCheckpoint: '${path}' has malformed checkpoint metadata (${(error as Error).message})`);
  }
  if (typeof document !== 'object' || document === null || document.version !== FORMAT_VERSION || typeof document.objects !== 'object' || document.objects === null) {
    throw new Error(`loadCheckpoint: '${path}' has checkpoint metadata of an unknown layout (version ${describeValue((document as { version?: unknown } | null)?.version)}; expected ${FORMAT_VERSION})`);
  }
  const missing = entries.filter(([name]) => !Object.hasOwn(document.objects, name)).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(`loadCheckpoint: '${path}' holds no state for ${missing.map((n) => `'${n}'`).join(', ')} (it holds ${Object.keys(document.objects).map((n) => `'${n}'`).join(', ') || 'nothing'})`);
  }
  const tensors = new Map<string, BaseTensor>(
    parsed.tensors.map((t) => [t.name, new Tensor(new Storage(t.data), t.shape, contiguousStrides(t.shape), 0, t.dtype)]),
  );
  const states = entries.map(([name, object]) => [name, object, decodeValue(document.objects[name], name, tensors)] as const);

  // Load one by one; on a refusal, give the objects already loaded their previous state back.
  const loaded: [string, Stateful, unknown][] = [];
  for (const [name, object, state] of states) {
    const previous = deepCopy(object.stateDict());
    try {
      object.loadStateDict(state);
    } catch (error) {
      const rollbackErrors: unknown[] = [];
      for (const [, done, before] of loaded.reverse()) {
        try {
          done.loadStateDict(before);
        } catch (rollbackError) {
          rollbackErrors.push(rollbackError);
        }
      }
      const reason = error instanceof Error ? error.message : String(error);
      const message = `loadCheckpoint: '${name}' refused its saved state (${reason}); ${rollbackErrors.length === 0 ? 'every object keeps its previous state' : `${rollbackErrors.length} object(s) could not be restored`}`;
      throw new Error(message, { cause: error });
    }
    loaded.push([name, object, previous]);
  }
  const asked = new Set(entries.map(([name]) => name));
  return { metadata, unusedObjects: Object.keys(document.objects).filter((name) => !asked.has(name)) };
}
