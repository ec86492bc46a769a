/**
 * WebGPU's usage and map-mode bit flags as numbers, so the GPU layer does not depend on the
 * `GPUBufferUsage` / `GPUMapMode` globals (Node's `webgpu` package does not install them unless asked).
 * The values are fixed by the WebGPU specification.
 */
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

/** `GPUMapMode.READ`. */
export const MAP_READ_MODE = 0x0001;
