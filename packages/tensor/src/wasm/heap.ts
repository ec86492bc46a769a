import type { WasmMemory } from './wasm-api';
/** Bytes in one WebAssembly page. */
const PAGE = 65536;
/** Every block starts on a 64-byte boundary (a cache line; also satisfies v128 alignment). */
const ALIGN = 64;
/** The first page is left unused so that address 0 is never a valid block. */
const BASE = PAGE;

interface FreeBlock {
  offset: number;
  size: number;
}

/**
 * A first-fit allocator over a WebAssembly memory, owned by JavaScript (the kernels never allocate).
 * Freed blocks are coalesced and reused, so a loop of same-sized calls stops growing the memory
 * after its first iteration.
 *
 * @example
 * const heap = new WasmHeap(memory);
 * const p = heap.alloc(4096);
 * heap.free(p, 4096);
 */
export class WasmHeap {
  readonly memory: WasmMemory;
  private top = BASE;
  private readonly freeList: FreeBlock[] = [];
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(memory: WasmMemory) {
    this.memory = memory;
    this.buffers.add(memory.buffer);
  }

  /** Reserves `bytes` bytes (rounded up to 64) and returns their byte offset. */
  alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    for (let i = 0; i < this.freeList.length; i++) {
      const block = this.freeList[i] as FreeBlock;
      if (block.size < size) continue;
      const offset = block.offset;
      if (block.size === size) this.freeList.splice(i, 1);
      else {
        block.offset += size;
        block.size -= size;
      }
      return offset;
    }
    const offset = this.top;
    this.ensure(offset + size);
    this.top = offset + size;
    return offset;
  }

  /** Returns a block from {@link WasmHeap.alloc} (same `bytes`) to the free list. */
  free(offset: number, bytes: number): void {
    const size = roundUp(Math.max(bytes, 1), ALIGN);
    let i = 0;
    while (i < this.freeList.length && (this.freeList[i] as FreeBlock).offset < offset) i++;
    this.freeList.splice(i, 0, { offset, size });
    // Coalesce with the following and the preceding neighbour.
    const next = this.freeList[i + 1];
    const block = this.freeList[i] as FreeBlock;
    if (next && block.offset + block.size === next.offset) {
      block.size += next.size;
      this.freeList.splice(i + 1, 1);
    }
    const prev = this.freeList[i - 1];
    if (prev && prev.offset + prev.size === block.offset) {
      prev.size += block.size;
      this.freeList.splice(i, 1);
    }
    const last = this.freeList[this.freeList.length - 1];
    if (last && last.offset + last.size === this.top) {
      this.top = last.offset;
      this.freeList.pop();
    }
  }

  /** Whether `array` is a view into this heap's memory (so kernels can use it without copying). */
  owns(array: ArrayBufferView): boolean {
    return this.buffers.has(array.buffer);
  }

  /** Bytes currently reserved by the memory (grows only when a request does not fit). */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    // Grow geometrically (at least +50%) so that a slowly increasing workload grows O(log n) times.
    const want = Math.max(end, Math.floor(have * 1.5));
    const pages = Math.min(Math.ceil(want / PAGE), 65536) - have / PAGE;
    if (have + pages * PAGE < end) throw new RangeError(`wasm: out of WebAssembly memory, requested ${end} bytes`);
    this.memory.grow(pages);
    this.buffers.add(this.memory.buffer);
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}
