/**
 * The GPU unary math, statistics and truth-value methods and the fused activation kernels against
 * the CPU ops on the same inputs (float32 tolerance), and the slice-scatter kernel.
 */
import { describe, expect, it } from 'vitest';
import { activation, activationBackward, gpuSliceScatter, manualSeed, rand, randn, tensor } from '../../src/index';
import type { ActivationKind, ActivationParams } from '../../src/index';
import type { Tensor } from '../../src/tensor';
import { expectClose, hasGPU } from './device';

describe.skipIf(!hasGPU)('webgpu math methods against the CPU', () => {
  manualSeed(0);
  const x = randn([4, 6]).mul(2);
  const small = randn([4, 6]).mul(1e-4);
  const unit = rand([4, 6]).mul(1.8).sub(0.9);
  const big = rand([4, 6]).mul(3).add(1.1);
  const ints = tensor([[-5, 3, 0], [7, -2, 9]], { dtype: 'int32' });

  const cases: [string, (t: Tensor) => Tensor, Tensor, number?][] = [
    ['clamp', (t) => t.clamp(-1, 0.5), x],
    ['clamp min only', (t) => t.clamp(0.2), x],
    ['clamp max only', (t) => t.clamp(undefined, -0.3), x],
    ['clamp keeps NaN', (t) => t.clamp(-1, 1), tensor([NaN, -3, 0.5, 3])],
    ['clamp int32', (t) => t.clamp(-1, 4), ints],
    ['clamp int32 with a float bound (float32)', (t) => t.clamp(0.5), ints],
    ['clip', (t) => t.clip(-0.5, 0.5), x],
    ['log1p', (t) => t.log1p(), x.abs()],
    ['log1p of tiny values', (t) => t.log1p(), small],
    ['expm1', (t) => t.expm1(), x],
    ['expm1 of tiny values', (t) => t.expm1(), small],
    ['erf', (t) => t.erf(), x],
    ['erf of tiny values', (t) => t.erf(), small],
    // WGSL's sin and cos (so tan) may be off by 2⁻¹¹ absolute (SwiftShader is ~1e-5).
    ['tan', (t) => t.tan(), unit, 1e-4],
    ['asin', (t) => t.asin(), unit],
    ['acos', (t) => t.acos(), unit],
    ['atan', (t) => t.atan(), x],
    ['sinh', (t) => t.sinh(), x],
    ['cosh', (t) => t.cosh(), x],
    ['asinh', (t) => t.asinh(), x],
    ['acosh', (t) => t.acosh(), big],
    ['atanh', (t) => t.atanh(), unit],
    ['exp2', (t) => t.exp2(), x],
    ['log2', (t) => t.log2(), big],
    ['log10', (t) => t.log10(), big],
    ['trunc', (t) => t.trunc(), x],
    ['round (half to even)', (t) => t.round(), tensor([0.5, 1.5, 2.5, -0.5, -1.5, 1.2, -2.7])],
    ['var', (t) => t.var(), x],
    ['var over dim 1, correction 0, keepdim', (t) => t.var(1, { correction: 0, keepdim: true }), x],
    ['std over dims [0, 1] of a transposed view', (t) => t.t().std([0, 1]), x],
    ['std over dim 0', (t) => t.std(0), x],
    ['norm', (t) => t.norm(), x],
    ['norm p=1 over dim 1', (t) => t.norm(1, 1), x],
    ['norm p=3 over dim 0, keepdim', (t) => t.norm(3, 0, true), x],
    ['norm p=Infinity', (t) => t.norm(Infinity, 1), x],
    ['norm p=-Infinity', (t) => t.norm(-Infinity, 1), x],
    ['norm p=0', (t) => t.norm(0, 1), x.clamp(0)],
    ['any', (t) => t.any(), tensor([0, 0, 2])],
    ['any over dim 1', (t) => t.gt(1).any(1), x],
    ['all', (t) => t.all(), tensor([1, 0.5, 2])],
    ['all over dim 0, keepdim', (t) => t.gt(-2).all(0, true), x],
  ];

  it.each(cases)('%s', async (_name, f, input, atol = 1e-6) => {
    const expected = f(input);
    const actual = f(input.to('webgpu'));
    expect(actual.device).toBe('webgpu');
    expect(actual.dtype).toBe(expected.dtype);
    expect(actual.shape).toEqual(expected.shape);
    const got = await actual.dataAsync();
    const want = expected.dataSync();
    // NaN where the CPU has NaN; the rest within float32 tolerance.
    expect(Array.from(got, Number.isNaN)).toEqual(Array.from(want, Number.isNaN));
    expectClose(Array.from(got, (v) => (Number.isNaN(v) ? 0 : v)), Array.from(want, (v) => (Number.isNaN(v) ? 0 : v)), 2e-5, atol);
  });

  const kinds: [ActivationKind, ActivationParams][] = [
    ['elu', [0.7, 1.05, 1]],
    ['elu', [1.5, 1, 1 / 1.5]],
    ['silu', [0, 0, 0]],
    ['mish', [0, 0, 0]],
    ['softplus', [2, 1, 0]],
    ['softsign', [0, 0, 0]],
    ['hardtanh', [-0.5, 0.5, 0]],
    ['hardsigmoid', [0, 0, 0]],
    ['hardswish', [0, 0, 0]],
    ['logsigmoid', [0, 0, 0]],
    ['gelu', [0, 0, 0]],
    ['geluTanh', [0, 0, 0]],
  ];

  it.each(kinds)('activation %s %j: forward and backward kernels', async (kind, params) => {
    // Wide inputs reach the branches (|x| > 20 for softplus / mish, ±3 for the hard ones).
    const input = tensor([-30, -4, -3, -1, -1e-5, 0, 1e-5, 0.5, 2, 3, 4, 25]).add(randn([12]).mul(0.01));
    const g = randn([12]);
    const forward = activation(input.to('webgpu'), kind, params);
    expectClose(await forward.dataAsync(), activation(input, kind, params).dataSync(), 2e-5, 1e-6);
    const backward = activationBackward(input.to('webgpu'), g.to('webgpu'), kind, params);
    expectClose(await backward.dataAsync(), activationBackward(input, g, kind, params).dataSync(), 2e-5, 1e-6);
  });

  it('activationBackward refuses a CPU gradient for a GPU input', () => {
    expect(() => activationBackward(x.to('webgpu'), x, 'silu')).toThrow(/same device/);
  });

  it('gpuSliceScatter places a strided source at start, start + step, … in zeros', async () => {
    const src = tensor([[1, 2, 3], [4, 5, 6]]).t(); // [3, 2], strided
    const out = gpuSliceScatter(src.to('webgpu').t().t(), [3, 5], 1, 1, 2);
    expect(Array.from(await out.dataAsync())).toEqual([0, 1, 0, 4, 0, 0, 2, 0, 5, 0, 0, 3, 0, 6, 0]);
    const rows = gpuSliceScatter(src.to('webgpu'), [5, 2], 0, 2, 1);
    expect(Array.from(await rows.dataAsync())).toEqual([0, 0, 0, 0, 1, 4, 2, 5, 3, 6]);
  });
});
