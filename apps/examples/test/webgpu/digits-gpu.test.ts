import { describe, expect, it } from 'vitest';
import { trainDigits } from '../../src/chapters/digits-training';
import { hasGPU } from './gpu-device';

/** |a − e| ≤ atol + rtol·|e| element-wise, naming the first element that is not. */
function expectClose(
  actual: number[],
  expected: number[],
  rtol: number,
  atol: number,
  what: string,
): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e)))
      throw new Error(`${what} element ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

describe.runIf(hasGPU)("the page's digits training on 'webgpu'", () => {
  // The optimizers that step on the GPU (SGD with and without momentum, Adam); the page's switch
  // offers the GPU only for them.
  for (const name of ['SGD', 'Momentum', 'Adam']) {
    it(`${name}: the same loss curve and accuracies as on the CPU`, async () => {
      const options = { seed: 0, epochs: 2, optimizers: [name] };
      const [cpu] = await trainDigits({ ...options, device: 'cpu' });
      const [gpu] = await trainDigits({ ...options, device: 'webgpu' });
      expect(cpu!.losses[1]!).toBeLessThan(cpu!.losses[0]!);
      // Each epoch's mean loss to float32 rounding (45 updates an epoch).
      expectClose(gpu!.losses, cpu!.losses, 1e-3, 1e-5, `${name} losses`);
      // 360 test digits: at most one prediction may flip on a near-tie.
      expectClose(gpu!.accuracies, cpu!.accuracies, 0, 1 / 360 + 1e-12, `${name} accuracies`);
    }, 120_000);
  }
});
