import { manualSeed, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { StepLR } from '@descent/lr-scheduler';
import { Linear, MSELoss, Sequential, Tanh } from '@descent/nn';
import { Adam, SGD } from '@descent/optim';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface TrainingCase {
  name: 'adam' | 'sgd_steplr';
  X: number[];
  y: number[];
  initialStateDict: Record<string, number[]>;
  losses: number[];
  lrs: number[];
  finalStateDict: Record<string, number[]>;
}
const golden = JSON.parse(readFileSync(new URL('./golden/training.json', import.meta.url), 'utf8')) as {
  tolerance: { rtol: number; atol: number };
  cases: TrainingCase[];
};
const { rtol, atol } = golden.tolerance;
const expectClose = (got: ArrayLike<number>, want: readonly number[], label: string): void => {
  want.forEach((w, i) => {
    const g = got[i] as number;
    if (!(Math.abs(g - w) <= atol + rtol * Math.abs(w))) throw new Error(`${label}[${i}]: got ${g}, expected ${w}`);
  });
  expect(got.length).toBe(want.length);
};

// The recipe of gen_training.py, step for step, with Descent in place of PyTorch.
describe('full-batch training follows PyTorch 1.13', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    manualSeed(0);
    const X = randn([64, 4]);
    const y = X.matmul(tensor([1, -2, 3, 0.5])).add(randn([64]).mul(0.1)).unsqueeze(1);
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
    // Data and initial weights are exact: same random stream, same initialisation.
    expect(Array.from(X.toTypedArray())).toEqual(c.X);
    expectClose(y.toTypedArray(), c.y, 'y');
    const sd = model.stateDict();
    for (const [k, v] of Object.entries(c.initialStateDict)) expect(Array.from((sd[k] as Tensor).toTypedArray())).toEqual(v);

    const lossFn = new MSELoss();
    const params = [...model.parameters()];
    const opt = c.name === 'adam' ? new Adam(params, { lr: 0.01 }) : new SGD(params, { lr: 0.05, momentum: 0.9 });
    const sched = c.name === 'adam' ? null : new StepLR(opt, { stepSize: 10, gamma: 0.5 });
    const losses: number[] = [];
    const lrs: number[] = [];
    for (let s = 0; s < 50; s++) {
      opt.zeroGrad();
      const loss = lossFn.forward(model.forward(X), y);
      losses.push(loss.item());
      lrs.push(opt.paramGroups[0]?.lr as number);
      loss.backward();
      opt.step();
      sched?.step();
    }
    expectClose(losses, c.losses, 'losses');
    expect(lrs).toEqual(c.lrs);
    const final = model.stateDict();
    for (const [k, v] of Object.entries(c.finalStateDict)) expectClose((final[k] as Tensor).toTypedArray(), v, k);
  });
});
