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
  // The tutorial's saddle run: lr 0.01 for SGD and Momentum, from (1, 0.001), 200 steps.
  saddle: { SGD: 0.01, Momentum: 0.01, AdaGrad: 0.1, RMSprop: 0.01, Adam: 0.02 },
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
