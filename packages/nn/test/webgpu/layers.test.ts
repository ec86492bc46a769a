/**
 * Normalization, embedding and attention modules moved to webgpu against the same modules on the
 * CPU: outputs, parameter and input gradients, and BatchNorm's running statistics (train, then eval).
 */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { BatchNorm1d, BatchNorm2d, Embedding, GroupNorm, LayerNorm, MultiheadAttention, RMSNorm, TransformerEncoderLayer } from '../../src/index';
import type { Module } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

type AnyModule = Module<never[], unknown>;

/** Two copies of a module (same seed), the second on webgpu, with random affine parameters. */
function twins<M extends AnyModule>(make: () => M): [M, M] {
  manualSeed(10);
  const cpu = make();
  manualSeed(10);
  const gpu = make();
  manualSeed(11);
  for (const p of cpu.parameters()) p.data = randn(p.shape);
  manualSeed(11);
  for (const p of gpu.parameters()) p.data = randn(p.shape);
  gpu.to('webgpu');
  return [cpu, gpu];
}

/** Runs `forward` on both (inputs copied to the GPU), backpropagates one random cotangent, compares. */
async function expectSameStep<M extends AnyModule>(cpu: M, gpu: M, forward: (m: M, xs: Tensor[]) => Tensor, inputs: Tensor[], atol = 1e-5): Promise<void> {
  const xc = inputs.map((t) => (t.dtype === 'float32' ? t.detach().requiresGrad_() : t));
  const xg = inputs.map((t) => (t.dtype === 'float32' ? t.detach().to('webgpu').requiresGrad_() : t.to('webgpu')));
  const expected = forward(cpu, xc);
  const actual = forward(gpu, xg);
  expect(actual.device).toBe('webgpu');
  expectClose(await actual.dataAsync(), expected.dataSync(), 1e-4, 1e-5, 'output');
  const cotangent = randn(expected.shape);
  expected.backward(cotangent);
  actual.backward(cotangent.to('webgpu'));
  for (let k = 0; k < xc.length; k++) {
    if (xc[k]!.grad === null) continue;
    expectClose(await xg[k]!.grad!.dataAsync(), xc[k]!.grad!.dataSync(), 1e-4, atol, `input ${k} grad`);
  }
  const pc = [...cpu.namedParameters()];
  const pg = [...gpu.namedParameters()];
  for (let k = 0; k < pc.length; k++) {
    const [name, p] = pc[k]!;
    expect(pg[k]![1].grad!.device).toBe('webgpu');
    expectClose(await pg[k]![1].grad!.dataAsync(), p.grad!.dataSync(), 1e-4, atol, `${name} grad`);
  }
  cpu.zeroGrad();
  gpu.zeroGrad();
}

async function expectSameBuffers(cpu: AnyModule, gpu: AnyModule): Promise<void> {
  const bc = [...cpu.namedBuffers()];
  const bg = [...gpu.namedBuffers()];
  expect(bg.map(([n]) => n)).toEqual(bc.map(([n]) => n));
  for (let k = 0; k < bc.length; k++) {
    expect(bg[k]![1].device).toBe('webgpu');
    expectClose(await bg[k]![1].dataAsync(), bc[k]![1].dataSync(), 1e-5, 1e-6, bc[k]![0]);
  }
}

const single = (m: Module, [x]: Tensor[]): Tensor => m.forward(x!);


