/**
 * The autograd GPU suites' device: Dawn from the `webgpu` package on SwiftShader (the root vitest config
 * points VK_ICD_FILENAMES / LD_LIBRARY_PATH at Debian's chromium). Without an adapter the suites
 * skip locally, but fail under CI=true, where chromium (and so SwiftShader) is installed.
 */
import { afterAll } from 'vitest';
import { initWebGPU, releaseWebGPU } from '@descent/tensor/webgpu-node';

/** Whether an adapter was found. */
export const hasGPU = await initWebGPU();
if (!hasGPU) {
  if (process.env.CI === 'true') throw new Error('[webgpu tests] no WebGPU adapter found under CI=true (SwiftShader from chromium is expected)');
  console.warn('[webgpu tests] skipped: no WebGPU adapter');
}

afterAll(() => releaseWebGPU());

/** Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-4, atol = 1e-5, what = ''): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length} ≠ expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) throw new Error(`${what} element ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}
