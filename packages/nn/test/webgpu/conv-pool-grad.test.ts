/**
 * nn's convolution, pooling, pad and unfold / fold on 'webgpu' against the same calls on the CPU:
 * outputs and autograd gradients of every input (x, weight, bias) for several configurations each,
 * on the same random values; a weighted sum is the loss, so every output element's gradient differs.
 */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { functional as F } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

type Op = (...xs: Tensor[]) => Tensor;

/** Runs `op` on leaf copies of `inputs` on each device; compares outputs and every input's gradient. */
async function expectSameWithGrads(what: string, op: Op, inputs: Tensor[], rtol = 1e-4, atol = 1e-4): Promise<void> {
  const leaves = (device: 'cpu' | 'webgpu'): Tensor[] =>
    inputs.map((t) => {
      const leaf = device === 'cpu' ? t.clone() : t.to(device);
      leaf.requiresGrad = true;
      return leaf;
    });
  const cpuIn = leaves('cpu');
  const gpuIn = leaves('webgpu');
  const cpuOut = op(...cpuIn);
  const weights = randn(cpuOut.shape);
  cpuOut.mul(weights).sum().backward();
  const gpuOut = op(...gpuIn);
  expect(gpuOut.device).toBe('webgpu');
  expect(gpuOut.shape).toEqual(cpuOut.shape);
  gpuOut.mul(weights.to('webgpu')).sum().backward();
  expectClose(await gpuOut.dataAsync(), cpuOut.dataSync(), rtol, atol, `${what} output`);
  for (let i = 0; i < inputs.length; i++) {
    const g = gpuIn[i]!.grad;
    expect(g?.device).toBe('webgpu');
    expectClose(await g!.dataAsync(), cpuIn[i]!.grad!.dataSync(), rtol, atol, `${what} grad ${i}`);
  }
}

describe.runIf(hasGPU)("nn convolutions on 'webgpu' match the CPU, gradients included", () => {
  manualSeed(31);

  it('conv2d: padding, stride, dilation, groups, depthwise, bias', async () => {
    const x = randn([2, 4, 7, 6]);
    await expectSameWithGrads('conv2d 3×3 p1', (a, w, b) => F.conv2d(a, w, b, { padding: 1 }), [x, randn([5, 4, 3, 3]), randn([5])]);
    await expectSameWithGrads('conv2d s2 d2', (a, w, b) => F.conv2d(a, w, b, { stride: 2, dilation: 2, padding: [2, 1] }), [x, randn([3, 4, 3, 2]), randn([3])]);
    await expectSameWithGrads('conv2d groups 2', (a, w, b) => F.conv2d(a, w, b, { groups: 2, padding: 'same' }), [x, randn([6, 2, 3, 3]), randn([6])]);
    await expectSameWithGrads('conv2d depthwise', (a, w) => F.conv2d(a, w, null, { groups: 4, stride: [1, 2] }), [x, randn([8, 1, 3, 3])]);
    await expectSameWithGrads('conv2d unbatched', (a, w, b) => F.conv2d(a, w, b), [randn([3, 5, 5]), randn([2, 3, 2, 2]), randn([2])]);
  });

  it('conv2d with reflect / replicate / circular padding modes (through pad)', async () => {
    const x = randn([2, 3, 6, 5]);
    for (const paddingMode of ['reflect', 'replicate', 'circular'] as const) {
      await expectSameWithGrads(`conv2d ${paddingMode}`, (a, w, b) => F.conv2d(a, w, b, { padding: [2, 1], paddingMode }), [x, randn([4, 3, 3, 3]), randn([4])]);
    }
  });

  it('conv1d and convTranspose2d', async () => {
    await expectSameWithGrads('conv1d', (a, w, b) => F.conv1d(a, w, b, { stride: 2, padding: 1 }), [randn([3, 4, 11]), randn([6, 4, 3]), randn([6])]);
    await expectSameWithGrads('conv1d circular', (a, w) => F.conv1d(a, w, null, { padding: 2, paddingMode: 'circular' }), [randn([2, 2, 9]), randn([3, 2, 5])]);
    await expectSameWithGrads('convTranspose2d', (a, w, b) => F.convTranspose2d(a, w, b, { stride: 2, padding: 1, outputPadding: 1 }), [randn([2, 4, 4, 3]), randn([4, 3, 3, 3]), randn([3])]);
    await expectSameWithGrads('convTranspose2d groups', (a, w) => F.convTranspose2d(a, w, null, { groups: 2, dilation: 2 }), [randn([2, 4, 3, 3]), randn([4, 2, 2, 2])]);
  });

  it('unfold / fold and pad in every mode', async () => {
    await expectSameWithGrads('unfold', (a) => F.unfold(a, [2, 3], { stride: 2, padding: 1, dilation: [1, 2] }), [randn([2, 3, 7, 8])]);
    await expectSameWithGrads('fold', (a) => F.fold(a, [5, 6], 2, { stride: 1 }), [randn([2, 12, 20])]);
    const x = randn([2, 3, 5, 4]);
    await expectSameWithGrads('pad constant', (a) => F.pad(a, [1, 2, -1, 3], { value: 0.5 }), [x]);
    for (const mode of ['reflect', 'replicate', 'circular'] as const) await expectSameWithGrads(`pad ${mode}`, (a) => F.pad(a, [2, 1, 3, 0], { mode }), [x]);
  });
});

