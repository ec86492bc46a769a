/**
 * The fused float32 steps of the optimizers beyond torch.optim: the WebAssembly kernels and their
 * TypeScript twins (float32-beyond.ts) agree bit for bit, and the optimizers on 1030 float32
 * values (wasm path) match their reference implementations run under PyTorch 1.13
 * (reference/gen_fused_beyond.py) within the goldens' float32 tolerance.
 */
import { readFileSync } from 'node:fs';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { wasmKernels } from '@descent/tensor';
import type { WasmKernels } from '@descent/tensor';
import { describe, expect, it, vi } from 'vitest';
import { AdEMAMix, LAMB, LARS, ScheduleFreeAdamW, ScheduleFreeSGD } from '../src/index';
import type { OptimizerLike } from '../src/index';
import { ademamix32, axpy32, lambStage32, lars32, scheduleFreeAdamW32, scheduleFreeSgd32, sumSquares32 } from '../src/float32-beyond';

const disabledByEnv = process.env.DESCENT_WASM === '0';

/** The LCG of gen_fused_beyond.py, rounded to float32. */
function values(seed: number, n: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** The first index where two float32 arrays differ in their bits, or -1. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : x.length;
}

/** Runs `step` three times on copies for the kernel and for the twin; every array must agree bit for bit. */
function expectBitIdentical(arrays: readonly (Float32Array | null)[], step: (a: (Float32Array | null)[], kernel: boolean, t: number) => unknown): void {
  const forKernel = arrays.map((a) => (a === null ? null : a.slice()));
  const forTwin = arrays.map((a) => (a === null ? null : a.slice()));
  for (let t = 1; t <= 3; t++) {
    const fromKernel = step(forKernel, true, t);
    const fromTwin = step(forTwin, false, t);
    expect(fromKernel).toEqual(fromTwin);
  }
  forKernel.forEach((a, i) => {
    if (a !== null) expect(firstBitDifference(a, forTwin[i] as Float32Array), `array ${i}`).toBe(-1);
  });
  // The update really moved the parameter.
  expect(firstBitDifference(forKernel[0] as Float32Array, arrays[0] as Float32Array)).not.toBe(-1);
}

const N = 1030;
const p0 = values(7, N);
const g0 = values(100, N).map((x) => x * 0.1);
const z0 = values(200, N);
const positive = values(300, N).map((x) => Math.abs(x) * 0.01);
const m0 = values(400, N).map((x) => x * 0.05);

