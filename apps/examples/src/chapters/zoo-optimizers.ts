import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import {
  ASGD,
  AdEMAMix,
  Adadelta,
  Adafactor,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  LAMB,
  LARS,
  LBFGS,
  Lion,
  Lookahead,
  Muon,
  NAdam,
  Prodigy,
  RAdam,
  RMSprop,
  Rprop,
  SAM,
  SGD,
  ScheduleFreeAdamW,
  ScheduleFreeSGD,
} from '@descent/optim';
import type { OptimizerLike } from '@descent/optim';
import type { ZooFunction } from './zoo-functions';

/** Where an optimizer comes from: the tutorial's five, the rest of torch.optim, or beyond it. */
export type ZooFamily = 'tutorial' | 'torch.optim' | 'beyond';

/** One optimizer of the zoo: how to build it on the point θ = (x, y) with a learning rate. */
export interface ZooOptimizer {
  name: string;
  /** The centre of its learning-rate search: its usual value on problems of unit scale. */
  lr: number;
  family: ZooFamily;
  make(theta: Tensor, lr: number): OptimizerLike;
  /** SAM re-evaluates the gradient at a nearby point, LBFGS runs a line search: both need the closure. */
  closure?: boolean;
  /** Muon orthogonalises matrices: θ is its 1×2 matrix (a row, so its update is the unit direction). */
  matrix?: boolean;
  /** Schedule-Free: trained at y, read (and plotted) at x. */
  scheduleFree?: boolean;
}

/** Every optimizer of @descent/optim: the tutorial's five first, then torch.optim's, then beyond. */
export const ZOO_OPTIMIZERS: readonly ZooOptimizer[] = [
  { name: 'SGD', lr: 3e-3, family: 'tutorial', make: (p, lr) => new SGD([p], { lr }) },
  { name: 'Momentum', lr: 1e-3, family: 'tutorial', make: (p, lr) => new SGD([p], { lr, momentum: 0.9 }) },
  { name: 'AdaGrad', lr: 0.3, family: 'tutorial', make: (p, lr) => new Adagrad([p], { lr }) },
  { name: 'RMSprop', lr: 1e-2, family: 'tutorial', make: (p, lr) => new RMSprop([p], { lr }) },
  { name: 'Adam', lr: 3e-2, family: 'tutorial', make: (p, lr) => new Adam([p], { lr }) },
  { name: 'Nesterov', lr: 1e-3, family: 'torch.optim', make: (p, lr) => new SGD([p], { lr, momentum: 0.9, nesterov: true }) },
  { name: 'AdamW', lr: 3e-2, family: 'torch.optim', make: (p, lr) => new AdamW([p], { lr }) },
  { name: 'NAdam', lr: 3e-2, family: 'torch.optim', make: (p, lr) => new NAdam([p], { lr }) },
  { name: 'RAdam', lr: 3e-2, family: 'torch.optim', make: (p, lr) => new RAdam([p], { lr }) },
  { name: 'Adamax', lr: 3e-2, family: 'torch.optim', make: (p, lr) => new Adamax([p], { lr }) },
  { name: 'Adadelta', lr: 1, family: 'torch.optim', make: (p, lr) => new Adadelta([p], { lr }) },
  { name: 'Rprop', lr: 1e-2, family: 'torch.optim', make: (p, lr) => new Rprop([p], { lr }) },
  { name: 'ASGD', lr: 3e-3, family: 'torch.optim', make: (p, lr) => new ASGD([p], { lr }) },
  { name: 'LBFGS', lr: 0.3, family: 'torch.optim', closure: true, make: (p, lr) => new LBFGS([p], { lr, maxIter: 1, lineSearchFn: 'strong_wolfe' }) },
  { name: 'Lion', lr: 3e-3, family: 'beyond', make: (p, lr) => new Lion([p], { lr }) },
  { name: 'Adafactor', lr: 3e-2, family: 'beyond', make: (p, lr) => new Adafactor([p], { lr }) },
  { name: 'LAMB', lr: 3e-2, family: 'beyond', make: (p, lr) => new LAMB([p], { lr }) },
  { name: 'LARS', lr: 1e-3, family: 'beyond', make: (p, lr) => new LARS([p], { lr, momentum: 0.9 }) },
  { name: 'Lookahead(Adam)', lr: 3e-2, family: 'beyond', make: (p, lr) => new Lookahead(new Adam([p], { lr })) },
  { name: 'SAM(SGD)', lr: 1e-3, family: 'beyond', closure: true, make: (p, lr) => new SAM([p], (g) => new SGD(g, { lr, momentum: 0.9 }), { rho: 0.05 }) },
  { name: 'ScheduleFreeAdamW', lr: 3e-2, family: 'beyond', scheduleFree: true, make: (p, lr) => new ScheduleFreeAdamW([p], { lr }) },
  { name: 'ScheduleFreeSGD', lr: 3e-3, family: 'beyond', scheduleFree: true, make: (p, lr) => new ScheduleFreeSGD([p], { lr }) },
  { name: 'Muon', lr: 3e-2, family: 'beyond', matrix: true, make: (p, lr) => new Muon([p], { lr }) },
  { name: 'Prodigy', lr: 1, family: 'beyond', make: (p, lr) => new Prodigy([p], { lr }) },
  { name: 'AdEMAMix', lr: 1e-2, family: 'beyond', make: (p, lr) => new AdEMAMix([p], { lr, betas: [0.9, 0.999, 0.99] }) },
];

