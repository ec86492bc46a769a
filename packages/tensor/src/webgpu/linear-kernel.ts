/**
 * The frame of a one-thread-per-element WGSL kernel whose metadata starts with the element count:
 * the storage bindings in order, then `dims` (the int32 metadata, see `metaBuffer`), the linear
 * index `i`, `n = dims[0]`, and an early return for the threads past `n`.
 */
import { LINEAR_BUILTINS, LINEAR_INDEX, WORKGROUP } from './dispatch';

/**
 * WGSL of a kernel with the `reads` (read-only) and then the `writes` (read_write) storage arrays
 * bound at 0, 1, … in that order, `dims` after them, and `body` run by each thread `i < n` (the body
 * sees `i`, `n` and `dims`). Each record maps a WGSL variable to its type, e.g. `{ src: 'array<f32>' }`.
 *
 * @example
 * const wgsl = linearKernel({ x: 'array<f32>' }, { out: 'array<f32>' }, 'out[i] = -x[i];');
 */
export function linearKernel(reads: Readonly<Record<string, string>>, writes: Readonly<Record<string, string>>, body: string): string {
  const storage = [...Object.entries(reads).map(([name, type]) => ({ name, type, access: 'read' })), ...Object.entries(writes).map(([name, type]) => ({ name, type, access: 'read_write' }))];
  return `${storage.map((b, k) => `@group(0) @binding(${k}) var<storage, ${b.access}> ${b.name}: ${b.type};`).join('\n')}
@group(0) @binding(${storage.length}) var<storage, read> dims: array<i32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  let n = u32(dims[0]);
  if (i >= n) { return; }
  ${body}
}`;
}
