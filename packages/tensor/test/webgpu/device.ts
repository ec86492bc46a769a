/**
 * The GPU suites' device: Dawn from the `webgpu` package, on SwiftShader when there is no hardware
 * driver (the root vitest config points VK_ICD_FILENAMES / LD_LIBRARY_PATH at Debian's chromium).
 * Suites skip only when no adapter is found, and say why (under CI=true they fail instead).
 */
import { afterAll } from 'vitest';
import { initWebGPU, releaseWebGPU } from '../../src/webgpu-node';
import { webgpuContext } from '../../src/webgpu/runtime';
import type { GPUContext } from '../../src/webgpu/runtime';
import { upload } from '../../src/webgpu/array';
import type { GPUView } from '../../src/webgpu/array';
import type { Tensor } from '../../src/tensor';

/** Whether an adapter was found. */
export const hasGPU = await initWebGPU();
if (!hasGPU) {
  let reason = '';
  try {
    webgpuContext();
  } catch (error) {
    reason = (error as Error).message;
  }
  // CI installs chromium, so SwiftShader is there: a missing adapter is a failure, not a skip.
  if (process.env.CI === 'true') throw new Error(`[webgpu tests] no WebGPU adapter under CI=true: ${reason}`);
  console.warn(`[webgpu tests] skipped: ${reason} (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? ''}, LD_LIBRARY_PATH=${process.env.LD_LIBRARY_PATH ?? ''})`);
}

// Destroying the device lets the worker exit cleanly (a live Dawn device crashes it at exit).
afterAll(() => releaseWebGPU());

/** The context (only call inside a suite that runs). */
export function gpu(): GPUContext {
  return webgpuContext();
}

/** The tensor's whole storage on the GPU, viewed with the tensor's own shape, strides and offset. */
export function toGPU(t: Tensor): GPUView {
  const array = upload(gpu(), t.storage.data, t.dtype);
  return { array, shape: t.shape, strides: t.strides, offset: t.offset };
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise (NaN matches NaN). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, atol = 1e-6): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) throw new Error(`element ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}
