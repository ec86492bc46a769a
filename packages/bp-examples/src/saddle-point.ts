/**
 * A saddle point: f(x, y) = x² + y⁴/4 − y²/2 has a saddle at (0, 0) (a minimum along x, a maximum
 * along y) and two minima at (0, ±1) with f = −1/4. Started at (1, 0.001), plain gradient descent
 * slides down x into the saddle, where the y-gradient y³ − y is almost zero: y grows only by a factor
 * (1 + lr) a step, and after 200 steps at lr 0.01 it is still near the saddle. Momentum accumulates
 * those small gradients (its step is about lr/(1 − β) once the buffer has filled) and carries the
 * point through to a minimum.
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { SGD } from '@descent/optim';

/** A 2-D point. */
export type Point = [number, number];

/** The surface, written with tensor ops so autograd gives its gradient. */
export function saddleSurface(p: Tensor): Tensor {
  const x = p.narrow(0, 0, 1);
  const y = p.narrow(0, 1, 1);
  return x.pow(2).add(y.pow(4).div(4)).sub(y.pow(2).div(2)).sum();
}

/** The same surface on plain numbers (for contour plots). */
export function saddleValue(x: number, y: number): number {
  return x * x + y ** 4 / 4 - y * y / 2;
}

/** One optimizer's path over the surface. */
export interface SaddleTrajectory {
  label: string;
  /** The point before the first step and after every step. */
  path: Point[];
  /** f along the path. */
  values: number[];
}

/** What {@link saddlePointExample} returns. */
export interface SaddlePointTrace {
  start: Point;
  lr: number;
  steps: number;
  sgd: SaddleTrajectory;
  momentum: SaddleTrajectory;
}

function descend(label: string, start: Point, steps: number, options: { lr: number; momentum?: number }): SaddleTrajectory {
  const p = tensor(start, { dtype: 'float64', requiresGrad: true });
  const optimizer = new SGD([p], options);
  const path: Point[] = [[start[0], start[1]]];
  const values = [saddleValue(start[0], start[1])];
  for (let s = 0; s < steps; s++) {
    optimizer.zeroGrad();
    saddleSurface(p).backward();
    optimizer.step();
    const [x, y] = p.tolist() as number[];
    path.push([x as number, y as number]);
    values.push(saddleValue(x as number, y as number));
  }
  return { label, path, values };
}

/**
 * Plain SGD and SGD with momentum from the same start near a saddle point: the first stalls, the
 * second escapes to a minimum.
 *
 * @example
 * const { sgd, momentum } = saddlePointExample();
 * sgd.values.at(-1);      // ≈ −3e-5: still at the saddle
 * momentum.values.at(-1); // ≈ −0.25: at a minimum
 */
export function saddlePointExample(
  options: { start?: Point; lr?: number; momentum?: number; steps?: number } = {},
): SaddlePointTrace {
  const { start = [1, 0.001], lr = 0.01, momentum = 0.9, steps = 200 } = options;
  return {
    start,
    lr,
    steps,
    sgd: descend(`SGD(lr=${lr})`, start, steps, { lr }),
    momentum: descend(`SGD(lr=${lr}, momentum=${momentum})`, start, steps, { lr, momentum }),
  };
}
