/**
 * The fused float32 normalization kernels (assembly/normalization.ts through autograd's fusedNorm)
 * against the composed differentiable ops they replace (the TypeScript path, which the PyTorch
 * goldens and float64 gradcheck also check): outputs, input / weight / bias gradients and running
 * statistics agree to float32 rounding; double backward (createGraph) still works on the fused path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { grad, manualSeed, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { activeWasmKernels, setWasmDispatch } from '../../tensor/src/kernels/wasm-dispatch';
import { batchNorm, groupNorm, layerNorm } from '../src/functional';

interface Run {
  out: number[];
  grads: number[][];
  running: number[][];
}

function values(t: Tensor | null): number[] {
  return t === null ? [] : Array.from(t.contiguous().storage.data.subarray(t.contiguous().offset, t.contiguous().offset + t.numel()), Number);
}

/** Runs `f` on fresh copies of the inputs (same seed), backward with a fixed upstream gradient. */
function run(wasm: boolean, shape: number[], params: number[], f: (x: Tensor, w: Tensor, b: Tensor, rm: Tensor, rv: Tensor) => Tensor): Run {
  setWasmDispatch(wasm);
  manualSeed(7);
  const x = randn(shape).mul(3).add(1.5).detach().requiresGrad_();
  const w = randn(params).add(1).detach().requiresGrad_();
  const b = randn(params).detach().requiresGrad_();
  const rm = randn(params).detach();
  const rv = randn(params).abs().add(0.5).detach();
  const out = f(x, w, b, rm, rv);
  const upstream = randn(out.shape);
  out.backward(upstream);
  return { out: values(out), grads: [values(x.grad), values(w.grad), values(b.grad)], running: [values(rm), values(rv)] };
}

function close(a: number[], b: number[], tol: number): void {
  expect(a.length).toBe(b.length);
  const scale = Math.max(1, ...b.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  expect(worst).toBeLessThanOrEqual(tol * scale);
}

const cases: [string, number[], number[], (x: Tensor, w: Tensor, b: Tensor, rm: Tensor, rv: Tensor) => Tensor][] = [
  ['batch_norm 2-D training', [16, 6, 5, 7], [6], (x, w, b, rm, rv) => batchNorm(x, rm, rv, { weight: w, bias: b, training: true, momentum: 0.2 })],
  ['batch_norm 1-D training, no affine', [32, 10], [10], (x, _w, _b, rm, rv) => batchNorm(x, rm, rv, { training: true })],
  ['batch_norm 2-D eval', [8, 6, 4, 4], [6], (x, w, b, rm, rv) => batchNorm(x, rm, rv, { weight: w, bias: b, training: false })],
  ['layer_norm over the last two dims', [4, 5, 6, 8], [6, 8], (x, w, b) => layerNorm(x, [6, 8], { weight: w, bias: b })],
  ['layer_norm over the last dim', [3, 7, 64], [64], (x, w, b) => layerNorm(x, 64, { weight: w, bias: b, eps: 1e-6 })],
  ['group_norm 3 groups', [4, 6, 5, 5], [6], (x, w, b) => groupNorm(x, 3, { weight: w, bias: b })],
  ['group_norm one group per channel', [2, 8, 9], [8], (x, w, b) => groupNorm(x, 8, { weight: w, bias: b })],
];

describe('fused float32 normalization (wasm) against the composed ops', () => {
  afterEach(() => setWasmDispatch(true));

  it.each(cases)('%s', (_label, shape, params, f) => {
    // The fallback suite (DESCENT_WASM=0) has no kernels: both runs are the composed path there.
    expect(activeWasmKernels() === null).toBe(process.env.DESCENT_WASM === '0');
    const composed = run(false, shape, params, f);
    const fused = run(true, shape, params, f);
    close(fused.out, composed.out, 2e-6);
    for (let i = 0; i < 3; i++) close(fused.grads[i] as number[], composed.grads[i] as number[], 2e-5);
    for (let i = 0; i < 2; i++) close(fused.running[i] as number[], composed.running[i] as number[], 2e-6);
  });

  it('the fused op records PyTorch names and supports double backward (createGraph)', () => {
    manualSeed(3);
    const x = randn([6, 4, 3]).detach().requiresGrad_();
    const w = randn([4]).detach().requiresGrad_();
    const y = groupNorm(x, 2, { weight: w });
    if (activeWasmKernels() !== null) expect(y.gradFn?.name).toBe('NativeGroupNormBackward0');
    // d/dx Σ (∂Σy²/∂x)² through the createGraph rule, on both paths: the same number.
    const second = (wasm: boolean): number[] => {
      setWasmDispatch(wasm);
      const out = groupNorm(x, 2, { weight: w });
      const [gx] = grad([out.pow(2).sum()], [x], { createGraph: true });
      const [ggx] = grad([(gx as Tensor).pow(2).sum()], [x]);
      return values(ggx as Tensor);
    };
    const composed = second(false);
    close(second(true), composed, 2e-4);
    expect(composed.some((v) => v !== 0)).toBe(true);
  });

  it('float64 stays on the composed ops (gradcheck in float64 checks that path)', () => {
    const x = tensor([[1, 2, 4], [0, -1, 3]], { dtype: 'float64', requiresGrad: true });
    const y = layerNorm(x, 3);
    expect(y.dtype).toBe('float64');
    expect(y.gradFn?.name).not.toBe('NativeLayerNormBackward0');
  });
});
