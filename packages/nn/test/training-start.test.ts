import { readFileSync } from 'node:fs';
import { manualSeed, randn, tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { Linear, MSELoss, Sequential, Tanh } from '../src/index';

interface TrainingCase {
  name: string;
  X: number[];
  y: number[];
  initialStateDict: Record<string, number[]>;
  losses: number[];
}

// Written by test/golden/gen_training.py with PyTorch 1.13. The full 50-step replay needs an
// optimizer and lives with @descent/optim; here we check everything up to the first loss.
const golden = JSON.parse(readFileSync(new URL('./golden/training.json', import.meta.url), 'utf8')) as {
  tolerance: { rtol: number; atol: number };
  cases: TrainingCase[];
};

describe.each(golden.cases.map((c) => [c.name, c] as const))('training recipe %s, before the first step', (_name, c) => {
  it('draws X, y and the initial weights as PyTorch does', () => {
    manualSeed(0);
    const X = randn([64, 4]);
    const y = X.matmul(tensor([1, -2, 3, 0.5])).add(randn([64]).mul(0.1)).unsqueeze(1);
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
    expect(Array.from(X.toTypedArray())).toEqual(c.X);
    expect(compareClose(Array.from(y.toTypedArray()), c.y, { rtol: 1e-6, atol: 1e-6 })).toBeNull();
    const sd = model.stateDict();
    for (const [key, want] of Object.entries(c.initialStateDict)) expect(Array.from(sd[key]!.toTypedArray())).toEqual(want);
  });

  it('computes the first loss within the recipe tolerance', () => {
    manualSeed(0);
    randn([64, 4]);
    randn([64]);
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
    const X = tensor(c.X).reshape([64, 4]);
    const y = tensor(c.y).reshape([64, 1]);
    const loss = new MSELoss().forward(model.forward(X), y);
    expect(compareClose([loss.item()], [c.losses[0]!], golden.tolerance)).toBeNull();
  });
});
