import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { ScheduleFreeAdamW } from './schedule-free-adamw';
import { ScheduleFreeSGD } from './schedule-free-sgd';

describe('ScheduleFreeSGD and ScheduleFreeAdamW', () => {
  it.each([
    [() => new ScheduleFreeSGD([tensor([1], { requiresGrad: true })], { momentum: 1 }), 'Momentum must be between 0 and 1 exclusive: 1'],
    [() => new ScheduleFreeSGD([tensor([1], { requiresGrad: true })], { lr: -1 }), 'Invalid learning rate: -1'],
    [() => new ScheduleFreeAdamW([tensor([1], { requiresGrad: true })], { betas: [0.9, 1] }), 'Invalid beta parameter at index 1: 1.0'],
    [() => new ScheduleFreeAdamW([tensor([1], { requiresGrad: true })], { eps: -1 }), 'Invalid epsilon value: -1'],
  ])('rejects bad options (%#)', (make, message) => {
    expect(make).toThrow(message);
  });

  it('refuses to step in eval mode, as the reference', () => {
    const w = tensor([1], { requiresGrad: true });
    const opt = new ScheduleFreeSGD([w]);
    w.grad = tensor([1]);
    expect(() => opt.step()).toThrow('Optimizer was not in train mode when step is called.');
  });

  it('holds y in train mode and x in eval mode (worked example)', () => {
    // SGD, lr 1, β = 0.5, θ₀ = 0, g = 1 then 1 (r = 0, weightLrPower 2, so c₁ = 1, c₂ = ½):
    // step 1: z = −1, x = −1, y = ½·z + ½·x = −1;  step 2: z = −2, x = ½·(−1) + ½·(−2) = −1.5,
    // y = ½·(−2) + ½·(−1.5) = −1.75.
    const w = tensor([0], { dtype: 'float64', requiresGrad: true });
    const opt = new ScheduleFreeSGD([w], { lr: 1, momentum: 0.5 });
    opt.train();
    for (let i = 0; i < 2; i++) {
      w.grad = tensor([1], { dtype: 'float64' });
      opt.step();
    }
    expect(w.item()).toBeCloseTo(-1.75, 14);
    opt.eval();
    expect(w.item()).toBeCloseTo(-1.5, 14);
    opt.eval(); // already in eval mode: no change
    expect(w.item()).toBeCloseTo(-1.5, 14);
    opt.train();
    expect(w.item()).toBeCloseTo(-1.75, 14);
  });
});
