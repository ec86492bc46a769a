import { loadGolden, expectAllClose } from '@descent/fixtures';
import type { FixedGradientCase } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { wasmKernels, type FloatArray } from './index';

const kernels = wasmKernels();
type Dtype = 'float32' | 'float64';
const rounder = (dtype: Dtype): ((x: number) => number) => (dtype === 'float32' ? Math.fround : (x: number) => x);
const make = (dtype: Dtype, values: ArrayLike<number>): FloatArray => (dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values));

function series(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

// Plain scalar versions of torch.optim 1.13's single-tensor updates; `r` rounds after every tensor
// op the way float32 tensors do (scalars are rounded when they meet a float32 tensor).
function adamRef(r: (x: number) => number, p: number[], g: number[], m: number[], v: number[], vmax: number[], o: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; amsgrad: boolean; maximize: boolean; step: number }): void {
  const bc1 = 1 - o.beta1 ** o.step;
  const bc2Sqrt = Math.sqrt(1 - o.beta2 ** o.step);
  for (let i = 0; i < p.length; i++) {
    let grad = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) grad = r(grad + r(r(o.weightDecay) * (p[i] as number)));
    m[i] = r(r((m[i] as number) * r(o.beta1)) + r(r(1 - o.beta1) * grad));
    v[i] = r(r((v[i] as number) * r(o.beta2)) + r(r(r(1 - o.beta2) * grad) * grad));
    let second = v[i] as number;
    if (o.amsgrad) second = vmax[i] = Math.max(vmax[i] as number, second);
    const denom = r(r(r(Math.sqrt(second)) / r(bc2Sqrt)) + r(o.eps));
    p[i] = r((p[i] as number) + r(r(r(-o.lr / bc1) * (m[i] as number)) / denom));
  }
}

function sgdRef(r: (x: number) => number, p: number[], g: number[], buf: number[], o: { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean; maximize: boolean; firstStep: boolean }): void {
  for (let i = 0; i < p.length; i++) {
    let d = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) d = r(d + r(r(o.weightDecay) * (p[i] as number)));
    if (o.momentum !== 0) {
      buf[i] = o.firstStep ? d : r(r((buf[i] as number) * r(o.momentum)) + r(r(1 - o.dampening) * d));
      d = o.nesterov ? r(d + r(r(o.momentum) * (buf[i] as number))) : (buf[i] as number);
    }
    p[i] = r((p[i] as number) + r(r(-o.lr) * d));
  }
}

function rmspropRef(r: (x: number) => number, p: number[], g: number[], sq: number[], ga: number[], buf: number[], o: { lr: number; alpha: number; eps: number; weightDecay: number; momentum: number; centered: boolean; maximize: boolean }): void {
  for (let i = 0; i < p.length; i++) {
    let grad = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) grad = r(grad + r(r(o.weightDecay) * (p[i] as number)));
    sq[i] = r(r((sq[i] as number) * r(o.alpha)) + r(r(r(1 - o.alpha) * grad) * grad));
    let avg: number;
    if (o.centered) {
      ga[i] = r(r((ga[i] as number) * r(o.alpha)) + r(r(1 - o.alpha) * grad));
      avg = r(Math.sqrt(r((sq[i] as number) + r(-(ga[i] as number) * (ga[i] as number)))));
    } else avg = r(Math.sqrt(sq[i] as number));
    avg = r(avg + r(o.eps));
    if (o.momentum > 0) {
      buf[i] = r(r((buf[i] as number) * r(o.momentum)) + r(grad / avg));
      p[i] = r((p[i] as number) + r(r(-o.lr) * (buf[i] as number)));
    } else p[i] = r((p[i] as number) + r(r(r(-o.lr) * grad) / avg));
  }
}

function adagradRef(r: (x: number) => number, p: number[], g: number[], sum: number[], o: { lr: number; lrDecay: number; weightDecay: number; eps: number; maximize: boolean; step: number }): void {
  const clr = o.lr / (1 + (o.step - 1) * o.lrDecay);
  for (let i = 0; i < p.length; i++) {
    let grad = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) grad = r(grad + r(r(o.weightDecay) * (p[i] as number)));
    sum[i] = r((sum[i] as number) + r(grad * grad));
    p[i] = r((p[i] as number) + r(r(r(-clr) * grad) / r(r(Math.sqrt(sum[i] as number)) + r(o.eps))));
  }
}

