import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Adagrad, Adam, RMSprop, SGD } from '@descent/optim';
import type { Surface } from './surfaces';

/** What the race needs of an optimizer. */
interface Stepper {
  step(): unknown;
  zeroGrad(): unknown;
}

/** The five optimizers of the tutorial, by label. */
export const RACE_OPTIMIZERS = ['SGD', 'Momentum', 'AdaGrad', 'RMSprop', 'Adam'] as const;
export type RaceOptimizer = (typeof RACE_OPTIMIZERS)[number];

/** Learning rates per surface, chosen so that each optimizer is stable from the start point. */
export const RACE_LRS: Record<Surface['id'], Record<RaceOptimizer, number>> = {
  bowl: { SGD: 0.1, Momentum: 0.05, AdaGrad: 0.8, RMSprop: 0.05, Adam: 0.2 },
  saddle: { SGD: 0.05, Momentum: 0.02, AdaGrad: 0.5, RMSprop: 0.02, Adam: 0.05 },
  rosenbrock: { SGD: 1e-3, Momentum: 4e-4, AdaGrad: 0.5, RMSprop: 0.01, Adam: 0.05 },
};

function makeOptimizer(name: RaceOptimizer, p: Tensor, lr: number, momentum: number): Stepper {
  switch (name) {
    case 'SGD':
      return new SGD([p], { lr });
    case 'Momentum':
      return new SGD([p], { lr, momentum });
    case 'AdaGrad':
      return new Adagrad([p], { lr });
    case 'RMSprop':
      return new RMSprop([p], { lr });
    case 'Adam':
      return new Adam([p], { lr });
  }
}

/** One optimizer's iterates on a surface, from the start point (step 0) on. */
export interface RacePath {
  optimizer: RaceOptimizer;
  points: { step: number; x: number; y: number; f: number }[];
}

/**
 * Runs an optimizer of `@descent/optim` on a 2-D surface: the point is a float64 parameter, and
 * each step sets its gradient to the surface's analytic gradient, then calls `step()`.
 */
export function racePath(
  surface: Surface,
  name: RaceOptimizer,
  o: { lr?: number; momentum?: number; steps?: number } = {},
): RacePath {
  const lr = o.lr ?? RACE_LRS[surface.id][name];
  const p = tensor([...surface.start], { dtype: 'float64', requiresGrad: true });
  const opt = makeOptimizer(name, p, lr, o.momentum ?? 0.9);
  const points = [
    { step: 0, x: surface.start[0], y: surface.start[1], f: surface.f(...surface.start) },
  ];
  for (let step = 1; step <= (o.steps ?? surface.steps); step++) {
    const [x, y] = p.tolist() as [number, number];
    opt.zeroGrad();
    p.grad = tensor(surface.grad(x, y), { dtype: 'float64' });
    opt.step();
    const [nx, ny] = p.tolist() as [number, number];
    if (!Number.isFinite(nx) || !Number.isFinite(ny)) break;
    points.push({ step, x: nx, y: ny, f: surface.f(nx, ny) });
  }
  return { optimizer: name, points };
}

/** The tutorial's two-step example: loss (w²/2).sum() from w = [1], float32. */
export const TWO_STEP_RUNS = [
  {
    label: 'SGD(lr=0.01, momentum=0.9)',
    make: (w: Tensor) => new SGD([w], { lr: 0.01, momentum: 0.9 }),
  },
  { label: 'Adagrad(lr=0.01)', make: (w: Tensor) => new Adagrad([w], { lr: 0.01 }) },
  {
    label: 'RMSprop(lr=0.01, alpha=0.9)',
    make: (w: Tensor) => new RMSprop([w], { lr: 0.01, alpha: 0.9 }),
  },
  {
    label: 'Adam(lr=0.01, betas=(0.9, 0.99))',
    make: (w: Tensor) => new Adam([w], { lr: 0.01, betas: [0.9, 0.99] }),
  },
] as const;

/** Runs the two steps of one optimizer; returns the grad and the weight after each step. */
export function twoSteps(make: (w: Tensor) => Stepper): { grad: number; weight: number }[] {
  const w = tensor([1], { requiresGrad: true });
  const opt = make(w);
  const rows = [];
  for (let i = 0; i < 2; i++) {
    opt.zeroGrad();
    w.pow(2).div(2).sum().backward();
    opt.step();
    rows.push({
      grad: (w.grad?.tolist() as number[])[0] as number,
      weight: (w.tolist() as number[])[0] as number,
    });
  }
  return rows;
}

/** The tutorial's printed line for step i (1-based): C's %f, i.e. 6 decimals. */
export function twoStepLine(i: number, row: { grad: number; weight: number }): string {
  return `第${i}次: 梯度w.grad: ${row.grad.toFixed(6)}, 更新后的权重:${row.weight.toFixed(6)}`;
}
