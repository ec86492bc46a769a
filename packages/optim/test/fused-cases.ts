/**
 * Cases for large float32 parameters (above FUSED_THRESHOLD), which take the fused WebAssembly
 * updates when the kernels are available and the TypeScript loops otherwise: three steps must match
 * float64 reference formulas written here from PyTorch 1.13's documented algorithms, and PyTorch's
 * own numbers (reference/fused.json). Run by
 * fused.test.ts (kernels on) and fused-fallback.test.ts (kernels off).
 */
import { readFileSync } from 'node:fs';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { expect } from 'vitest';
import { FUSED_THRESHOLD } from '../src/fused';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '../src/index';
import type { OptimizerLike } from '../src/index';

export const N = FUSED_THRESHOLD * 2 + 3; // odd: exercises the SIMD tail

/** Deterministic float32 values in [-1, 1) from a 32-bit LCG (Numerical Recipes constants). */
function values(seed: number, n = N): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround((s / 2 ** 32) * 2 - 1);
  });
}

export const STEPS = 3;
const GRADS = Array.from({ length: STEPS }, (_, t) => values(100 + t));

/** One step of a reference on one element: (θ, g, state, t) → θ, updating `s` in place. */
type Ref = (theta: number, g: number, s: Record<string, number>, t: number) => number;

const adam = (lr: number, b1: number, b2: number, eps: number, wd: number, amsgrad: boolean, maximize: boolean): Ref => (theta, g0, s, t) => {
  let g = maximize ? -g0 : g0;
  g += wd * theta;
  s.m = b1 * (s.m ?? 0) + (1 - b1) * g;
  s.v = b2 * (s.v ?? 0) + (1 - b2) * g * g;
  s.vmax = Math.max(s.vmax ?? 0, s.v);
  const second = amsgrad ? s.vmax : s.v;
  return theta - (lr / (1 - b1 ** t)) * (s.m / (Math.sqrt(second) / Math.sqrt(1 - b2 ** t) + eps));
};

/** AdamW: θ ← θ·(1 − γλ) first, then Adam without weight decay. */
const adamW = (lr: number, wd: number): Ref => {
  const inner = adam(lr, 0.9, 0.999, 1e-8, 0, false, false);
  return (theta, g, s, t) => inner(theta * (1 - lr * wd), g, s, t);
};

const sgd = (lr: number, mom: number, damp: number, wd: number, nesterov: boolean, maximize: boolean): Ref => (theta, g0, s) => {
  let g = (maximize ? -g0 : g0) + wd * theta;
  if (mom !== 0) {
    s.b = s.b === undefined ? g : mom * s.b + (1 - damp) * g;
    g = nesterov ? g + mom * s.b : s.b;
  }
  return theta - lr * g;
};

const rmsprop = (lr: number, alpha: number, eps: number, wd: number, mom: number, centered: boolean, maximize: boolean): Ref => (theta, g0, s) => {
  const g = (maximize ? -g0 : g0) + wd * theta;
  s.sq = alpha * (s.sq ?? 0) + (1 - alpha) * g * g;
  s.ga = alpha * (s.ga ?? 0) + (1 - alpha) * g;
  const avg = Math.sqrt(centered ? s.sq - s.ga * s.ga : s.sq) + eps;
  if (mom > 0) {
    s.b = mom * (s.b ?? 0) + g / avg;
    return theta - lr * s.b;
  }
  return theta - (lr * g) / avg;
};

const adagrad = (lr: number, lrDecay: number, wd: number, eps: number, maximize: boolean): Ref => (theta, g0, s, t) => {
  const g = (maximize ? -g0 : g0) + wd * theta;
  s.sum = (s.sum ?? 0) + g * g;
  return theta - ((lr / (1 + (t - 1) * lrDecay)) * g) / (Math.sqrt(s.sum) + eps);
};

