// The slice of the WebAssembly JS API used here, typed locally: the base tsconfig has no DOM lib,
// and @types/node declares only part of the WebAssembly namespace.

/** A WebAssembly.Memory (possibly shared). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** A compiled WebAssembly.Module (opaque; cloneable to workers). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { exports: Record<string, unknown> };
}

/**
 * The global WebAssembly object, or null where the engine has none.
 *
 * @example
 * const api = webAssembly();
 */
export function webAssembly(): WasmApi | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof api === 'object' ? api : null;
}
