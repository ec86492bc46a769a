import { zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { functional as F } from '@descent/nn';
import { initWebGPU } from '@descent/tensor';

/** Whether the page can train on the GPU, or why not. */
export type GPUAvailability = { available: true } | { available: false; reason: string };

let probe: Promise<GPUAvailability> | undefined;

/**
 * Looks for a WebGPU adapter once (`initWebGPU()` on `navigator.gpu`) and remembers the answer:
 * found, or why the page cannot use the GPU (no WebGPU in this browser, no adapter).
 */
export function gpuAvailability(): Promise<GPUAvailability> {
  probe ??= (async (): Promise<GPUAvailability> => {
    if (typeof navigator === 'undefined' || !('gpu' in navigator) || navigator.gpu === undefined)
      return {
        available: false,
        reason: 'this browser has no WebGPU (navigator.gpu is undefined)',
      };
    try {
      if (await initWebGPU()) return { available: true };
      return {
        available: false,
        reason: 'no WebGPU adapter was found (requestAdapter() returned null)',
      };
    } catch (error) {
      return { available: false, reason: messageOf(error) };
    }
  })();
  return probe;
}

/**
 * Runs a tiny computation on the GPU (after {@link gpuAvailability} found an adapter) and returns
 * `null` when it works, else the error's message, e.g. "Adagrad.step() is not implemented on
 * webgpu yet": what a control shows when an option cannot run on the GPU.
 */
export async function gpuUnsupported(run: () => unknown): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return messageOf(error);
  }
}

/**
 * Why an optimizer cannot train on the GPU (one step on a small GPU parameter throws, e.g.
 * "Adagrad.step() is not implemented on webgpu yet"), or `null` when it can.
 */
export function optimizerGPUReason(
  make: (params: Tensor[]) => { step(): unknown },
): Promise<string | null> {
  return gpuUnsupported(async () => {
    const p = zeros([4]).to('webgpu');
    p.requiresGrad = true;
    p.mul(2).sum().backward();
    make([p]).step();
    await p.dataAsync();
  });
}

/**
 * Why the convnet's layers cannot run on the GPU (what a tiny 3×3 convolution, ReLU and 2×2 max
 * pooling, forward and backward, threw there, e.g. "conv2d() is not implemented on webgpu"), or
 * `null` when they can.
 */
export function convLayersGPUReason(): Promise<string | null> {
  return gpuUnsupported(async () => {
    const x = zeros([1, 1, 4, 4]).to('webgpu');
    const w = zeros([2, 1, 3, 3]).to('webgpu');
    w.requiresGrad = true;
    F.maxPool2d(F.conv2d(x, w, null, { padding: 1 }).relu(), 2)
      .sum()
      .backward();
    await w.grad?.dataAsync();
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
