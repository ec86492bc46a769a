import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  Lion,
  NAdam,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

// Optax-style convergence table: every optimizer, from (−1, 1.5), with analytic gradients.
type Gradient = (x: number[]) => number[];
// f(x) = (x0 − 1)² + (x1 + 2)², minimum (1, −2)
const parabola: Gradient = ([a = 0, b = 0]) => [2 * (a - 1), 2 * (b + 2)];
// f(x) = (1 − x0)² + 100·(x1 − x0²)², minimum (1, 1)
const rosenbrock: Gradient = ([a = 0, b = 0]) => [
  -2 * (1 - a) - 400 * a * (b - a * a),
  200 * (b - a * a),
];

function run(make: (w: Tensor) => OptimizerLike, gradient: Gradient, steps: number): number[] {
  const w = tensor([-1, 1.5], { dtype: 'float64', requiresGrad: true });
  const opt = make(w);
  for (let i = 0; i < steps; i++) {
    w.grad = tensor(gradient(w.tolist() as number[]), { dtype: 'float64' });
    opt.step();
  }
  return w.tolist() as number[];
}

describe('convergence to the minimum of a parabola', () => {
  it.each([
    ['SGD', (w: Tensor) => new SGD([w], { lr: 0.1 }), 200],
    ['SGD nesterov', (w: Tensor) => new SGD([w], { lr: 0.05, momentum: 0.9, nesterov: true }), 300],
    ['Adam', (w: Tensor) => new Adam([w], { lr: 0.05 }), 1000],
    ['AdamW', (w: Tensor) => new AdamW([w], { lr: 0.05, weightDecay: 0 }), 1000],
    ['Adamax', (w: Tensor) => new Adamax([w], { lr: 0.05 }), 1000],
    ['NAdam', (w: Tensor) => new NAdam([w], { lr: 0.05 }), 1000],
    ['RAdam', (w: Tensor) => new RAdam([w], { lr: 0.05 }), 1000],
    ['ASGD', (w: Tensor) => new ASGD([w], { lr: 0.1 }), 500],
    ['Lion', (w: Tensor) => new Lion([w], { lr: 0.01 }), 1000],
    ['RMSprop', (w: Tensor) => new RMSprop([w], { lr: 0.01 }), 1000],
    ['Adagrad', (w: Tensor) => new Adagrad([w], { lr: 0.5 }), 1000],
    ['Adadelta', (w: Tensor) => new Adadelta([w], { lr: 10 }), 1000],
    ['Rprop', (w: Tensor) => new Rprop([w]), 200],
  ] as const)('%s', (_n, make, steps) => {
    const [a = NaN, b = NaN] = run(make, parabola, steps);
    expect(Math.abs(a - 1)).toBeLessThan(1e-3);
    expect(Math.abs(b + 2)).toBeLessThan(1e-3);
  });
});

describe('convergence to the minimum of the Rosenbrock function', () => {
  // Adadelta (lr 10) is still far from (1, 1) after 10k steps and is left out, as in Optax's table.
  // RAdam needs a small lr: its first steps (ρ_t ≤ 5) are unnormalised momentum-SGD steps.
  it.each([
    ['SGD momentum', (w: Tensor) => new SGD([w], { lr: 1e-3, momentum: 0.9 }), 10000],
    ['Adam', (w: Tensor) => new Adam([w], { lr: 0.02 }), 5000],
    ['AdamW', (w: Tensor) => new AdamW([w], { lr: 0.02, weightDecay: 0 }), 5000],
    ['Adamax', (w: Tensor) => new Adamax([w], { lr: 0.02 }), 10000],
    ['NAdam', (w: Tensor) => new NAdam([w], { lr: 0.02 }), 10000],
    ['RAdam', (w: Tensor) => new RAdam([w], { lr: 2e-3 }), 10000],
    ['RMSprop', (w: Tensor) => new RMSprop([w], { lr: 1e-3 }), 10000],
    ['Adagrad', (w: Tensor) => new Adagrad([w], { lr: 0.5 }), 10000],
    ['Rprop', (w: Tensor) => new Rprop([w]), 5000],
    ['Lion', (w: Tensor) => new Lion([w], { lr: 1e-3 }), 10000],
    ['ASGD', (w: Tensor) => new ASGD([w], { lr: 1e-3 }), 20000],
  ] as const)('%s', (_n, make, steps) => {
    const [a = NaN, b = NaN] = run(make, rosenbrock, steps);
    expect(Math.abs(a - 1)).toBeLessThan(1e-2);
    expect(Math.abs(b - 1)).toBeLessThan(1e-2);
  });
});