describe.skipIf(disabledByEnv)('kernels and TypeScript twins: the same float32 bits', () => {
  const k = wasmKernels() as WasmKernels;

  it.each([
    ['c ≥ ½, no decay', { ckp1: 1, weightDecay: 0 }],
    ['c < ½, decay', { ckp1: 0.25, weightDecay: 0.05 }],
  ])('Schedule-Free AdamW, %s', (_label, o) => {
    const options = { beta1: 0.9, beta2: 0.999, biasCorrection2: 0.002, eps: 1e-8, lr: 0.01, ...o };
    expectBitIdentical([p0, g0, z0, positive], ([p, g, z, v], kernel) =>
      (kernel ? k.scheduleFreeAdamW.bind(k) : scheduleFreeAdamW32)(p!, g!, z!, v!, options),
    );
  });

  it.each([
    ['c ≥ ½, no decay', { ckp1: 0.5, weightDecay: 0 }],
    ['c < ½, decay', { ckp1: 0.1, weightDecay: 0.01 }],
  ])('Schedule-Free SGD, %s', (_label, o) => {
    const options = { lr: 0.1, momentum: 0.9, ...o };
    expectBitIdentical([p0, g0, z0], ([p, g, z], kernel) => (kernel ? k.scheduleFreeSgd.bind(k) : scheduleFreeSgd32)(p!, g!, z!, options));
  });

  it.each([
    ['fast average, decay', true, 0.1],
    ['β₁ = 0 (no fast average)', false, 0],
  ])('AdEMAMix, %s', (_label, hasFast, weightDecay) => {
    const options = { lr: 0.01, beta1: hasFast ? 0.9 : 0, beta2: 0.999, beta3: 0.9999, alpha: 5, eps: 1e-8, weightDecay };
    expectBitIdentical([p0, g0, hasFast ? m0 : null, m0, positive], ([p, g, fast, slow, v], kernel, step) =>
      (kernel ? k.ademamix.bind(k) : ademamix32)(p!, g!, fast ?? null, slow!, v!, { ...options, step }),
    );
  });

  it.each([0, 0.05])('LAMB, both passes and the two sums (weight decay %s)', (weightDecay) => {
    const options = { beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay };
    expectBitIdentical([p0, g0, m0, positive, new Float32Array(N)], ([p, g, m, v, r], kernel) => {
      const sums = kernel ? k.lambStage(p!, g!, m!, v!, r!, options) : lambStage32(p!, g!, m!, v!, r!, options);
      const a = -0.01 * Math.sqrt(sums.weightSq / sums.stepSq);
      (kernel ? k.axpy.bind(k) : axpy32)(p!, r!, a);
      return sums;
    });
  });

  it.each([
    ['scaled, momentum, nesterov', { scaled: true, localLr: 0.37, weightDecay: 0.05, momentum: 0.8, dampening: 0, nesterov: true }, true],
    ['plain, dampened momentum', { scaled: false, localLr: 1, weightDecay: 0, momentum: 0.9, dampening: 0.1, nesterov: false }, true],
    ['no momentum', { scaled: true, localLr: 0.2, weightDecay: 0.01, momentum: 0, dampening: 0, nesterov: false }, false],
  ])('LARS, %s', (_label, o, withBuffer) => {
    expectBitIdentical([p0, g0, withBuffer ? m0 : null], ([p, g, b], kernel, t) => {
      const sums = kernel ? k.sumSquares2(p!, g!) : [sumSquares32(p!), sumSquares32(g!)];
      (kernel ? k.lars.bind(k) : lars32)(p!, g!, b ?? null, { lr: 0.1, firstStep: t === 1, ...o });
      return sums;
    });
  });

  it('sums of squares: the float64 lanes equal an exact float64 sum within rounding', () => {
    const [a, b] = k.sumSquares2(p0, g0);
    let exactA = 0, exactB = 0;
    for (let i = 0; i < N; i++) {
      exactA += (p0[i] as number) ** 2;
      exactB += (g0[i] as number) ** 2;
    }
    expect(a).toBeCloseTo(exactA, 10);
    expect(b).toBeCloseTo(exactB, 12);
  });
});

interface TorchCase {
  optimizer: 'LAMB' | 'LARS' | 'ScheduleFreeAdamW' | 'ScheduleFreeSGD' | 'AdEMAMix';
  options: Record<string, unknown>;
  params: number[];
}
const reference = JSON.parse(readFileSync(new URL('./reference/fused_beyond.json', import.meta.url), 'utf8')) as { n: number; steps: number; cases: TorchCase[] };
const CLASSES = { LAMB, LARS, ScheduleFreeAdamW, ScheduleFreeSGD, AdEMAMix };
/** The kernel each optimizer's float32 step must go through. */
const KERNEL: Record<TorchCase['optimizer'], 'lambStage' | 'lars' | 'scheduleFreeAdamW' | 'scheduleFreeSgd' | 'ademamix'> = {
  LAMB: 'lambStage',
  LARS: 'lars',
  ScheduleFreeAdamW: 'scheduleFreeAdamW',
  ScheduleFreeSGD: 'scheduleFreeSgd',
  AdEMAMix: 'ademamix',
};

describe(`fused steps on ${reference.n} float32 values against the reference implementations (PyTorch 1.13)`, () => {
  it.each(reference.cases.map((c) => [`${c.optimizer} ${JSON.stringify(c.options)}`, c] as const))('%s', (_label, c) => {
    const k = wasmKernels();
    const spy = k ? vi.spyOn(k, KERNEL[c.optimizer]) : null;
    try {
      const p = tensor(values(7, reference.n), { dtype: 'float32', requiresGrad: true });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the reference options are data
      const opt = new (CLASSES[c.optimizer] as new (ps: Tensor[], o: any) => OptimizerLike)([p], c.options);
      if (opt instanceof ScheduleFreeAdamW || opt instanceof ScheduleFreeSGD) opt.train();
      for (let t = 0; t < reference.steps; t++) {
        p.grad = tensor(values(100 + t, reference.n), { dtype: 'float32' });
        opt.step();
      }
      expect(compareClose(p.toTypedArray(), c.params.map(Math.fround), { rtol: 1e-5, atol: 1e-6 })).toBeNull();
      if (spy) expect(spy).toHaveBeenCalledTimes(reference.steps);
    } finally {
      spy?.mockRestore();
    }
  });
});
