import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { AdEMAMix, Adafactor, LAMB, LARS, Lookahead, Muon, Prodigy, SAM, SGD, ScheduleFreeAdamW, ScheduleFreeSGD, Adam } from '../src/index';
import type { OptimizerLike } from '../src/index';

// Optax-style convergence checks for the optimizers beyond torch.optim, with analytic gradients.
type Gradient = (x: number[]) => number[];
// f(x) = (x0 − 1)² + (x1 + 2)², minimum (1, −2)
const parabola: Gradient = ([a = 0, b = 0]) => [2 * (a - 1), 2 * (b + 2)];
// f(x) = (1 − x0)² + 100·(x1 − x0²)², minimum (1, 1)
const rosenbrock: Gradient = ([a = 0, b = 0]) => [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)];

/** Runs from (−1, 1.5); the Schedule-Free ones train on y and are read at x (eval mode). */
function run(make: (w: Tensor) => OptimizerLike, gradient: Gradient, steps: number): number[] {
  const w = tensor([-1, 1.5], { dtype: 'float64', requiresGrad: true });
  const opt = make(w);
  const scheduleFree = opt instanceof ScheduleFreeAdamW || opt instanceof ScheduleFreeSGD;
  if (scheduleFree) opt.train();
  for (let i = 0; i < steps; i++) {
    w.grad = tensor(gradient(w.tolist() as number[]), { dtype: 'float64' });
    if (opt instanceof SAM) {
      opt.step(() => {
        w.grad = tensor(gradient(w.tolist() as number[]), { dtype: 'float64' });
        return 0;
      });
    } else opt.step();
  }
  if (scheduleFree) opt.eval();
  return w.tolist() as number[];
}

describe('convergence to the minimum of a parabola (beyond torch.optim)', () => {
  it.each([
    ['Adafactor', (w: Tensor) => new Adafactor([w], { lr: 0.1 }), 2000],
    ['LAMB', (w: Tensor) => new LAMB([w], { lr: 0.01 }), 2000],
    ['LARS', (w: Tensor) => new LARS([w], { lr: 0.05, momentum: 0.9 }), 500],
    ['Lookahead(SGD)', (w: Tensor) => new Lookahead(new SGD([w], { lr: 0.1 })), 300],
    ['SAM(SGD)', (w: Tensor) => new SAM([w], (g) => new SGD(g, { lr: 0.1 }), { rho: 0.05 }), 300],
    ['ScheduleFreeAdamW', (w: Tensor) => new ScheduleFreeAdamW([w], { lr: 0.05 }), 2000],
    ['ScheduleFreeSGD', (w: Tensor) => new ScheduleFreeSGD([w], { lr: 0.1 }), 500],
    ['Prodigy', (w: Tensor) => new Prodigy([w]), 2000],
    ['AdEMAMix', (w: Tensor) => new AdEMAMix([w], { lr: 0.01, betas: [0.9, 0.999, 0.99] }), 3000],
  ] as const)('%s', (_n, make, steps) => {
    const [a = NaN, b = NaN] = run(make, parabola, steps);
    expect(Math.abs(a - 1)).toBeLessThan(1e-2);
    expect(Math.abs(b + 2)).toBeLessThan(1e-2);
  });

  it('Muon, on a 2×2 weight: W → argmin ‖W − T‖² = T', () => {
    // A matrix parameter takes the Newton–Schulz path (a vector would take AdamW).
    const target = [1, -2, 0.5, 3];
    const w = tensor([[0, 0], [0, 0]], { dtype: 'float64', requiresGrad: true });
    const opt = new Muon([w], { lr: 0.02 });
    for (let i = 0; i < 1500; i++) {
      const v = w.reshape([-1]).tolist() as number[];
      w.grad = tensor(v.map((x, j) => 2 * (x - (target[j] as number)))).reshape([2, 2]).to('float64');
      opt.step();
    }
    const got = w.reshape([-1]).tolist() as number[];
    // Muon's step has spectral norm ≈ lr, so it ends within about lr of the target.
    got.forEach((x, j) => expect(Math.abs(x - (target[j] as number))).toBeLessThan(0.05));
  });
});

describe('convergence to the minimum of the Rosenbrock function (beyond torch.optim)', () => {
  it.each([
    ['Lookahead(Adam)', (w: Tensor) => new Lookahead(new Adam([w], { lr: 0.02 })), 10000],
    ['ScheduleFreeAdamW', (w: Tensor) => new ScheduleFreeAdamW([w], { lr: 0.02 }), 10000],
    ['AdEMAMix', (w: Tensor) => new AdEMAMix([w], { lr: 0.005, betas: [0.9, 0.999, 0.99] }), 10000],
  ] as const)('%s', (_n, make, steps) => {
    const [a = NaN, b = NaN] = run(make, rosenbrock, steps);
    expect(Math.abs(a - 1)).toBeLessThan(1e-2);
    expect(Math.abs(b - 1)).toBeLessThan(1e-2);
  });
});
