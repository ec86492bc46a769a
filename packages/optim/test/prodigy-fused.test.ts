/**
 * Prodigy's fused float32 passes: the WebAssembly kernels (prodigyStats, prodigyStep) and their
 * TypeScript twins (float32-prodigy.ts) agree bit for bit, pass by pass and over whole optimizer
 * trajectories (groups, weight decay coupled and decoupled, safeguardWarmup, bias correction,
 * β₁ = 0); large float32 parameters really go through the kernels; and float32 trajectories match
 * the authors' implementation run under PyTorch 1.13 (reference/gen_fused_prodigy.py) on both paths.
 */
import { readFileSync } from 'node:fs';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { wasmKernels } from '@descent/tensor';
import type { WasmKernels, WasmProdigyOptions } from '@descent/tensor';
import { describe, expect, it, vi } from 'vitest';
import { Prodigy } from '../src/index';
import type { ProdigyOptions } from '../src/index';
import { prodigyStats32, prodigyStep32 } from '../src/float32-prodigy';
import { FUSED_THRESHOLD } from '../src/fused';

const disabledByEnv = process.env.DESCENT_WASM === '0';

/** The LCG of gen_fused_prodigy.py, rounded to float32. */
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

/** The gradient of gen_fused_prodigy.py: θ/2 + noise/8 (both products exact, one rounding). */
function gradient(theta: Tensor, seed: number): Tensor {
  const t = theta.toTypedArray() as Float32Array;
  const noise = values(seed, t.length);
  return tensor(t.map((x, i) => x * 0.5 + (noise[i] as number) * 0.125), { dtype: 'float32' }).reshape([...theta.shape]);
}

interface GroupSpec {
  options: ProdigyOptions;
  sizes: number[];
}

/** Builds Prodigy on float32 parameters (parameter j starts at values(7 + j)), runs `steps` steps; returns the parameters and d. */
function run(options: ProdigyOptions, groups: GroupSpec[], steps: number): { params: Float32Array[]; d: number } {
  const params: Tensor[] = [];
  const torchGroups = groups.map((g) => ({
    ...g.options,
    params: g.sizes.map((n) => {
      const p = tensor(values(7 + params.length, n), { dtype: 'float32', requiresGrad: true });
      params.push(p);
      return p;
    }),
  }));
  const opt = new Prodigy(torchGroups, options);
  for (let t = 0; t < steps; t++) {
    params.forEach((p, j) => (p.grad = gradient(p.detach(), 100 + t + 50 * j)));
    opt.step();
  }
  return { params: params.map((p) => p.toTypedArray() as Float32Array), d: opt.d };
}

const N = 1030;
const p0 = values(7, N);
const g0 = values(100, N).map((x) => x * 0.1);
const start = values(8, N);
const m0 = values(400, N).map((x) => x * 0.05);
const v0 = values(300, N).map((x) => Math.abs(x) * 0.01);
const s0 = values(500, N).map((x) => x * 1e-3);

const base: WasmProdigyOptions = { beta1: 0.9, beta2: 0.999, beta3: Math.sqrt(0.999), eps: 1e-8, weightDecay: 0, decouple: true, safeguardWarmup: false, d0: 1e-6, d: 1e-6, dlr: 1e-6 };

