/**
 * nn.functional on GPU tensors against the same functions on the CPU: activations, normalization,
 * losses, embedding, attention and dropout, forward values and the gradients of every float input
 * (through a random cotangent, so that normalizations' input gradients are not trivially 0).
 */
import { describe, expect, it } from 'vitest';
import { grad, manualSeed, rand, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { functional as F } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

type Case = [name: string, f: (xs: Tensor[]) => Tensor, make: () => Tensor[]];

const one = (shape: number[]) => (): Tensor[] => [randn(shape)];
const pair = (): Tensor[] => [randn([3, 4]), randn([3, 4])];
const probs = (): Tensor[] => [randn([3, 4]), rand([3, 4])];
const classes = (): Tensor[] => [randn([3, 4]), tensor([0, 3, 1], { dtype: 'int32' })];
const qkv = (): Tensor[] => [randn([2, 3, 4]), randn([2, 5, 4]), randn([2, 5, 4])];

const CASES: Case[] = [
  ['gelu', ([x]) => F.gelu(x!), one([3, 5])],
  ['gelu tanh', ([x]) => F.gelu(x!, 'tanh'), one([3, 5])],
  ['silu', ([x]) => F.silu(x!), one([3, 5])],
  ['leakyRelu', ([x]) => F.leakyRelu(x!, 0.2), one([3, 5])],
  ['elu', ([x]) => F.elu(x!, 0.7), one([3, 5])],
  ['celu', ([x]) => F.celu(x!, 1.5), one([3, 5])],
  ['selu', ([x]) => F.selu(x!), one([3, 5])],
  ['mish', ([x]) => F.mish(x!), one([3, 5])],
  ['softplus', ([x]) => F.softplus(x!, 2, 1), one([3, 5])],
  ['softsign', ([x]) => F.softsign(x!), one([3, 5])],
  ['hardtanh', ([x]) => F.hardtanh(x!, -0.5, 0.5), one([3, 5])],
  ['relu6', ([x]) => F.relu6(x!.mul(4)), one([3, 5])],
  ['hardsigmoid', ([x]) => F.hardsigmoid(x!.mul(3)), one([3, 5])],
  ['hardswish', ([x]) => F.hardswish(x!.mul(3)), one([3, 5])],
  ['logsigmoid', ([x]) => F.logsigmoid(x!), one([3, 5])],
  ['softmin', ([x]) => F.softmin(x!, 1), one([3, 5])],
  ['normalize', ([x]) => F.normalize(x!), one([3, 5])],
  ['layerNorm', ([x, w, b]) => F.layerNorm(x!, [2, 3], { weight: w!, bias: b! }), () => [randn([4, 2, 3]), randn([2, 3]), randn([2, 3])]],
  ['groupNorm', ([x, w, b]) => F.groupNorm(x!, 2, { weight: w!, bias: b! }), () => [randn([2, 4, 3]), randn([4]), randn([4])]],
  ['layerNorm [3, 700] (groups larger than a workgroup), no affine', ([x]) => F.layerNorm(x!, [700]), one([3, 700])],
  ['layerNorm of a transposed view', ([x, w]) => F.layerNorm(x!.t(), [5], { weight: w! }), () => [randn([5, 4]), randn([5])]],
  ['groupNorm [2, 6, 50], 3 groups', ([x, w, b]) => F.groupNorm(x!, 3, { weight: w!, bias: b! }), () => [randn([2, 6, 50]), randn([6]), randn([6])]],
  ['batchNorm [5, 3, 10, 12] (600 per channel), weight only', ([x, w]) => F.batchNorm(x!, null, null, { weight: w!, training: true }), () => [randn([5, 3, 10, 12]), randn([3])]],
  ['rmsNorm', ([x, w]) => F.rmsNorm(x!, [5], { weight: w! }), () => [randn([3, 5]), randn([5])]],
  ['batchNorm (batch statistics)', ([x, w, b]) => F.batchNorm(x!, null, null, { weight: w!, bias: b!, training: true }), () => [randn([4, 3, 2]), randn([3]), randn([3])]],
  ['mseLoss', ([x, y]) => F.mseLoss(x!, y!), pair],
  ['l1Loss', ([x, y]) => F.l1Loss(x!, y!, { reduction: 'sum' }), pair],
  ['huberLoss', ([x, y]) => F.huberLoss(x!, y!, { delta: 0.5 }), pair],
  ['smoothL1Loss', ([x, y]) => F.smoothL1Loss(x!, y!, { beta: 0.5 }), pair],
  ['binaryCrossEntropy', ([x, y]) => F.binaryCrossEntropy(x!.sigmoid(), y!), probs],
  ['binaryCrossEntropyWithLogits', ([x, y, w]) => F.binaryCrossEntropyWithLogits(x!, y!, { posWeight: w! }), () => [...probs(), rand([4])]],
  ['crossEntropy labelSmoothing', ([x, y]) => F.crossEntropy(x!, y!, { labelSmoothing: 0.1 }), classes],
  ['crossEntropy ignoreIndex', ([x, y]) => F.crossEntropy(x!, y!, { ignoreIndex: 1 }), classes],
  ['crossEntropy weight', ([x, y, w]) => F.crossEntropy(x!, y!, { weight: w! }), () => [...classes(), rand([4])]],
  ['nllLoss', ([x, y]) => F.nllLoss(x!.logSoftmax(1), y!, { reduction: 'sum' }), classes],
  ['embedding paddingIdx', ([w, i]) => F.embedding(i!, w!, { paddingIdx: 0 }), () => [randn([5, 3]), tensor([[0, 2], [4, 2]], { dtype: 'int32' })]],
  ['scaledDotProductAttention', ([q, k, v]) => F.scaledDotProductAttention(q!, k!, v!), qkv],
  ['scaledDotProductAttention isCausal', ([q, k, v]) => F.scaledDotProductAttention(q!, k!, v!, { isCausal: true }), qkv],
  ['scaledDotProductAttention bool mask', ([q, k, v, m]) => F.scaledDotProductAttention(q!, k!, v!, { attnMask: m!.gt(-0.5) }), () => [...qkv(), randn([3, 5])]],
  ['scaledDotProductAttention float mask', ([q, k, v, m]) => F.scaledDotProductAttention(q!, k!, v!, { attnMask: m! }), () => [...qkv(), randn([3, 5])]],
];

/** f on the CPU inputs and on GPU copies: the outputs and every float input's gradient agree. */
async function expectSameOnGPU(f: (xs: Tensor[]) => Tensor, inputs: Tensor[], seed = 0): Promise<void> {
  const cpu = inputs.map((t) => (t.dtype === 'float32' ? t.detach().requiresGrad_() : t));
  const gpu = inputs.map((t) => {
    const g = t.detach().to('webgpu');
    return t.dtype === 'float32' ? g.requiresGrad_() : g;
  });
  manualSeed(seed);
  const expected = f(cpu);
  manualSeed(seed);
  const actual = f(gpu);
  expect(actual.device).toBe('webgpu');
  expectClose(await actual.dataAsync(), expected.dataSync(), 1e-4, 1e-5, 'output');
  manualSeed(99);
  const cotangent = randn(expected.shape);
  expected.backward(cotangent);
  actual.backward(cotangent.to('webgpu'));
  for (let k = 0; k < cpu.length; k++) {
    const want = cpu[k]!.grad;
    if (want === null) continue;
    const got = gpu[k]!.grad;
    expect(got?.device, `input ${k} has a gradient on webgpu`).toBe('webgpu');
    expectClose(await got!.dataAsync(), want.dataSync(), 1e-4, 1e-5, `grad of input ${k}`);
  }
}

describe.runIf(hasGPU)('nn.functional on webgpu', () => {
  it.each(CASES)('%s matches the CPU (forward and gradients)', async (_name, f, make) => {
    manualSeed(1);
    await expectSameOnGPU(f, make());
  });

  it("normalizations with batch statistics record the fused nodes on webgpu (the GPU's fused kernels)", () => {
    manualSeed(4);
    const x = randn([2, 4, 3]).to('webgpu').requiresGrad_();
    expect(F.layerNorm(x, [3]).gradFn?.name).toBe('NativeLayerNormBackward0');
    expect(F.groupNorm(x, 2).gradFn?.name).toBe('NativeGroupNormBackward0');
    expect(F.batchNorm(x, null, null, { training: true }).gradFn?.name).toBe('NativeBatchNormBackward0');
  });

  it('layerNorm and groupNorm second derivatives (createGraph) on webgpu match the CPU', async () => {
    manualSeed(8);
    const inputs = [randn([3, 2, 4]), randn([2, 4]), randn([2])];
    for (const f of [([x, w]: Tensor[]) => F.layerNorm(x!, [2, 4], { weight: w! }), ([x, , b]: Tensor[]) => F.groupNorm(x!, 1, { bias: b! })]) {
      const secondOrder = (device: 'cpu' | 'webgpu'): Tensor[] => {
        const xs = inputs.map((t) => t.detach().to(device).requiresGrad_());
        const y = f(xs);
        const [gx] = grad(y.mul(y).sum(), [xs[0]!], { createGraph: true });
        gx!.mul(gx!).sum().backward();
        return xs.map((t) => t.grad ?? tensor(0).to(device));
      };
      const cpu = secondOrder('cpu');
      const gpu = secondOrder('webgpu');
      for (let k = 0; k < cpu.length; k++) expectClose(await gpu[k]!.dataAsync(), cpu[k]!.dataSync(), 1e-3, 1e-4, `second-order grad ${k}`);
    }
  });

  it.each([
    ['elu', (x: Tensor) => F.elu(x, 0.7)],
    ['softplus', (x: Tensor) => F.softplus(x, 2, 1)],
    ['gelu', (x: Tensor) => F.gelu(x)],
    ['gelu tanh', (x: Tensor) => F.gelu(x, 'tanh')],
    ['silu', (x: Tensor) => F.silu(x)],
    ['mish', (x: Tensor) => F.mish(x)],
    ['logsigmoid', (x: Tensor) => F.logsigmoid(x)],
    ['softsign', (x: Tensor) => F.softsign(x)],
    ['hardswish', (x: Tensor) => F.hardswish(x.mul(3))],
  ] as [string, (x: Tensor) => Tensor][])('%s second derivative (createGraph) on webgpu matches the CPU', async (_name, f) => {
    manualSeed(9);
    const input = randn([2, 5]);
    const secondOrder = (device: 'cpu' | 'webgpu'): Tensor => {
      const x = input.detach().to(device).requiresGrad_();
      const [gx] = grad(f(x).sum(), [x], { createGraph: true });
      gx!.square().sum().backward();
      return x.grad!;
    };
    const cpu = secondOrder('cpu');
    expectClose(await secondOrder('webgpu').dataAsync(), cpu.dataSync(), 1e-4, 1e-5, 'second-order grad');
  });

  it('embedding gives the padding row no gradient on webgpu', async () => {
    manualSeed(2);
    const weight = randn([4, 3]).to('webgpu').requiresGrad_();
    F.embedding(tensor([1, 0, 1], { dtype: 'int32' }).to('webgpu'), weight, { paddingIdx: 1 }).sum().backward();
    expect(Array.from(await weight.grad!.dataAsync())).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('dropout and dropout2d draw the CPU stream: the same elements as on the CPU after the same seed', async () => {
    manualSeed(3);
    const x = randn([4, 3, 2, 2]);
    await expectSameOnGPU(([t]) => F.dropout(t!, { p: 0.4 }), [x], 5);
    await expectSameOnGPU(([t]) => F.dropout2d(t!, { p: 0.4 }), [x], 6);
    await expectSameOnGPU(([q, k, v]) => F.scaledDotProductAttention(q!, k!, v!, { dropoutP: 0.3 }), qkv(), 7);
  });
});
