import type { TypedArray } from './dtype';
import { claimLent } from './storage-pool';

/**
 * Where a storage's elements live. `'cpu'`: a typed array (in WebAssembly memory or a plain
 * buffer), read and written by the wasm and TypeScript kernels. `'webgpu'`: a pooled GPU buffer
 * (`device/gpu-storage.ts`); ops dispatch on the device of their operands (`device/dispatch.ts`).
 */
export type Device = 'cpu' | 'webgpu';

let births = 0;
let birthWatcher: ((storage: Storage) => void) | null = null;
/** @internal The storages born while a `scope` runs (scope.ts), or null outside every scope. */
export const scopeBirths: { list: Storage[] | null } = { list: null };

/**
 * @internal Calls `watcher` with every storage created from now until the next call (the backward
 * engine collects what a pass creates); returns the previous watcher, to restore it afterwards.
 */
export function watchStorageBirths(watcher: ((storage: Storage) => void) | null): ((storage: Storage) => void) | null {
  const previous = birthWatcher;
  birthWatcher = watcher;
  return previous;
}

/** @internal The birth number the next storage will get (storages born after a moment have larger ones). */
export function nextStorageBirth(): number {
  return births + 1;
}

/**
 * The flat memory behind one or more tensors (a tensor and all its views share one storage).
 * `version` counts in-place writes through any of them; autograd compares it with the version it
 * saved to catch a tensor modified after it was needed for backward.
 */
export class Storage {
  /** The elements. */
  declare data: TypedArray;
  /** Number of in-place modifications so far. */
  declare version: number;
  /** Where the elements live ({@link Device}). A `'webgpu'` storage has no readable `data`. */
  declare readonly device: Device;
  /** @internal Creation order: lets the backward engine tell a storage it made from one the user may hold. */
  declare readonly birth: number;
  /**
   * @internal Whether `data` came from the storage pools straight into this storage (nothing else
   * was given it first), so the library may give it back once it knows the storage is dead.
   */
  declare pooled: boolean;

  // The fields are `declare`d and assigned here, in one place: field initializers would run as a
  // separate initializer function per storage (a tiny op's fixed cost, issue #23).
  constructor(data: TypedArray) {
    this.data = data;
    this.version = 0;
    this.device = 'cpu';
    this.pooled = claimLent(data);
    this.birth = ++births;
    if (birthWatcher !== null) birthWatcher(this);
    if (scopeBirths.list !== null) scopeBirths.list.push(this);
  }
}
