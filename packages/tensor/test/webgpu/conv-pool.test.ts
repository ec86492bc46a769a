/**
 * The convolution and pooling free functions on 'webgpu' against the CPU kernels on the same random
 * inputs (float32 tolerance): im2col / col2im, conv2d forward and both gradients (stride, padding,
 * dilation, groups, depthwise, strided inputs), max pooling with indices and its scatter backward
 * (ties, NaN, padding, ceil-mode windows), adaptive average / max pooling and their gradients.
 */
import { describe, expect, it } from 'vitest';
import {
  adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward, adaptiveMaxPool2dForward, col2im, conv2dBackwardInput, conv2dBackwardWeight,
  conv2dForward, im2col, im2colOutputSize, manualSeed, maxPool2dBackward, maxPool2dForward, maxPool2dIndices, randint, randn, tensor,
} from '../../src/index';
import type { Im2colGeometry, MaxPool2dGeometry, Tensor } from '../../src/index';
import { conv2dBackwardInputGPU, conv2dBackwardWeightGPU, conv2dGPU } from '../../src/webgpu/conv2d';
import { readback } from '../../src/webgpu/array';
import { windowOf } from '../../src/device/gpu-conv';
import { expectClose, gpu as context, hasGPU, toGPU } from './device';

const gpu = (t: Tensor): Tensor => t.to('webgpu');

async function expectSame(actual: Tensor, expected: Tensor, rtol = 1e-5, atol = 1e-5): Promise<void> {
  expect(actual.device).toBe('webgpu');
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  expectClose(await actual.dataAsync(), expected.dataSync(), rtol, atol);
}

interface ConvCase {
  name: string;
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  groups: number;
  geo: Im2colGeometry;
}

const geo = (k: [number, number], stride: [number, number] = [1, 1], padding: [number, number, number, number] = [0, 0, 0, 0], dilation: [number, number] = [1, 1]): Im2colGeometry =>
  ({ kernel: k, stride, padding, dilation });

const CASES: ConvCase[] = [
  { name: '3×3, padding 1', n: 2, c: 3, h: 7, w: 6, o: 4, groups: 1, geo: geo([3, 3], [1, 1], [1, 1, 1, 1]) },
  { name: 'stride 2, asymmetric padding', n: 3, c: 2, h: 9, w: 8, o: 5, groups: 1, geo: geo([3, 2], [2, 2], [1, 2, 0, 1]) },
  { name: 'dilation 2, stride (1, 2)', n: 2, c: 2, h: 10, w: 9, o: 3, groups: 1, geo: geo([3, 3], [1, 2], [2, 2, 2, 2], [2, 2]) },
  { name: 'groups 2', n: 2, c: 4, h: 6, w: 6, o: 6, groups: 2, geo: geo([3, 3], [1, 1], [1, 1, 1, 1]) },
  { name: 'depthwise', n: 2, c: 5, h: 5, w: 7, o: 5, groups: 5, geo: geo([3, 3], [2, 1], [1, 1, 1, 1]) },
  { name: '1×1, width 1 (conv1d-like)', n: 4, c: 3, h: 1, w: 11, o: 2, groups: 1, geo: geo([1, 3], [1, 1], [0, 0, 1, 1]) },
];