/** [label, optimizer on a parameter, float64 reference]. */
export const CASES = [
    ['Adam defaults', (p: Tensor) => new Adam([p]), adam(1e-3, 0.9, 0.999, 1e-8, 0, false, false)],
    ['Adam amsgrad, weight decay, maximize', (p: Tensor) => new Adam([p], { lr: 0.01, weightDecay: 0.1, amsgrad: true, maximize: true }), adam(0.01, 0.9, 0.999, 1e-8, 0.1, true, true)],
    ['AdamW (decoupled decay)', (p: Tensor) => new AdamW([p], { lr: 0.01, weightDecay: 0.1 }), adamW(0.01, 0.1)],
    ['SGD plain', (p: Tensor) => new SGD([p], { lr: 0.1 }), sgd(0.1, 0, 0, 0, false, false)],
    ['SGD momentum, dampening', (p: Tensor) => new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.2 }), sgd(0.1, 0.9, 0.2, 0, false, false)],
    ['SGD nesterov, weight decay, maximize', (p: Tensor) => new SGD([p], { lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.01, maximize: true }), sgd(0.05, 0.8, 0, 0.01, true, true)],
    ['RMSprop defaults', (p: Tensor) => new RMSprop([p]), rmsprop(1e-2, 0.99, 1e-8, 0, 0, false, false)],
    ['RMSprop centered, momentum, weight decay', (p: Tensor) => new RMSprop([p], { lr: 0.01, centered: true, momentum: 0.9, weightDecay: 0.1 }), rmsprop(0.01, 0.99, 1e-8, 0.1, 0.9, true, false)],
    ['Adagrad defaults', (p: Tensor) => new Adagrad([p]), adagrad(1e-2, 0, 0, 1e-10, false)],
    ['Adagrad lrDecay, weight decay, maximize', (p: Tensor) => new Adagrad([p], { lr: 0.1, lrDecay: 0.5, weightDecay: 0.1, maximize: true }), adagrad(0.1, 0.5, 0.1, 1e-10, true)],
  ] as const;

/** Three steps of `make` against `ref`, element by element within float32's tolerance. */
export function expectMatchesReference(make: (p: Tensor) => OptimizerLike, ref: Ref): void {
  const init = values(7);
  const p = tensor(init, { dtype: 'float32', requiresGrad: true });
  const opt = make(p);
  const want = init.slice();
  const states = want.map(() => ({}));
  for (let t = 1; t <= STEPS; t++) {
    const g = GRADS[t - 1] as number[];
    p.grad = tensor(g, { dtype: 'float32' });
    opt.step();
    for (let i = 0; i < N; i++) want[i] = ref(want[i] as number, g[i] as number, states[i] as Record<string, number>, t);
  }
  const got = p.tolist() as number[];
  let worst = 0;
  got.forEach((x, i) => {
    worst = Math.max(worst, Math.abs(x - (want[i] as number)) / (1e-6 + 1e-5 * Math.abs(want[i] as number)));
  });
  expect(worst).toBeLessThanOrEqual(1);
}

/** A case of reference/fused.json (written by reference/gen_fused.py with PyTorch 1.13). */
export interface TorchCase {
  optimizer: 'Adam' | 'AdamW' | 'SGD' | 'RMSprop' | 'Adagrad';
  options: Record<string, number | boolean>;
  params: number[];
}
const torchReference = JSON.parse(
  readFileSync(new URL('./reference/fused.json', import.meta.url), 'utf8'),
) as { n: number; steps: number; cases: TorchCase[] };

/** The PyTorch cases, labelled for it.each. */
export const TORCH_CASES = torchReference.cases.map(
  (c) => [`${c.optimizer} ${JSON.stringify(c.options)}`, c] as const,
);

const TORCH_CLASSES = { Adam, AdamW, SGD, RMSprop, Adagrad };

/**
 * Runs a PyTorch case (same LCG inputs as the generator) and compares the parameter after the last
 * step with PyTorch's, within the float32 tolerance of the goldens (rtol 1e-5, atol 1e-6).
 */
export function expectMatchesTorch(c: TorchCase): void {
  const p = tensor(values(7, torchReference.n), { dtype: 'float32', requiresGrad: true });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the reference options are data
  const opt = new (TORCH_CLASSES[c.optimizer] as new (ps: Tensor[], o: any) => OptimizerLike)([p], c.options);
  for (let t = 0; t < torchReference.steps; t++) {
    p.grad = tensor(values(100 + t, torchReference.n), { dtype: 'float32' });
    opt.step();
  }
  expect(compareClose(p.toTypedArray(), c.params.map(Math.fround), { rtol: 1e-5, atol: 1e-6 })).toBeNull();
}
