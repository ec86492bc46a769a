/**
 * Counts the memory a piece of code allocates, for the allocation tests and the benchmark's
 * "allocation per step": bytes and number of new ArrayBuffers (`new ArrayBuffer`, typed arrays
 * made from a length or an array, and the typed-array methods that return a fresh copy: `slice`,
 * `map`, `filter`), and growth of every `WebAssembly.Memory` made after `installAllocCounter()`.
 * Each new buffer is attributed to the first stack frame outside this file, so a nonzero count
 * says where it came from. Install it before the code under test creates its memories.
 */

/** What was allocated since the last `reset()`. */
export interface AllocCount {
  buffers: number;
  bytes: number;
  /** Bytes the WebAssembly memories grew by. */
  wasmGrowth: number;
  /** Call site → [buffers, bytes], largest bytes first. */
  sites: [string, number, number][];
}

/** The counter installed by {@link installAllocCounter}. */
export interface AllocCounter {
  reset(): void;
  read(): AllocCount;
  /** Total bytes of the WebAssembly memories seen so far. */
  wasmBytes(): number;
}

/** The slice of WebAssembly.Memory used here (the base tsconfig has no DOM lib). */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
type MemoryCtor = new (...args: unknown[]) => WasmMemory;

const TYPED = ['Float32Array', 'Float64Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'BigInt64Array', 'BigUint64Array'] as const;

let installed: AllocCounter | undefined;

/** Wraps the constructors once (idempotent) and returns the counter. */
export function installAllocCounter(): AllocCounter {
  if (installed) return installed;
  let buffers = 0, bytes = 0;
  const sites = new Map<string, [number, number]>();
  const memories: WasmMemory[] = [];
  let wasmAtReset = 0;
  const wasmBytes = (): number => memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
  const count = (n: number): void => {
    buffers++;
    bytes += n;
    const frames = (new Error().stack ?? '').split('\n').slice(2);
    const site = (frames.find((f) => !f.includes('alloc-counter')) ?? '?').trim().replace(/^at /, '');
    const entry = sites.get(site) ?? [0, 0];
    entry[0]++;
    entry[1] += n;
    sites.set(site, entry);
  };
  const g = globalThis as unknown as Record<string, unknown>;
  const OriginalArrayBuffer = ArrayBuffer;
  g.ArrayBuffer = new Proxy(OriginalArrayBuffer, {
    construct(target, args, newTarget) {
      const result = Reflect.construct(target, args, newTarget === g.ArrayBuffer ? target : newTarget) as ArrayBuffer;
      count(result.byteLength);
      return result;
    },
  });
  for (const name of TYPED) {
    const Original = g[name] as new (...args: unknown[]) => ArrayBufferView;
    g[name] = new Proxy(Original, {
      construct(target, args, newTarget) {
        const result = Reflect.construct(target, args, newTarget === g[name] ? target : newTarget) as ArrayBufferView;
        const first: unknown = args[0];
        // A view on an existing buffer allocates none.
        if (!(first instanceof OriginalArrayBuffer) && !(typeof SharedArrayBuffer !== 'undefined' && first instanceof SharedArrayBuffer)) count(result.byteLength);
        return result;
      },
    });
  }
  const typedProto = Object.getPrototypeOf(Float32Array.prototype) as Record<string, (...args: unknown[]) => ArrayBufferView>;
  for (const method of ['slice', 'map', 'filter'] as const) {
    const original = typedProto[method]!;
    typedProto[method] = function (this: unknown, ...args: unknown[]) {
      const result: ArrayBufferView = original.apply(this, args);
      count(result.byteLength);
      return result;
    };
  }
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: MemoryCtor } }).WebAssembly;
  const OriginalMemory = wasm.Memory;
  wasm.Memory = new Proxy(OriginalMemory, {
    construct(target, args, newTarget) {
      const memory = Reflect.construct(target, args, newTarget === wasm.Memory ? target : newTarget) as WasmMemory;
      memories.push(memory);
      wasmAtReset += memory.buffer.byteLength;
      return memory;
    },
  });
  installed = {
    reset() {
      buffers = 0;
      bytes = 0;
      sites.clear();
      wasmAtReset = wasmBytes();
    },
    read() {
      const list = [...sites].map(([site, [n, b]]): [string, number, number] => [site, n, b]).sort((a, b) => b[2] - a[2]);
      return { buffers, bytes, wasmGrowth: wasmBytes() - wasmAtReset, sites: list };
    },
    wasmBytes,
  };
  return installed;
}
