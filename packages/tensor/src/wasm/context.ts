import type { WasmModule } from './wasm-api';
import type { KernelExports, FloatArray } from './exports';
import type { WasmHeap } from './heap';

/**
 * One instantiated kernel module with its heap: stages JavaScript arrays into wasm memory around a
 * kernel call. Arrays that already live in the heap (from `alloc`) are used in place.
 *
 * @example
 * const sum = ctx.withArrays([x], [false], ([p]) => ctx.exports.sum_f32(p, x.length));
 */
export class WasmContext {
  constructor(
    readonly exports: KernelExports,
    readonly heap: WasmHeap,
    readonly module: WasmModule,
    readonly shared: boolean,
  ) {}

  /**
   * Runs `fn` with byte offsets of `arrays` in wasm memory. `copyIn[i]` false skips copying an
   * output-only array in; every non-null array is copied back out unless `copyOut[i]` is false.
   */
  withArrays<R>(arrays: readonly (FloatArray | null)[], copyIn: readonly boolean[], fn: (ptrs: number[]) => R, copyOut?: readonly boolean[]): R {
    const heap = this.heap;
    const ptrs: number[] = [];
    const staged: boolean[] = [];
    try {
      for (let i = 0; i < arrays.length; i++) {
        const array = arrays[i] ?? null;
        if (array === null) {
          ptrs.push(0);
          staged.push(false);
        } else if (heap.owns(array)) {
          ptrs.push(array.byteOffset);
          staged.push(false);
        } else {
          const ptr = heap.alloc(array.byteLength);
          ptrs.push(ptr);
          staged.push(true);
          if (copyIn[i] !== false) viewOf(heap.memory.buffer, array, ptr).set(array);
        }
      }
      const result = fn(ptrs);
      for (let i = 0; i < arrays.length; i++) {
        const array = arrays[i];
        if (array && staged[i] && copyOut?.[i] !== false) array.set(viewOf(heap.memory.buffer, array, ptrs[i] as number));
      }
      return result;
    } finally {
      for (let i = 0; i < ptrs.length; i++) {
        const array = arrays[i];
        if (array && staged[i]) heap.free(ptrs[i] as number, array.byteLength);
      }
    }
  }
}

function viewOf(buffer: ArrayBufferLike, like: FloatArray, ptr: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(buffer, ptr, like.length) : new Float64Array(buffer, ptr, like.length);
}