describe.runIf(hasGPU)('normalization, embedding and attention modules on webgpu', () => {
  it('BatchNorm2d: two training steps (running statistics) then eval', async () => {
    const [cpu, gpu] = twins(() => new BatchNorm2d(3));
    manualSeed(1);
    await expectSameStep(cpu, gpu, single, [randn([2, 3, 2, 2])]);
    await expectSameStep(cpu, gpu, single, [randn([2, 3, 2, 2]).mul(2).add(1)]);
    await expectSameBuffers(cpu, gpu);
    cpu.eval();
    gpu.eval();
    await expectSameStep(cpu, gpu, single, [randn([2, 3, 2, 2])]);
    await expectSameBuffers(cpu, gpu);
  });

  it('BatchNorm1d on [N, C] and [N, C, L]', async () => {
    const [cpu, gpu] = twins(() => new BatchNorm1d(4, { momentum: 0.3 }));
    manualSeed(2);
    await expectSameStep(cpu, gpu, single, [randn([5, 4])]);
    await expectSameStep(cpu, gpu, single, [randn([3, 4, 2])]);
    await expectSameBuffers(cpu, gpu);
  });

  it('BatchNorm with momentum=None (cumulative average) keeps running statistics as the CPU over several batches', async () => {
    const [cpu, gpu] = twins(() => new BatchNorm1d(4, { momentum: null }));
    manualSeed(4);
    for (let b = 0; b < 4; b++) await expectSameStep(cpu, gpu, single, [randn([5, 4]).mul(b + 1).add(b)]);
    await expectSameStep(cpu, gpu, single, [randn([3, 4, 2])]);
    await expectSameBuffers(cpu, gpu);
    expect(Array.from(await gpu.num_batches_tracked!.dataAsync())).toEqual([5]);
    cpu.eval();
    gpu.eval();
    await expectSameStep(cpu, gpu, single, [randn([2, 4])]);
    await expectSameBuffers(cpu, gpu);
  });

  it('BatchNorm2d with momentum=None after loadStateDict and resetRunningStats continues from the loaded count', async () => {
    const [cpu, gpu] = twins(() => new BatchNorm2d(3, { momentum: null }));
    manualSeed(5);
    await expectSameStep(cpu, gpu, single, [randn([2, 3, 2, 2])]);
    // A saved state with 7 batches seen: the next factor is 1/8 on both devices.
    const saved = cpu.stateDict();
    saved.num_batches_tracked = tensor(7, { dtype: 'int32' });
    cpu.loadStateDict(saved);
    gpu.loadStateDict(Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, v.to('webgpu')])));
    await expectSameStep(cpu, gpu, single, [randn([2, 3, 2, 2]).mul(3)]);
    await expectSameBuffers(cpu, gpu);
    cpu.resetRunningStats();
    gpu.resetRunningStats();
    await expectSameStep(cpu, gpu, single, [randn([2, 3, 2, 2]).add(2)]);
    await expectSameBuffers(cpu, gpu);
  });

  it('LayerNorm, GroupNorm and RMSNorm', async () => {
    manualSeed(3);
    await expectSameStep(...twins(() => new LayerNorm([3, 4])), single, [randn([2, 3, 4])]);
    await expectSameStep(...twins(() => new GroupNorm(2, 4)), single, [randn([2, 4, 3])]);
    await expectSameStep(...twins(() => new RMSNorm([4])), single, [randn([3, 4])]);
  });

  it('Embedding with paddingIdx', async () => {
    manualSeed(4);
    await expectSameStep(...twins(() => new Embedding(6, 3, { paddingIdx: 2 })), single, [tensor([[2, 1, 5], [0, 2, 2]], { dtype: 'int32' })]);
  });

  it('MultiheadAttention with an attention mask and a key padding mask', async () => {
    manualSeed(5);
    const [cpu, gpu] = twins(() => new MultiheadAttention(8, 2, { batchFirst: true }));
    const causal = tensor([[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0]], { dtype: 'bool' }).logicalNot();
    const padding = tensor([[0, 0, 0, 1], [0, 0, 0, 0]], { dtype: 'bool' });
    const forward = (m: MultiheadAttention, [q, kv, mask, pad]: Tensor[]): Tensor => {
      const [out, weights] = m.forward(q!, kv!, kv!, { attnMask: mask!, keyPaddingMask: pad! });
      return out.sum(-1).add(weights!.sum(-1).mul(0.5));
    };
    await expectSameStep(cpu, gpu, forward, [randn([2, 3, 8]), randn([2, 4, 8]), causal, padding]);
  });

  it('TransformerEncoderLayer (gelu, pre-norm, dropout drawn from the CPU stream) with a padding mask', async () => {
    manualSeed(6);
    const [cpu, gpu] = twins(() => new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0.2, activation: 'gelu', batchFirst: true, normFirst: true }));
    const forward = (m: TransformerEncoderLayer, [x, pad]: Tensor[]): Tensor => {
      manualSeed(7);
      return m.forward(x!, { srcKeyPaddingMask: pad! });
    };
    // The key bias's gradient is 0 up to rounding (softmax ignores a shift of a whole row): 1e-4 absolute.
    await expectSameStep(cpu, gpu, forward, [randn([2, 3, 8]), tensor([[0, 0, 1], [0, 0, 0]], { dtype: 'bool' })], 1e-4);
  });
});