describe.runIf(hasGPU)("convolution kernels on 'webgpu' match the CPU", () => {
  manualSeed(21);

  for (const k of CASES) {
    it(`im2col / col2im: ${k.name}`, async () => {
      const x = randn([k.n, k.c, k.h, k.w]);
      await expectSame(im2col(gpu(x), k.geo), im2col(x, k.geo), 0, 0);
      const cols = im2col(x, k.geo);
      await expectSame(col2im(gpu(cols), k.geo, k.h, k.w), col2im(cols, k.geo, k.h, k.w));
    });

    it(`conv2d forward, input and weight gradients: ${k.name}`, async () => {
      const x = randn([k.n, k.c, k.h, k.w]);
      const w = randn([k.o, k.c / k.groups, k.geo.kernel[0], k.geo.kernel[1]]);
      const b = randn([k.o]);
      await expectSame(conv2dForward(gpu(x), gpu(w), gpu(b), k.geo, k.groups), conv2dForward(x, w, b, k.geo, k.groups), 1e-4, 1e-4);
      await expectSame(conv2dForward(gpu(x), gpu(w), null, k.geo, k.groups), conv2dForward(x, w, null, k.geo, k.groups), 1e-4, 1e-4);
      const [oh, ow] = im2colOutputSize(k.h, k.w, k.geo);
      const g = randn([k.n, k.o, oh, ow]);
      await expectSame(conv2dBackwardInput(gpu(g), gpu(w), k.geo, k.groups, k.h, k.w), conv2dBackwardInput(g, w, k.geo, k.groups, k.h, k.w), 1e-4, 1e-4);
      await expectSame(conv2dBackwardWeight(gpu(g), gpu(x), k.geo, k.groups), conv2dBackwardWeight(g, x, k.geo, k.groups), 1e-4, 1e-4);
    });
  }

  it('reads strided inputs (a permuted x, a transposed weight, an expanded gradient)', async () => {
    const g1 = geo([3, 3], [1, 1], [1, 1, 1, 1]);
    const xg = gpu(randn([5, 2, 6, 3]));
    const wg = gpu(randn([3, 4, 3, 3]));
    const xc = await xg.toAsync('cpu');
    const wc = await wg.toAsync('cpu');
    const xs = xg.permute([0, 3, 2, 1]); // [5, 3, 6, 2], not contiguous
    const ws = wg.transpose(0, 1); // [4, 3, 3, 3], not contiguous
    await expectSame(conv2dForward(xs, ws, null, g1, 1), conv2dForward(xc.permute([0, 3, 2, 1]), wc.transpose(0, 1), null, g1, 1), 1e-4, 1e-4);
    const g = randn([1, 4, 1, 1]).expand([5, 4, 6, 2]);
    await expectSame(conv2dBackwardWeight(gpu(g).expand([5, 4, 6, 2]), xs, g1, 1), conv2dBackwardWeight(g, xc.permute([0, 3, 2, 1]), g1, 1), 1e-4, 1e-4);
    const gSmall = randn([1, 4, 1, 1]);
    await expectSame(conv2dBackwardInput(gpu(gSmall).expand([5, 4, 6, 2]), ws, g1, 1, 6, 2), conv2dBackwardInput(gSmall.expand([5, 4, 6, 2]), wc.transpose(0, 1), g1, 1, 6, 2), 1e-4, 1e-4);
  });

  it('takes the samples in chunks when the columns pass the budget (forward, input and weight gradients)', async () => {
    for (const k of [CASES[1]!, CASES[3]!]) {
      const x = randn([k.n + 2, k.c, k.h, k.w]);
      const w = randn([k.o, k.c / k.groups, k.geo.kernel[0], k.geo.kernel[1]]);
      const b = randn([k.o]);
      const win = windowOf(k.geo, k.h, k.w);
      const g = randn([k.n + 2, k.o, win.outH, win.outW]);
      // Two samples' columns per chunk: chunks of 2, 2 and 1 for 5 samples.
      const budget = 2 * k.c * k.geo.kernel[0] * k.geo.kernel[1] * win.outH * win.outW;
      const ctx = context();
      expectClose(await readback(ctx, conv2dGPU(ctx, toGPU(x), toGPU(w), toGPU(b), win, k.groups, budget)), conv2dForward(x, w, b, k.geo, k.groups).dataSync(), 1e-4, 1e-4);
      expectClose(await readback(ctx, conv2dBackwardInputGPU(ctx, toGPU(g), toGPU(w), win, k.groups, k.h, k.w, budget)), conv2dBackwardInput(g, w, k.geo, k.groups, k.h, k.w).dataSync(), 1e-4, 1e-4);
      expectClose(await readback(ctx, conv2dBackwardWeightGPU(ctx, toGPU(g), toGPU(x), win, k.groups, budget)), conv2dBackwardWeight(g, x, k.geo, k.groups).dataSync(), 1e-4, 1e-4);
    }
  });

  it('refuses operands on two devices', () => {
    const x = randn([1, 1, 4, 4]);
    const w = randn([1, 1, 3, 3]);
    expect(() => conv2dForward(gpu(x), w, null, geo([3, 3]), 1)).toThrow('Expected all tensors to be on the same device');
  });
});

const pool = (k: [number, number], stride: [number, number], padding: [number, number], dilation: [number, number], h: number, w: number, ceil = false): MaxPool2dGeometry => {
  const size = (n: number, d: number): number => {
    const span = n + 2 * (padding[d] as number) - (dilation[d] as number) * ((k[d] as number) - 1) - 1;
    let out = (ceil ? Math.ceil(span / (stride[d] as number)) : Math.floor(span / (stride[d] as number))) + 1;
    if (ceil && (out - 1) * (stride[d] as number) >= n + (padding[d] as number)) out--;
    return out;
  };
  return { kernel: k, stride, padding, dilation, outH: size(h, 0), outW: size(w, 1) };
};

