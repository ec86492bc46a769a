/**
 * The examples' GPU suites' device: Dawn from the `webgpu` package on SwiftShader (the root vitest
 * config points VK_ICD_FILENAMES / LD_LIBRARY_PATH at Debian's chromium). Without an adapter the
 * suites skip locally, but fail under CI=true, where chromium (and so SwiftShader) is installed.
 */
import { afterAll } from 'vitest';
import { initWebGPU, releaseWebGPU } from '@descent/tensor/webgpu-node';

/** Whether an adapter was found. */
export const hasGPU = await initWebGPU();
if (!hasGPU) {
  if (process.env.CI === 'true')
    throw new Error(
      '[webgpu tests] no WebGPU adapter found under CI=true (SwiftShader from chromium is expected)',
    );
  console.warn('[webgpu tests] skipped: no WebGPU adapter');
}

afterAll(() => releaseWebGPU());
