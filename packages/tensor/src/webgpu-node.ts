/**
 * `@descent/tensor/webgpu-node`: WebGPU in Node through Dawn (the optional `webgpu` package).
 *
 * Import this entry only in Node; browsers use `initWebGPU` from `@descent/tensor`, which finds
 * `navigator.gpu`. The `webgpu` package is an optional peer dependency, loaded on the first call, so
 * CPU users install nothing more. The device lands in `@descent/tensor`'s own runtime (this entry
 * imports the package by name, so both entries share one device).
 *
 * Without a hardware driver, Dawn can run on SwiftShader, the software Vulkan driver Debian's
 * `chromium` package ships: start Node with `VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json`
 * and, when the system has no Vulkan loader, `LD_LIBRARY_PATH=/usr/lib/chromium` (the loader path is
 * read when the process starts, so it cannot be set from inside).
 */
import { initWebGPU as initWithGPU } from '@descent/tensor';
import type { WebGPUInitOptions } from '@descent/tensor';

export { releaseWebGPU, webgpuInfo } from '@descent/tensor';
export type { WebGPUInfo, WebGPUInitOptions } from '@descent/tensor';

/** Options of the Node {@link initWebGPU}. */
export interface NodeWebGPUOptions extends WebGPUInitOptions {
  /** Dawn's creation flags, e.g. `['backend=vulkan']` (passed to the `webgpu` package's `create`). */
  dawnFlags?: readonly string[];
}

/**
 * Loads Dawn and finds an adapter; resolves `false` when the `webgpu` package is not installed or no
 * adapter is found (asking for the device then throws an Error that says which).
 *
 * @example
 * import { initWebGPU } from '@descent/tensor/webgpu-node';
 * if (!(await initWebGPU())) console.log('CPU only');
 */
export async function initWebGPU(options: NodeWebGPUOptions = {}): Promise<boolean> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`initWebGPU(): options must be an object, got ${String(options)}`);
  const { dawnFlags = [], ...rest } = options;
  if (rest.gpu !== undefined) return initWithGPU(rest);
  const load = async (): Promise<unknown> => {
    try {
      const dawn = await import('webgpu');
      return dawn.create([...dawnFlags]);
    } catch (error) {
      throw new Error(`the optional peer dependency "webgpu" could not be loaded (${error instanceof Error ? error.message : String(error)}); install it with \`npm install webgpu\``);
    }
  };
  return initWithGPU({ ...rest, gpu: load });
}