const N = 37; // not a multiple of the vector width
const STEPS = 4;
const dtypes: Dtype[] = ['float32', 'float64'];

describe.skipIf(kernels === null)('wasm fused optimizer updates against scalar torch formulas', () => {
  const k = kernels!;
  const tol = (dtype: Dtype): { rtol: number; atol: number } => (dtype === 'float32' ? { rtol: 2e-7, atol: 1e-9 } : { rtol: 1e-14, atol: 1e-16 });

  it.each(dtypes.flatMap((dtype) => [
    { dtype, amsgrad: false, maximize: false, weightDecay: 0 },
    { dtype, amsgrad: true, maximize: true, weightDecay: 0.1 },
  ]))('adam $dtype amsgrad=$amsgrad maximize=$maximize weightDecay=$weightDecay', ({ dtype, amsgrad, maximize, weightDecay }) => {
    const r = rounder(dtype);
    const p = series(N, 1).map(r), m = new Array<number>(N).fill(0), v = new Array<number>(N).fill(0), vmax = new Array<number>(N).fill(0);
    const P = make(dtype, p), M = make(dtype, m), V = make(dtype, v), VMAX = make(dtype, vmax);
    for (let step = 1; step <= STEPS; step++) {
      const g = series(N, 10 + step).map(r);
      const o = { lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay, amsgrad, maximize, step };
      adamRef(r, p, g, m, v, vmax, o);
      k.adam(P, make(dtype, g), M, V, amsgrad ? VMAX : null, o);
    }
    expectAllClose(P, p, tol(dtype), 'param');
    expectAllClose(V, v, tol(dtype), 'expAvgSq');
  });

  it.each(dtypes.flatMap((dtype) => [
    { dtype, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false },
    { dtype, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0.01, maximize: true },
    { dtype, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0, maximize: false },
  ]))('sgd $dtype momentum=$momentum dampening=$dampening nesterov=$nesterov', (c) => {
    const r = rounder(c.dtype);
    const p = series(N, 2).map(r), buf = new Array<number>(N).fill(0);
    const P = make(c.dtype, p), B = make(c.dtype, buf);
    for (let step = 1; step <= STEPS; step++) {
      const g = series(N, 20 + step).map(r);
      const o = { lr: 0.05, momentum: c.momentum, dampening: c.dampening, weightDecay: c.weightDecay, nesterov: c.nesterov, maximize: c.maximize, firstStep: step === 1 };
      sgdRef(r, p, g, buf, o);
      k.sgd(P, make(c.dtype, g), c.momentum !== 0 ? B : null, o);
    }
    expectAllClose(P, p, tol(c.dtype), 'param');
  });

  it.each(dtypes.flatMap((dtype) => [
    { dtype, centered: false, momentum: 0, weightDecay: 0, maximize: false },
    { dtype, centered: true, momentum: 0.9, weightDecay: 0.01, maximize: true },
  ]))('rmsprop $dtype centered=$centered momentum=$momentum', (c) => {
    const r = rounder(c.dtype);
    const p = series(N, 3).map(r), sq = new Array<number>(N).fill(0), ga = new Array<number>(N).fill(0), buf = new Array<number>(N).fill(0);
    const P = make(c.dtype, p), SQ = make(c.dtype, sq), GA = make(c.dtype, ga), B = make(c.dtype, buf);
    for (let step = 1; step <= STEPS; step++) {
      const g = series(N, 30 + step).map(r);
      const o = { lr: 0.01, alpha: 0.9, eps: 1e-8, weightDecay: c.weightDecay, momentum: c.momentum, centered: c.centered, maximize: c.maximize };
      rmspropRef(r, p, g, sq, ga, buf, o);
      k.rmsprop(P, make(c.dtype, g), SQ, c.centered ? GA : null, c.momentum > 0 ? B : null, o);
    }
    expectAllClose(P, p, tol(c.dtype), 'param');
  });

  it.each(dtypes.flatMap((dtype) => [
    { dtype, lrDecay: 0, weightDecay: 0, maximize: false },
    { dtype, lrDecay: 0.01, weightDecay: 0.01, maximize: true },
  ]))('adagrad $dtype lrDecay=$lrDecay', (c) => {
    const r = rounder(c.dtype);
    const p = series(N, 4).map(r), sum = new Array<number>(N).fill(r(0.1));
    const P = make(c.dtype, p), S = make(c.dtype, sum);
    for (let step = 1; step <= STEPS; step++) {
      const g = series(N, 40 + step).map(r);
      const o = { lr: 0.1, lrDecay: c.lrDecay, weightDecay: c.weightDecay, eps: 1e-10, maximize: c.maximize, step };
      adagradRef(r, p, g, sum, o);
      k.adagrad(P, make(c.dtype, g), S, o);
    }
    expectAllClose(P, p, tol(c.dtype), 'param');
  });

  it.each([
    ['amsgrad without a buffer', () => k.adam(new Float32Array(2), new Float32Array(2), new Float32Array(2), new Float32Array(2), null, { lr: 1, beta1: 0.9, beta2: 0.9, eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, step: 1 }), TypeError, 'adam: amsgrad needs a maxExpAvgSq array, got null'],
    ['a short state array', () => k.adagrad(new Float32Array(3), new Float32Array(3), new Float32Array(2), { lr: 1, lrDecay: 0, weightDecay: 0, eps: 1e-10, maximize: false, step: 1 }), RangeError, 'adagrad: every array must have 3 elements, got 2'],
  ] as const)('rejects %s', (_name, call, ErrorClass, message) => {
    expect(call).toThrow(ErrorClass);
    expect(call).toThrow(message);
  });
});