describe.skipIf(disabledByEnv)('Prodigy kernels and TypeScript twins: the same float32 bits', () => {
  const k = wasmKernels() as WasmKernels;

  it.each([
    ['defaults', {}],
    ['decoupled decay, d grown', { weightDecay: 0.1, d: 0.03, dlr: 0.02 }],
    ['coupled decay, safeguardWarmup', { weightDecay: 0.05, decouple: false, safeguardWarmup: true, d: 2e-3, dlr: 1e-3, d0: 1e-4 }],
    ['β₁ = 0, coupled decay', { beta1: 0, weightDecay: 0.05, decouple: false, d: 0.1, dlr: 0.1, d0: 1e-3 }],
    ['β₁ = 0, decoupled decay', { beta1: 0, weightDecay: 0.05, d: 0.1, dlr: 0.05, d0: 1e-3 }],
  ])('both passes over 3 steps, %s', (_label, o: Partial<WasmProdigyOptions>) => {
    const options = { ...base, ...o };
    const withM = options.beta1 > 0;
    const arrays = (): Float32Array[] => [p0.slice(), g0.slice(), start.slice(), s0.slice(), m0.slice(), v0.slice()];
    const [kp, kg, k0, ks, km, kv] = arrays() as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    const [tp, tg, t0, ts, tm, tv] = arrays() as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    for (let step = 1; step <= 3; step++) {
      const grown = { ...options, d: options.d * (1 + step) };
      const fromKernel = k.prodigyStats(kp, kg, k0, ks, withM ? km : null, kv, options);
      const fromTwin = prodigyStats32(tp, tg, t0, ts, withM ? tm : null, tv, options);
      expect(fromKernel).toEqual(fromTwin);
      expect(fromKernel.sAbs).toBeGreaterThan(0);
      k.prodigyStep(kp, kg, withM ? km : null, kv, grown);
      prodigyStep32(tp, tg, withM ? tm : null, tv, grown);
    }
    [[kp, tp], [ks, ts], [km, tm], [kv, tv], [kg, tg]].forEach(([a, b], i) => expect(firstBitDifference(a as Float32Array, b as Float32Array), `array ${i}`).toBe(-1));
    expect(firstBitDifference(kp, p0)).not.toBe(-1);
  });

  it('the sums are Σ⟨g, θ₀ − θ⟩ and Σ|s| of a float64 reference within rounding', () => {
    const [p, g, s, m, v] = [p0.slice(), g0.slice(), s0.slice(), m0.slice(), v0.slice()];
    const options = { ...base, weightDecay: 0.05, decouple: false, d: 0.01, dlr: 0.01, d0: 0.01 };
    const { dot, sAbs } = k.prodigyStats(p, g, start, s, m, v, options);
    let wantDot = 0, wantAbs = 0;
    for (let i = 0; i < N; i++) {
      const gi = Math.fround((g0[i] as number) + Math.fround(Math.fround(0.05) * (p0[i] as number)));
      wantDot += gi * ((start[i] as number) - (p0[i] as number));
      wantAbs += Math.abs(s[i] as number);
    }
    expect(Math.abs(dot - wantDot)).toBeLessThan(1e-6 * Math.abs(wantDot) + 1e-9);
    expect(sAbs).toBeCloseTo(wantAbs, 10);
  });

  const TRAJECTORIES: [string, ProdigyOptions, GroupSpec[]][] = [
    ['defaults', {}, [{ options: {}, sizes: [1030] }]],
    ['decoupled decay, bias correction, safeguardWarmup, growth rate', { lr: 0.5, betas: [0.9, 0.99], weightDecay: 0.1, biasCorrection: true, safeguardWarmup: true, d0: 1e-4, dCoef: 2, growthRate: 1.5 }, [{ options: {}, sizes: [1030] }]],
    ['coupled decay, β₃', { weightDecay: 0.01, decouple: false, beta3: 0.9 }, [{ options: {}, sizes: [1030] }]],
    ['β₁ = 0, coupled decay', { betas: [0, 0.999], weightDecay: 0.05, decouple: false, d0: 1e-3 }, [{ options: {}, sizes: [1030] }]],
    ['groups (a frozen one), decay per group, a small parameter', { weightDecay: 0.1, d0: 1e-4 }, [{ options: {}, sizes: [1030, 500] }, { options: { weightDecay: 0 }, sizes: [2051] }, { options: { lr: 0 }, sizes: [1100] }]],
  ];

  it.each(TRAJECTORIES)('whole optimizer over 10 steps, kernels vs twins: %s', (_label, options, groups) => {
    const viaKernels = run(options, groups, 10);
    const stats = vi.spyOn(k, 'prodigyStats').mockImplementation(prodigyStats32);
    const step = vi.spyOn(k, 'prodigyStep').mockImplementation(prodigyStep32);
    try {
      const viaTwins = run(options, groups, 10);
      expect(stats).toHaveBeenCalled();
      expect(step).toHaveBeenCalled();
      expect(viaKernels.d).toBe(viaTwins.d);
      viaKernels.params.forEach((p, i) => expect(firstBitDifference(p, viaTwins.params[i] as Float32Array), `param ${i}`).toBe(-1));
      expect(viaKernels.d).toBeGreaterThan(options.d0 ?? 1e-6);
    } finally {
      stats.mockRestore();
      step.mockRestore();
    }
  });

  it(`dispatch: a float32 parameter of ${FUSED_THRESHOLD}+ elements takes both kernels each step, a smaller one and a float64 one take none`, () => {
    const big = tensor(values(7, 1030), { dtype: 'float32', requiresGrad: true });
    const small = tensor(values(8, 500), { dtype: 'float32', requiresGrad: true });
    const wide = tensor(Array.from(values(9, 2000)), { dtype: 'float64', requiresGrad: true });
    const stats = vi.spyOn(k, 'prodigyStats');
    const step = vi.spyOn(k, 'prodigyStep');
    try {
      const opt = new Prodigy([big, small, wide], { weightDecay: 0.01 });
      for (let t = 0; t < 3; t++) {
        big.grad = gradient(big.detach(), 100 + t);
        small.grad = gradient(small.detach(), 200 + t);
        wide.grad = wide.detach().mul(0.5);
        opt.step();
      }
      expect(stats).toHaveBeenCalledTimes(3);
      expect(step).toHaveBeenCalledTimes(3);
      for (const call of [...stats.mock.calls, ...step.mock.calls]) expect((call[0] as Float32Array).length).toBe(1030);
    } finally {
      stats.mockRestore();
      step.mockRestore();
    }
  });
});

interface ReferenceCase {
  options: ProdigyOptions;
  groups: GroupSpec[];
  d: number;
  params: number[][];
}
const reference = JSON.parse(readFileSync(new URL('./reference/fused_prodigy.json', import.meta.url), 'utf8')) as { steps: number; cases: ReferenceCase[] };

describe(`float32 Prodigy against the authors' implementation (PyTorch 1.13), ${disabledByEnv ? 'TypeScript twins' : 'wasm kernels'}`, () => {
  it.each(reference.cases.map((c) => [`${JSON.stringify(c.options)} ${JSON.stringify(c.groups)}`, c] as const))('%s', (_label, c) => {
    const k = wasmKernels();
    const spy = k ? vi.spyOn(k, 'prodigyStats') : null;
    try {
      const { params, d } = run(c.options, c.groups, reference.steps);
      const large = c.groups.flatMap((g) => g.sizes).filter((n) => n >= FUSED_THRESHOLD).length;
      if (spy) expect(spy).toHaveBeenCalledTimes(large * reference.steps);
      expect(Math.abs(d - c.d)).toBeLessThanOrEqual(1e-5 * c.d);
      params.forEach((p, i) => {
        const problem = compareClose(p, (c.params[i] as number[]).map(Math.fround), { rtol: 1e-5, atol: 1e-6 });
        expect(problem ? `param ${i}: ${problem}` : null).toBeNull();
      });
    } finally {
      spy?.mockRestore();
    }
  });
});
