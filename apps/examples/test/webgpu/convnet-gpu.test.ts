import { describe, expect, it } from 'vitest';
import { ConvNetTrainer, digitsImages } from '../../src/chapters/convnet';
import type { ConvNetOptimizerName, ConvNetRun } from '../../src/chapters/convnet';
import { convLayersGPUReason, optimizerGPUReason } from '../../src/web/gpu-device';
import { CONVNET_OPTIMIZERS } from '../../src/chapters/convnet';
import { hasGPU } from './gpu-device';

/** Whether the convnet's layers run on the GPU (the same try as the page's switch), or why not. */
const layersReason = hasGPU ? await convLayersGPUReason() : 'no adapter';

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

/** 8 updates of batch 32 with a point every 4, on `device` (SwiftShader takes about 1 s an update). */
async function run(name: ConvNetOptimizerName, device: 'cpu' | 'webgpu'): Promise<ConvNetRun> {
  const data = digitsImages(0);
  const trainer = new ConvNetTrainer(data, name, {
    seed: 0,
    epochs: 1,
    batchSize: 32,
    evalEvery: 4,
    device,
  });
  for (let i = 0; i < 8; i++) await trainer.stepAsync();
  return trainer.run;
}

describe.runIf(hasGPU)("the page's convnet trainer on 'webgpu'", () => {
  it('refuses the synchronous step on the GPU, naming the asynchronous one', () => {
    const trainer = new ConvNetTrainer(digitsImages(0), 'SGD', {
      seed: 0,
      epochs: 1,
      batchSize: 32,
      device: 'webgpu',
    });
    expect(() => trainer.step()).toThrow(
      'ConvNetTrainer.step(): the model is on webgpu; use await stepAsync()',
    );
  });

  it("runs the convnet's layers there (the page's switch is enabled)", () => {
    expect(layersReason).toBeNull();
  });

  for (const { name } of CONVNET_OPTIMIZERS) {
    it(`${name}: the same losses, accuracies and filters as on the CPU`, async () => {
      const reason = await optimizerGPUReason((p) =>
        CONVNET_OPTIMIZERS.find((o) => o.name === name)!.make(p, 0.01),
      );
      // Every optimizer of the chapter steps on the GPU (the page would untick one that cannot).
      expect(reason).toBeNull();
      const cpu = await run(name, 'cpu');
      const gpu = await run(name, 'webgpu');
      expectClose(gpu.losses, cpu.losses, 1e-3, 1e-5, `${name} losses`);
      expectClose(
        gpu.points.map((p) => p.accuracy),
        cpu.points.map((p) => p.accuracy),
        0,
        2 / 360 + 1e-12,
        `${name} accuracies`,
      );
      // Weights of order 0.3 after 8 updates with float32 sums in other orders (the CPU's TypeScript
      // kernels under DESCENT_WASM=0 differ from the GPU's by up to 1.5e-5 on a weight near zero).
      expectClose(gpu.filters.flat(), cpu.filters.flat(), 1e-3, 1e-4, `${name} filters`);
      expect(gpu.initialFilters).toEqual(cpu.initialFilters);
    }, 120_000);
  }
});
