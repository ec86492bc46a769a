import { readFileSync } from 'node:fs';
import { manualSeed, noGrad, randn, tensor, zerosLike } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { Linear, MSELoss, Sequential, Tanh } from '../src/index';
import type { Parameter } from '../src/index';

interface TrainingCase {
  name: 'adam' | 'sgd_steplr';
  X: number[];
  y: number[];
  initialStateDict: Record<string, number[]>;
  losses: number[];
  lrs: number[];
  finalStateDict: Record<string, number[]>;
}

// Written by test/golden/gen_training.py with PyTorch 1.13 (Debian's python3-torch): the loss
// curve and the final weights of `Sequential(Linear(4, 8), Tanh(), Linear(8, 1))` built right
// after torch.manual_seed(0), trained full batch for 50 steps.
const golden = JSON.parse(readFileSync(new URL('./golden/training.json', import.meta.url), 'utf8')) as {
  tolerance: { rtol: number; atol: number };
  cases: TrainingCase[];
};
const byName = Object.fromEntries(golden.cases.map((c) => [c.name, c])) as Record<TrainingCase['name'], TrainingCase>;

/**
 * @descent/nn cannot depend on @descent/optim (optim sits above it), so the two update rules are
 * written out here from PyTorch 1.13's single-tensor code paths (torch/optim/adam.py, sgd.py and
 * lr_scheduler.StepLR); @descent/bp-examples replays the same data with the real optimizers.
 * What this test checks is nn: forward, loss and backward, fifty times in a row.
 */
type Stepper = (params: Parameter[], step: number) => void;

/** Adam(lr), betas (0.9, 0.999), eps 1e-8: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ) + eps). */
function adam(lr: number): Stepper {
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const m = new Map<Parameter, Tensor>();
  const v = new Map<Parameter, Tensor>();
  return (params, step) => {
    const t = step + 1;
    for (const p of params) {
      const g = p.grad!;
      if (!m.has(p)) {
        m.set(p, zerosLike(p));
        v.set(p, zerosLike(p));
      }
      const expAvg = m.get(p)!.mul_(beta1).add_(g.mul(1 - beta1));
      const expAvgSq = v.get(p)!.mul_(beta2).addcmul_(g, g, 1 - beta2);
      const denom = expAvgSq.sqrt().div(Math.sqrt(1 - beta2 ** t)).add(eps);
      p.addcdiv_(expAvg, denom, -lr / (1 - beta1 ** t));
    }
  };
}

/** SGD(lr0, momentum) under StepLR(stepSize, gamma): buf ← g at first, then μ·buf + g; p ← p − lr·buf. */
function sgdStepLR(lr0: number, momentum: number, stepSize: number, gamma: number): Stepper {
  const buffers = new Map<Parameter, Tensor>();
  return (params, step) => {
    const lr = lr0 * gamma ** Math.floor(step / stepSize);
    for (const p of params) {
      const g = p.grad!;
      const previous = buffers.get(p);
      const buf = previous === undefined ? g.clone() : previous.mul_(momentum).add_(g);
      buffers.set(p, buf);
      p.add_(buf.mul(-lr));
    }
  };
}

const steppers: Record<TrainingCase['name'], () => Stepper> = {
  adam: () => adam(0.01),
  sgd_steplr: () => sgdStepLR(0.05, 0.9, 10, 0.5),
};

/** The recipe's data and model, drawn from the global generator in the recipe's order. */
function setUp() {
  manualSeed(0);
  const X = randn([64, 4]);
  const y = X.matmul(tensor([1, -2, 3, 0.5])).add(randn([64]).mul(0.1)).unsqueeze(1);
  const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
  return { X, y, model };
}

const flat = (t: Tensor) => Array.from(t.toTypedArray(), Number);

describe.each(golden.cases.map((c) => [c.name, c] as const))('training recipe %s', (_name, c) => {
  it('draws X, y and the initial weights as PyTorch does', () => {
    const { X, y, model } = setUp();
    expect(flat(X)).toEqual(c.X);
    expect(compareClose(flat(y), c.y, { rtol: 1e-6, atol: 1e-6 })).toBeNull();
    const sd = model.stateDict();
    expect(Object.keys(sd)).toEqual(Object.keys(c.initialStateDict));
    for (const [key, want] of Object.entries(c.initialStateDict)) expect(flat(sd[key]!)).toEqual(want);
  });

  it("follows PyTorch's loss curve for 50 full-batch steps and ends at its weights", () => {
    const { X, y, model } = setUp();
    const lossFn = new MSELoss();
    const params = model.parameters();
    const step = steppers[c.name]();
    const losses: number[] = [];
    for (let s = 0; s < 50; s++) {
      model.zeroGrad();
      const loss = lossFn.forward(model.forward(X), y);
      losses.push(loss.item());
      loss.backward();
      noGrad(() => step(params, s));
    }
    expect(compareClose(losses, c.losses, golden.tolerance)).toBeNull();
    // The curve really moves: the last loss is a small fraction of the first.
    expect(losses[49]! / losses[0]!).toBeLessThan(0.5);
    const final = model.stateDict();
    for (const [key, want] of Object.entries(c.finalStateDict)) expect(compareClose(flat(final[key]!), want, golden.tolerance)).toBeNull();
  });
});

describe('the reference curve itself', () => {
  it('has 50 losses per case and the StepLR schedule the recipe states', () => {
    expect(byName.adam.losses).toHaveLength(50);
    expect(byName.adam.lrs.every((lr) => lr === 0.01)).toBe(true);
    expect(byName.sgd_steplr.lrs).toEqual(Array.from({ length: 50 }, (_, s) => 0.05 * 0.5 ** Math.floor(s / 10)));
  });
});
