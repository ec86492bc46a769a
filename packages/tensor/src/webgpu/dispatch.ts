/// <reference types="@webgpu/types" />
/** Recording one kernel launch: pipeline from the cache, a bind group, a grid that fits the device. */
import type { GPUContext } from './runtime';
import { writeScratch } from './array';
import { STORAGE_USAGE } from './pool';

/** Threads per workgroup of the one-thread-per-element kernels. */
export const WORKGROUP = 256;

/**
 * A grid of `count` workgroups within `maxComputeWorkgroupsPerDimension`: x first, then y rows.
 * Kernels recover the linear workgroup as `wid.x + wid.y * nwg.x`.
 */
export function grid(ctx: GPUContext, count: number): [number, number] {
  const max = ctx.info.maxComputeWorkgroupsPerDimension;
  if (count <= max) return [Math.max(1, count), 1];
  const y = Math.ceil(count / max);
  if (y > max) throw new RangeError(`webgpu: ${count} workgroups exceed the device's ${max}×${max} grid`);
  return [Math.ceil(count / y), y];
}

/** WGSL that turns (workgroup id, grid, local index) into a linear element index `i`. */
export const LINEAR_INDEX = `let i = (wid.x + wid.y * nwg.x) * ${WORKGROUP}u + lid.x;`;

/** The builtins a kernel using {@link LINEAR_INDEX} declares. */
export const LINEAR_BUILTINS = '@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>';

/** Int32 metadata (shapes, strides, offsets) as a read-only storage buffer, returned to the pool after the flush. */
export function metaBuffer(ctx: GPUContext, values: readonly number[]): GPUBuffer {
  return writeScratch(ctx, Int32Array.from(values.length === 0 ? [0] : values), STORAGE_USAGE);
}

/** Records `pipeline(key)` over `workgroups` workgroups with `buffers` bound at 0, 1, 2, … */
export function launch(ctx: GPUContext, key: string, source: () => string, buffers: readonly GPUBuffer[], workgroups: number): void {
  const pipeline = ctx.pipelines.get(key, source);
  const bindGroup = ctx.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const [x, y] = grid(ctx, workgroups);
  ctx.batcher.dispatch(pipeline, bindGroup, x, y);
}

/** WGSL element type of a GPU dtype (bool is u32). */
export function wgslType(dtype: 'float32' | 'int32' | 'bool'): 'f32' | 'i32' | 'u32' {
  return dtype === 'float32' ? 'f32' : dtype === 'int32' ? 'i32' : 'u32';
}
