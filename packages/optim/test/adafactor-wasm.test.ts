/**
 * Adafactor's wasm kernel on large float32 parameters computes the TypeScript loop's bits (same
 * float64 arithmetic, float32 storage, summation order), for factored statistics (a matrix with an
 * odd number of columns, a stack of matrices) and the full variance, with weight decay and
 * maximize; and the fused step stays within float32 tolerance of the float64 step.
 */
import { tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { describe, expect, it, vi } from 'vitest';
import { Adafactor } from '../src/index';
import { adafactorUpdate } from '../src/adafactor';
import type { ParamState } from '../src/optimizer';

const disabledByEnv = process.env.DESCENT_WASM === '0';

function values(seed: number, n: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

function stateFor(shape: readonly number[]): ParamState {
  if (shape.length < 2) return { step: 0, variance: zeros([...shape], { dtype: 'float32' }) };
  return {
    step: 0,
    rowVar: zeros([...shape.slice(0, -1), 1], { dtype: 'float32' }),
    colVar: zeros([...shape.slice(0, -2), 1, shape[shape.length - 1] as number], { dtype: 'float32' }),
  };
}

const stats = (s: ParamState): Float32Array[] =>
  ['rowVar', 'colVar', 'variance'].filter((k) => s[k] !== undefined).map((k) => (s[k] as Tensor).toTypedArray() as Float32Array);

const CASES = [
  ['33×35 (odd columns), defaults', [33, 35], { lr: 1e-2, beta2Decay: -0.8, eps: [null, 1e-3], d: 1, weightDecay: 0, maximize: false }],
  ['3×20×18, weight decay, maximize, d = 2', [3, 20, 18], { lr: 0.05, beta2Decay: -0.5, eps: [null, 1e-3], d: 2, weightDecay: 0.1, maximize: true }],
  ['1-d of 1031, weight decay', [1031], { lr: 0.03, beta2Decay: -0.8, eps: [1e-20, 1e-2], d: 1, weightDecay: 0.01, maximize: false }],
] as const;

describe.skipIf(disabledByEnv)('Adafactor on large float32 parameters: wasm kernel', () => {
  it.each(CASES)('%s: kernel and TypeScript loop give the same bits over 4 steps', (_label, shape, group) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const eps1 = group.eps[0] ?? 2 ** -23;
    const kernelParam = values(1, n);
    const loopParam = kernelParam.slice();
    const kernelState = stateFor(shape);
    const loopState = stateFor(shape);
    const spy = vi.spyOn(wasmKernels()!, 'adafactor');
    try {
      for (let t = 0; t < 4; t++) {
        const grad = values(10 + t, n);
        const filled = { ...group, eps: [...group.eps] as [number | null, number] };
        adafactorUpdate(kernelParam, grad, kernelState, filled, shape, eps1);
        adafactorUpdate(loopParam, grad, loopState, filled, shape, eps1, false);
      }
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
    expect(Array.from(new Uint32Array(kernelParam.buffer))).toEqual(Array.from(new Uint32Array(loopParam.buffer)));
    const [a, b] = [stats(kernelState), stats(loopState)];
    a.forEach((x, i) => expect(Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length))).toEqual(Array.from(new Uint32Array((b[i] as Float32Array).buffer, (b[i] as Float32Array).byteOffset, x.length))));
    expect(kernelParam).not.toEqual(values(1, n));
  });

  it.each(CASES)('%s: the fused float32 step stays within float32 tolerance of the float64 step', (_label, shape, group) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const init = Array.from(values(2, n));
    const p32 = tensor(init, { dtype: 'float32' }).reshape([...shape]).detach().requiresGrad_();
    const p64 = tensor(init, { dtype: 'float64' }).reshape([...shape]).detach().requiresGrad_();
    const eps: [number, number] = [group.eps[0] ?? 2 ** -23, group.eps[1]];
    const o32 = new Adafactor([p32], { ...group, eps });
    const o64 = new Adafactor([p64], { ...group, eps });
    for (let t = 0; t < 4; t++) {
      const g = Array.from(values(20 + t, n));
      p32.grad = tensor(g, { dtype: 'float32' }).reshape([...shape]);
      p64.grad = tensor(g, { dtype: 'float64' }).reshape([...shape]);
      o32.step();
      o64.step();
    }
    const got = p32.detach().reshape([-1]).tolist() as number[];
    const want = p64.detach().reshape([-1]).tolist() as number[];
    let worst = 0;
    want.forEach((w, i) => (worst = Math.max(worst, Math.abs((got[i] as number) - w) / (1e-6 + 1e-5 * Math.abs(w)))));
    expect(worst).toBeLessThanOrEqual(1);
  });
});