// PyTorch 1.13 reference runs (fixtures/golden/optimizers.json), one parameter group, driven
// straight through the fused kernels with torch's defaults.
const golden = loadGolden('optimizers');
const goldenCases = golden.cases.filter(
  (c): c is FixedGradientCase => c.protocol === 'fixed-gradients' && ['Adam', 'SGD', 'RMSprop', 'Adagrad'].includes(c.optimizer) && c.groups.length === 1 && Object.keys(c.groups[0]?.options ?? {}).length === 0,
);

describe.skipIf(kernels === null)('wasm fused optimizer updates against PyTorch 1.13 goldens', () => {
  const k = kernels!;
  it.each(goldenCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const opt = c.options as Record<string, number | boolean | number[] | undefined>;
    const num = (key: string, fallback: number): number => (opt[key] as number | undefined) ?? fallback;
    const flag = (key: string): boolean => (opt[key] as boolean | undefined) ?? false;
    const betas = (opt.betas as number[] | undefined) ?? [0.9, 0.999];
    const params = (c.groups[0]?.params ?? []).map((p) => make(c.dtype, p.init));
    const state = params.map((p) => Array.from({ length: 3 }, () => (c.dtype === 'float32' ? new Float32Array(p.length) : new Float64Array(p.length))));
    if (c.optimizer === 'Adagrad') for (const s of state) s[0]?.fill(num('initialAccumulatorValue', 0));
    c.steps.forEach((step, t) => {
      params.forEach((param, i) => {
        const grad = make(c.dtype, step.grads[i] ?? []);
        const [s0, s1, s2] = state[i] as [FloatArray, FloatArray, FloatArray];
        if (c.optimizer === 'Adam') k.adam(param, grad, s0, s1, s2, { lr: num('lr', 1e-3), beta1: betas[0] as number, beta2: betas[1] as number, eps: num('eps', 1e-8), weightDecay: num('weightDecay', 0), amsgrad: flag('amsgrad'), maximize: flag('maximize'), step: t + 1 });
        if (c.optimizer === 'SGD') k.sgd(param, grad, s0, { lr: num('lr', 1e-3), momentum: num('momentum', 0), dampening: num('dampening', 0), weightDecay: num('weightDecay', 0), nesterov: flag('nesterov'), maximize: flag('maximize'), firstStep: t === 0 });
        if (c.optimizer === 'RMSprop') k.rmsprop(param, grad, s0, s1, s2, { lr: num('lr', 1e-2), alpha: num('alpha', 0.99), eps: num('eps', 1e-8), weightDecay: num('weightDecay', 0), momentum: num('momentum', 0), centered: flag('centered'), maximize: flag('maximize') });
        if (c.optimizer === 'Adagrad') k.adagrad(param, grad, s0, { lr: num('lr', 1e-2), lrDecay: num('lrDecay', 0), weightDecay: num('weightDecay', 0), eps: num('eps', 1e-10), maximize: flag('maximize'), step: t + 1 });
        expectAllClose(param, step.params[i] ?? [], golden.tolerances[c.dtype], `${c.name} step ${t + 1} param ${i}`);
      });
    });
  });
});
