import { KERNELS_PLAIN_BASE64, KERNELS_SHARED_FLAG_OFFSET } from './generated/kernels';
import type { KernelExports } from './exports';
import { WasmContext } from './context';
import { WasmHeap } from './heap';
import { webAssembly, type WasmMemory } from './wasm-api';

// The smallest module using a v128 instruction (i8x16.splat, i8x16.popcnt), as wasm-feature-detect
// does: engines without 128-bit SIMD reject it in WebAssembly.validate.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const INITIAL_PAGES = 2;
const MAXIMUM_PAGES = 65536;

/**
 * Whether this engine can run 128-bit WebAssembly SIMD.
 *
 * @example
 * if (!wasmSimdSupported()) console.warn('using the TypeScript kernels');
 */
export function wasmSimdSupported(): boolean {
  try {
    return webAssembly()?.validate(SIMD_PROBE) ?? false;
  } catch {
    return false;
  }
}

/**
 * Whether the environment variable `DESCENT_WASM` is `0`, which forces the TypeScript kernels (read
 * only where a Node-style `process.env` exists).
 *
 * @example
 * // DESCENT_WASM=0 pnpm test   runs the suite on the fallback kernels
 * wasmDisabledByEnv(); // true
 */
export function wasmDisabledByEnv(): boolean {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.DESCENT_WASM === '0';
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * @internal The kernel module's bytes: the embedded (plain) module, or with `shared` the variant
 * that imports a shared memory, which differs from it only in the memory import's limits flags
 * (`scripts/build-wasm.mjs` checks that when it compiles both).
 */
export function kernelModuleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase64(KERNELS_PLAIN_BASE64);
  if (shared) bytes[KERNELS_SHARED_FLAG_OFFSET] = 0x03;
  return bytes;
}

/** Creates a shared memory when SharedArrayBuffer is usable here (Node, cross-origin-isolated pages). */
function sharedMemory(api: NonNullable<ReturnType<typeof webAssembly>>): WasmMemory | null {
  if (typeof SharedArrayBuffer === 'undefined') return null;
  try {
    return new api.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
  } catch {
    return null;
  }
}

/**
 * Compiles and instantiates the kernel module synchronously; null when SIMD is missing, when
 * `DESCENT_WASM=0`, or when the engine refuses (e.g. synchronous compilation on a browser main thread).
 *
 * @example
 * const ctx = instantiateKernels();
 */
export function instantiateKernels(): WasmContext | null {
  if (wasmDisabledByEnv() || !wasmSimdSupported()) return null;
  const api = webAssembly();
  if (api === null) return null;
  try {
    const memory = sharedMemory(api);
    const shared = memory !== null;
    const mem = memory ?? new api.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES });
    const module = new api.Module(kernelModuleBytes(shared));
    const instance = new api.Instance(module, { env: { memory: mem } });
    return new WasmContext(instance.exports as unknown as KernelExports, new WasmHeap(mem), module, shared);
  } catch {
    return null;
  }
}
