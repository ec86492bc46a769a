import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { AdEMAMix, Adafactor, Adam, LAMB, LARS, Lookahead, Muon, Prodigy, SAM, SGD, ScheduleFreeAdamW, ScheduleFreeSGD } from '../src/index';
import type { OptimizerLike } from '../src/index';

type Make = (params: Tensor[]) => OptimizerLike;

/** Starts the Schedule-Free optimizers in train mode, as their users must. */
function trained<T extends { train(): void }>(opt: T): T {
  opt.train();
  return opt;
}

// Options that give each optimizer all of its state; a matrix and a vector (Adafactor factors the
// matrix, Muon orthogonalises it and runs AdamW on the vector).
const OPTIMIZERS: [string, Make][] = [
  ['Adafactor', (p) => new Adafactor(p, { weightDecay: 0.1 })],
  ['LAMB', (p) => new LAMB(p, { lr: 0.01, weightDecay: 0.01 })],
  ['LARS', (p) => new LARS(p, { lr: 0.1, momentum: 0.9, weightDecay: 0.01 })],
  ['Lookahead(Adam)', (p) => new Lookahead(new Adam(p, { lr: 0.01 }), { k: 3 })],
  ['ScheduleFreeAdamW', (p) => trained(new ScheduleFreeAdamW(p, { lr: 0.01, warmupSteps: 3, weightDecay: 0.01 }))],
  ['ScheduleFreeSGD', (p) => trained(new ScheduleFreeSGD(p, { lr: 0.05, warmupSteps: 3 }))],
  ['Muon', (p) => new Muon(p, { weightDecay: 0.1, adamw: { lr: 0.01 } })],
  ['Prodigy', (p) => new Prodigy(p, { weightDecay: 0.01 })],
  ['AdEMAMix', (p) => new AdEMAMix(p, { lr: 0.01, alphaWarmup: 8, betaWarmup: 8 })],
];

/** Deterministic values in [-1, 1) from a 32-bit LCG (Numerical Recipes constants). */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

const SHAPES = [[3, 4], [5]];
const STEPS = 10;
const SAVE_AT = 4;

function fresh(inits: number[][], dtype: 'float32' | 'float64'): Tensor[] {
  return inits.map((v, i) => tensor(v, { dtype }).reshape(SHAPES[i] as number[]).detach().requiresGrad_());
}

function run(opt: OptimizerLike, params: Tensor[], grads: number[][][]): void {
  for (const step of grads) {
    params.forEach((p, i) => (p.grad = tensor(step[i] as number[], { dtype: p.dtype }).reshape([...p.shape])));
    opt.step();
  }
}

function flatValues(params: Tensor[]): number[] {
  return params.flatMap((p) => p.detach().reshape([-1]).tolist() as number[]);
}

function expectResumeMatches(make: Make, dtype: 'float32' | 'float64'): void {
  const inits = SHAPES.map((s, i) => values(s.reduce((a, b) => a * b, 1), 1 + i));
  const grads = Array.from({ length: STEPS }, (_, k) => SHAPES.map((s, i) => values(s.reduce((a, b) => a * b, 1), 10 + 7 * k + i)));
  const p1 = fresh(inits, dtype);
  run(make(p1), p1, grads);

  const p2 = fresh(inits, dtype);
  const o2 = make(p2);
  run(o2, p2, grads.slice(0, SAVE_AT));
  const saved = o2.stateDict();
  const p3 = p2.map((p) => p.detach().clone().requiresGrad_());
  // Stepping the original on must not change the saved dict.
  run(o2, p2, grads.slice(SAVE_AT, SAVE_AT + 2));
  const o3 = make(p3);
  o3.loadStateDict(saved);
  run(o3, p3, grads.slice(SAVE_AT));
  expect(flatValues(p3)).toEqual(flatValues(p1));
}

describe('a state dict restored mid-training continues bit-identically (beyond torch.optim)', () => {
  it.each(OPTIMIZERS)('%s, float64', (_n, make) => expectResumeMatches(make, 'float64'));
  it.each(OPTIMIZERS)('%s, float32', (_n, make) => expectResumeMatches(make, 'float32'));
});

describe('SAM state dict', () => {
  it('is the base optimizer’s, and restores its momentum', () => {
    const w = tensor([1, -2, 3], { dtype: 'float64', requiresGrad: true });
    const sam = new SAM([w], (g) => new SGD(g, { lr: 0.1, momentum: 0.9 }), { rho: 0.1 });
    const closure = (): Tensor => {
      const loss = w.mul(w).sum();
      loss.backward();
      return loss;
    };
    w.mul(w).sum().backward();
    sam.step(closure);
    const sd = sam.stateDict();
    expect(Object.keys(sd.state[0] ?? {})).toEqual(['momentumBuffer']);
    const other = new SAM([w], (g) => new SGD(g, { lr: 0.1, momentum: 0.9 }), { rho: 0.1 });
    other.loadStateDict(sd);
    expect((other.baseOptimizer.state.get(w)?.momentumBuffer as Tensor).tolist()).toEqual((sd.state[0]?.momentumBuffer as Tensor).tolist());
  });
});