/** One iterate of a run: the point and the loss there. */
export interface ZooPoint {
  step: number;
  x: number;
  y: number;
  f: number;
}

/** A run that leaves the plot by this factor of its domain's size counts as diverged. */
const ESCAPE = 1e3;

/**
 * Runs an optimizer of @descent/optim on a test function from its start point: the point is one
 * float64 parameter whose gradient is set to the analytic gradient before each `step()` (or by
 * the closure, for SAM and LBFGS). Stops early, marked diverged, if the point leaves all bounds.
 *
 * @example
 * zooRun(ZOO_FUNCTIONS[0], ZOO_OPTIMIZERS[4], 0.05).points.at(-1); // Adam on Rosenbrock
 */
export function zooRun(
  fn: ZooFunction,
  optimizer: ZooOptimizer,
  lr: number,
  steps = fn.steps,
): { points: ZooPoint[]; diverged: boolean } {
  const [x0, y0] = fn.start;
  const theta = (optimizer.matrix ? tensor([[x0, y0]], { dtype: 'float64' }) : tensor([x0, y0], { dtype: 'float64' })).requiresGrad_();
  const grad = optimizer.matrix ? tensor([[0, 0]], { dtype: 'float64' }) : tensor([0, 0], { dtype: 'float64' });
  const values = (): Float64Array => theta.storage.data as Float64Array;
  const gradValues = grad.storage.data as Float64Array;
  const opt = optimizer.make(theta, lr);
  const sf = optimizer.scheduleFree ? (opt as ScheduleFreeAdamW | ScheduleFreeSGD) : null;
  sf?.train();
  const setGrad = (): number => {
    const v = values();
    const [gx, gy] = fn.grad(v[0] as number, v[1] as number);
    gradValues[0] = gx;
    gradValues[1] = gy;
    theta.grad = grad;
    return fn.f(v[0] as number, v[1] as number);
  };
  const closure = optimizer.closure ? setGrad : undefined;
  const span = Math.max(fn.domain.x[1] - fn.domain.x[0], fn.domain.y[1] - fn.domain.y[0]);
  const points: ZooPoint[] = [{ step: 0, x: x0, y: y0, f: fn.f(x0, y0) }];
  // The point to report: x for Schedule-Free (switched to eval and back), else θ itself.
  const read = (): [number, number] => {
    if (sf === null) return [values()[0] as number, values()[1] as number];
    sf.eval();
    const at: [number, number] = [values()[0] as number, values()[1] as number];
    sf.train();
    return at;
  };
  for (let step = 1; step <= steps; step++) {
    setGrad();
    opt.step(closure);
    const [x, y] = read();
    const f = fn.f(x, y);
    if (!Number.isFinite(f) || Math.abs(x) > ESCAPE * span || Math.abs(y) > ESCAPE * span) return { points, diverged: true };
    points.push({ step, x, y, f });
  }
  return { points, diverged: false };
}
