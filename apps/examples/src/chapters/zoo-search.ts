import type { ZooFunction } from './zoo-functions';
import type { ZooOptimizer, ZooPoint } from './zoo-optimizers';
import { zooRun } from './zoo-optimizers';

/**
 * The learning-rate search of the zoo, the same for every optimizer and function: five candidates
 * half a decade apart around the optimizer's usual value (×0.1, ×0.32, ×1, ×3.2, ×10), each run
 * for the first fifth of the function's steps; the candidate with the lowest loss there wins
 * (runs that diverge are out). The winner then runs all the steps. A short horizon keeps the
 * search cheap (one run's worth per pair) and favours fast progress, which is what the race shows.
 */
export const SEARCH_FACTORS = [0.1, 10 ** -0.5, 1, 10 ** 0.5, 10] as const;
export const SEARCH_HORIZON = 0.2;

/** A run is converged when its loss ends within this of the known minimum value f*. */
export const CONVERGED_TOL = 1e-3;

/** The search and the full run of one optimizer on one function. */
export interface ZooResult {
  optimizer: string;
  lr: number;
  tried: { lr: number; loss: number | null }[];
  points: ZooPoint[];
  diverged: boolean;
  /** The loss ended within {@link CONVERGED_TOL} of f*. */
  converged: boolean;
  /** The first step within the tolerance (null if never). */
  stepsToTol: number | null;
}

/** The outcome of a search: the winning rate and every candidate's loss at the horizon. */
export interface ZooSearch {
  lr: number;
  tried: { lr: number; loss: number | null }[];
}

/**
 * The learning-rate search of one optimizer on one function (see {@link SEARCH_FACTORS}).
 *
 * @example
 * searchLr(ZOO_FUNCTIONS[0], ZOO_OPTIMIZERS[4]).lr; // Adam's rate on Rosenbrock
 */
export function searchLr(fn: ZooFunction, optimizer: ZooOptimizer): ZooSearch {
  const horizon = Math.max(1, Math.round(fn.steps * SEARCH_HORIZON));
  const tried = SEARCH_FACTORS.map((factor) => {
    const lr = Number((optimizer.lr * factor).toPrecision(2));
    const run = zooRun(fn, optimizer, lr, horizon);
    const last = run.points[run.points.length - 1];
    return { lr, loss: run.diverged || last === undefined ? null : last.f };
  });
  let best = tried[2] as { lr: number; loss: number | null };
  for (const t of tried) if (t.loss !== null && (best.loss === null || t.loss < best.loss)) best = t;
  return { lr: best.lr, tried };
}

/**
 * The full run of an optimizer on a function with a searched learning rate.
 *
 * @example
 * const adam = runSearched(fn, adamSpec, searchLr(fn, adamSpec));
 */
export function runSearched(fn: ZooFunction, optimizer: ZooOptimizer, search: ZooSearch): ZooResult {
  const run = zooRun(fn, optimizer, search.lr);
  const within = (p: ZooPoint): boolean => p.f - fn.fStar <= CONVERGED_TOL;
  const last = run.points[run.points.length - 1];
  return {
    optimizer: optimizer.name,
    lr: search.lr,
    tried: search.tried,
    points: run.points,
    diverged: run.diverged,
    converged: !run.diverged && last !== undefined && within(last),
    stepsToTol: run.points.find(within)?.step ?? null,
  };
}

/**
 * Searches the learning rate of an optimizer on a function, then runs it with the winner.
 *
 * @example
 * const adam = searchAndRun(ZOO_FUNCTIONS[0], ZOO_OPTIMIZERS[4]);
 */
export function searchAndRun(fn: ZooFunction, optimizer: ZooOptimizer): ZooResult {
  return runSearched(fn, optimizer, searchLr(fn, optimizer));
}