describe.runIf(hasGPU)("pooling kernels on 'webgpu' match the CPU", () => {
  manualSeed(22);
  const POOLS: [string, number, number, MaxPool2dGeometry][] = [
    ['2×2 stride 2', 6, 8, pool([2, 2], [2, 2], [0, 0], [1, 1], 6, 8)],
    ['3×3 stride 2 padding 1', 7, 7, pool([3, 3], [2, 2], [1, 1], [1, 1], 7, 7)],
    ['overlapping 3×2 stride 1, dilation (2, 1)', 8, 6, pool([3, 2], [1, 1], [1, 0], [2, 1], 8, 6)],
    ['ceil mode', 7, 5, pool([2, 2], [2, 2], [0, 0], [1, 1], 7, 5, true)],
  ];

  for (const [name, h, w, g] of POOLS) {
    it(`max pooling forward and backward: ${name}`, async () => {
      const x = randn([2, 3, h, w]);
      const cpu = maxPool2dForward(x, g);
      const dev = maxPool2dForward(gpu(x), g);
      await expectSame(dev.values, cpu.values, 0, 0);
      await expectSame(dev.indices, cpu.indices, 0, 0);
      const grad = randn(cpu.values.shape);
      await expectSame(maxPool2dBackward(gpu(grad), dev.indices, h, w), maxPool2dBackward(grad, cpu.indices, h, w), 1e-6, 1e-6);
    });
  }

  it('max pooling: ties pick the first tap, NaN wins, overlapping windows add in order', async () => {
    // Integer-valued input: many ties; windows of stride 1 overlap, so one position gets several gradients.
    const x = randint(0, 3, [2, 2, 5, 5]).float();
    x.storage.data[7] = Number.NaN;
    const g = pool([3, 3], [1, 1], [1, 1], [1, 1], 5, 5);
    const cpu = maxPool2dForward(x, g);
    const dev = maxPool2dForward(gpu(x), g);
    await expectSame(dev.values, cpu.values, 0, 0);
    await expectSame(dev.indices, cpu.indices, 0, 0);
    const grad = randn(cpu.values.shape);
    await expectSame(maxPool2dBackward(gpu(grad), dev.indices, 5, 5), maxPool2dBackward(grad, cpu.indices, 5, 5), 0, 0);
    const ints = randint(-4, 4, [1, 2, 6, 6]);
    await expectSame(maxPool2dIndices(gpu(ints), pool([2, 3], [2, 2], [1, 1], [1, 1], 6, 6)), maxPool2dIndices(ints, pool([2, 3], [2, 2], [1, 1], [1, 1], 6, 6)), 0, 0);
  });

  it('max pooling reads a strided input and an expanded gradient', async () => {
    const x = randn([3, 2, 6, 6]);
    const g = pool([2, 2], [2, 2], [0, 0], [1, 1], 6, 6);
    const xt = x.transpose(2, 3);
    const cpu = maxPool2dForward(xt, g);
    const dev = maxPool2dForward(gpu(x).transpose(2, 3), g);
    await expectSame(dev.values, cpu.values, 0, 0);
    await expectSame(dev.indices, cpu.indices, 0, 0);
    const grad = tensor([0.25]).expand([3, 2, 3, 3]);
    await expectSame(maxPool2dBackward(gpu(tensor([0.25])).expand([3, 2, 3, 3]), dev.indices, 6, 6), maxPool2dBackward(grad, cpu.indices, 6, 6), 0, 0);
  });

  for (const [h, w, oh, ow] of [[7, 5, 3, 2], [6, 6, 1, 1], [5, 9, 4, 7], [4, 4, 6, 5]] as const) {
    it(`adaptive pooling ${h}×${w} → ${oh}×${ow}: avg forward / backward, max forward / backward`, async () => {
      const x = randn([2, 3, h, w]);
      await expectSame(adaptiveAvgPool2dForward(gpu(x), oh, ow), adaptiveAvgPool2dForward(x, oh, ow), 1e-5, 1e-6);
      const g = randn([2, 3, oh, ow]);
      await expectSame(adaptiveAvgPool2dBackward(gpu(g), h, w), adaptiveAvgPool2dBackward(g, h, w), 1e-5, 1e-6);
      const cpu = adaptiveMaxPool2dForward(x, oh, ow);
      const dev = adaptiveMaxPool2dForward(gpu(x), oh, ow);
      await expectSame(dev.values, cpu.values, 0, 0);
      await expectSame(dev.indices, cpu.indices, 0, 0);
      await expectSame(maxPool2dBackward(gpu(g), dev.indices, h, w), maxPool2dBackward(g, cpu.indices, h, w), 0, 0);
      // A transposed input.
      await expectSame(adaptiveAvgPool2dForward(gpu(x).transpose(2, 3), ow, oh), adaptiveAvgPool2dForward(x.transpose(2, 3), ow, oh), 1e-5, 1e-6);
    });
  }
});
