// Types of the module scripts/build-wasm.mjs generates beside this file (kernels.ts, not committed),
// so that type-checking a fresh clone works before the first `build:wasm`.
/** Base64 of the kernel module with its own (non-shared) imported memory. */
export declare const KERNELS_PLAIN_BASE64: string;
/**
 * Offset of the memory import's limits flags in that module: setting the byte to 0x03 gives the
 * module that imports a shared memory (worker threads).
 */
export declare const KERNELS_SHARED_FLAG_OFFSET: number;
