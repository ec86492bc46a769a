/**
 * A saddle point: f(x, y) = x² + y⁴/4 − y²/2 has a saddle at (0, 0) (a minimum along x, a maximum
 * along y) and two minima at (0, ±1) with f = −1/4. Started at (1, 0.001), plain gradient descent
 * slides down x into the saddle, where the y-gradient y³ − y is almost zero: y grows only by a factor
 * (1 + lr) a step, and after 200 steps at lr 0.01 the point is (0.0176, 0.0073), still at the saddle
 * with f > 0 (it would take about 700 steps to leave). Momentum accumulates those small gradients
 * (its step is about lr/(1 − β) once the buffer has filled), passes y = 0.5 at step 105 and ends at
 * (0.000, 0.997), f = −0.249993, in a minimum.
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { SGD } from '@descent/optim';

/** A 2-D point. */
export type Point = [number, number];

/**
 * The surface f = x² + y⁴/4 − y²/2 of a 2-element tensor p = [x, y], written with tensor ops so
 * autograd gives its gradient (2x, y³ − y).
 *
 * @example
 * saddleSurface(tensor([0, 1], { dtype: 'float64' })).item(); // -0.25
 */
export function saddleSurface(p: Tensor): Tensor {
  const x = p.narrow(0, 0, 1);
  const y = p.narrow(0, 1, 1);
  return x.pow(2).add(y.pow(4).div(4)).sub(y.pow(2).div(2)).sum();
}

/**
 * The same surface on plain numbers (for contour plots).
 *
 * @example
 * saddleValue(0, 0); // 0, the saddle
 */
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
 * Plain SGD and SGD with momentum from the same start next to the saddle of
 * f = x² + y⁴/4 − y²/2. Near the saddle the gradient is almost zero in the direction that leads
 * down, so plain SGD crawls: after 200 steps it still sits at the saddle. Momentum sums up the
 * small, consistent gradients, builds speed and carries the point through to the minimum at (0, 1).
 *
 * @param options.start the starting point (default [1, 0.001])
 * @param options.lr the learning rate of both runs (default 0.01)
 * @param options.momentum the momentum of the second run (default 0.9)
 * @param options.steps steps per run (default 200)
 * @example
 * const { sgd, momentum } = saddlePointExample();
 * sgd.path.at(-1);        // ≈ [0.0176, 0.0073]: still at the saddle, f ≈ +2.8e-4
 * momentum.values.at(-1); // ≈ −0.249993: in the minimum at (0, 1)
 */
export function saddlePointExample(
  options: { start?: Point; lr?: number; momentum?: number; steps?: number } = {},
): SaddlePointTrace {
  const { start = [1, 0.001], lr = 0.01, momentum = 0.9, steps = 200 } = options;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`saddlePointExample: steps must be a non-negative integer, got ${steps}`);
  }
  if (!(Number.isFinite(start[0]) && Number.isFinite(start[1]))) {
    throw new RangeError(`saddlePointExample: start must be two finite numbers, got [${start.join(', ')}]`);
  }
  if (!(lr >= 0)) throw new RangeError(`Invalid learning rate: ${lr}`);
  if (!(momentum >= 0)) throw new RangeError(`Invalid momentum value: ${momentum}`);
  return {
    start: [start[0], start[1]],
    lr,
    steps,
    sgd: descend(`SGD(lr=${lr})`, start, steps, { lr }),
    momentum: descend(`SGD(lr=${lr}, momentum=${momentum})`, start, steps, { lr, momentum }),
  };
}

/**
 * Prints both paths side by side, every `every` steps (default 20) and the last one: x, y and f.
 *
 * @example
 * formatSaddlePoint(saddlePointExample(), { every: 50 });
 */
export function formatSaddlePoint(trace: SaddlePointTrace, options: { every?: number } = {}): string {
  const { every = 20 } = options;
  if (!Number.isInteger(every) || every < 1) {
    throw new RangeError(`formatSaddlePoint: every must be a positive integer, got ${every}`);
  }
  const runs = [trace.sgd, trace.momentum];
  const cell = (v: number): string => v.toFixed(6).padStart(11);
  const lines = [
    `f(x, y) = x² + y⁴/4 − y²/2 from (${trace.start.join(', ')}), lr = ${trace.lr}`,
    `  step${runs.map((r) => ` | ${r.label.padEnd(33)}`).join('')}`.trimEnd(),
    `      ${runs.map(() => ` | ${'x'.padStart(11)}${'y'.padStart(11)}${'f'.padStart(11)}`).join('')}`,
  ];
  for (let s = 0; s <= trace.steps; s++) {
    if (s % every !== 0 && s !== trace.steps) continue;
    const cells = runs.map((r) => {
      const [x, y] = r.path[s] as Point;
      return ` | ${cell(x)}${cell(y)}${cell(r.values[s] as number)}`;
    });
    lines.push(`  ${String(s).padStart(4)}${cells.join('')}`);
  }
  return lines.join('\n');
}