describe.runIf(hasGPU)("nn pooling on 'webgpu' matches the CPU, gradients included", () => {
  manualSeed(32);

  it('max pooling 2-d and 1-d (padding, dilation, ceil mode, indices)', async () => {
    const x = randn([2, 3, 9, 8]);
    await expectSameWithGrads('maxPool2d 2', (a) => F.maxPool2d(a, 2), [x], 0, 0);
    await expectSameWithGrads('maxPool2d 3 s2 p1 ceil', (a) => F.maxPool2d(a, 3, { stride: 2, padding: 1, ceilMode: true }), [x], 0, 0);
    await expectSameWithGrads('maxPool2d dilation', (a) => F.maxPool2d(a, [2, 3], { stride: 1, dilation: [2, 1] }), [x], 0, 0);
    await expectSameWithGrads('maxPool1d', (a) => F.maxPool1d(a, 3, { stride: 2, padding: 1 }), [randn([2, 4, 13])], 0, 0);
    const [values, indices] = F.maxPool2d(x.to('webgpu'), 2, { returnIndices: true });
    const [cv, ci] = F.maxPool2d(x, 2, { returnIndices: true });
    expectClose(await values.dataAsync(), cv.dataSync(), 0, 0, 'values');
    expect(Array.from(await indices.dataAsync())).toEqual(Array.from(ci.dataSync()));
  });

  it('average pooling (countIncludePad, divisorOverride, ceilMode) 2-d and 1-d', async () => {
    const x = randn([2, 3, 7, 8]);
    await expectSameWithGrads('avgPool2d 2', (a) => F.avgPool2d(a, 2), [x], 1e-5, 1e-6);
    await expectSameWithGrads('avgPool2d p1 no pad count', (a) => F.avgPool2d(a, 3, { stride: 2, padding: 1, countIncludePad: false }), [x], 1e-5, 1e-6);
    await expectSameWithGrads('avgPool2d ceil', (a) => F.avgPool2d(a, [3, 2], { stride: 2, ceilMode: true }), [x], 1e-5, 1e-6);
    await expectSameWithGrads('avgPool2d divisor', (a) => F.avgPool2d(a, 2, { stride: 1, padding: 1, divisorOverride: 3 }), [x], 1e-5, 1e-6);
    await expectSameWithGrads('avgPool1d', (a) => F.avgPool1d(a, 4, { stride: 3, padding: 2, ceilMode: true, countIncludePad: false }), [randn([2, 3, 14])], 1e-5, 1e-6);
  });

  it('adaptive average and max pooling', async () => {
    const x = randn([2, 3, 7, 9]);
    for (const size of [1, [3, 4], [5, null]] as const) {
      await expectSameWithGrads(`adaptiveAvgPool2d ${JSON.stringify(size)}`, (a) => F.adaptiveAvgPool2d(a, size), [x], 1e-5, 1e-6);
      await expectSameWithGrads(`adaptiveMaxPool2d ${JSON.stringify(size)}`, (a) => F.adaptiveMaxPool2d(a, size), [x], 0, 0);
    }
  });
});
