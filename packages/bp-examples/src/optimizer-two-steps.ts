/**
 * The tutorial's first steps of each optimizer on one weight: loss = w²/2 from w = 1, so the
 * gradient is w itself. Two steps each, printed as the tutorial prints them:
 *
 *   第1次: 梯度w.grad: 1.000000, 更新后的权重:0.990000
 *
 * SGD(lr 0.1) takes w to 0.9 in one step and 0.81 in two. With momentum 0.9 the second step is larger than the
 * first (the buffer remembers the first gradient); Adagrad's second step is smaller (the squared
 * gradients accumulate); RMSprop's first step is √10 times SGD's (its average of g² starts at
 * (1 − α)·g²); Adam's first two steps are close to lr (bias correction undoes the zero start).
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Adagrad, Adam, RMSprop, SGD } from '@descent/optim';
import { formatF } from './c-format';

/** The runs, keyed by the tutorial's labels (PyTorch's constructor calls). */
export const TWO_STEP_RUNS = {
  'SGD(lr=0.1)': (w: Tensor) => new SGD([w], { lr: 0.1 }),
  'SGD(lr=0.01, momentum=0.9)': (w: Tensor) => new SGD([w], { lr: 0.01, momentum: 0.9 }),
  'Adagrad(lr=0.01)': (w: Tensor) => new Adagrad([w], { lr: 0.01 }),
  'RMSprop(lr=0.01, alpha=0.9)': (w: Tensor) => new RMSprop([w], { lr: 0.01, alpha: 0.9 }),
  'Adam(lr=0.01, betas=(0.9, 0.99))': (w: Tensor) => new Adam([w], { lr: 0.01, betas: [0.9, 0.99] }),
} as const;

/** The label of one run. */
export type TwoStepLabel = keyof typeof TWO_STEP_RUNS;

/** One step: the gradient used and the weight after the step, with the tutorial's printed line. */
export interface TwoStepRow {
  step: number;
  grad: number;
  weight: number;
  line: string;
}

/** An optimizer that steps a single weight. */
interface Stepper {
  step(): unknown;
  zeroGrad(): void;
}

function runSteps(makeOptimizer: (w: Tensor) => Stepper, w0: number, steps: number): TwoStepRow[] {
  const w = tensor([w0], { requiresGrad: true });
  const optimizer = makeOptimizer(w);
  const rows: TwoStepRow[] = [];
  for (let step = 1; step <= steps; step++) {
    optimizer.zeroGrad();
    w.pow(2).div(2).sum().backward();
    const grad = (w.grad as Tensor).item();
    optimizer.step();
    const weight = w.item();
    rows.push({ step, grad, weight, line: `第${step}次: 梯度w.grad: ${formatF(grad)}, 更新后的权重:${formatF(weight)}` });
  }
  return rows;
}

/**
 * The first two steps of each of the tutorial's optimizers on one weight, loss w²/2 from w = 1, so
 * the gradient always equals the weight. Plain SGD(lr 0.1) scales w by 0.9 each step; momentum's
 * second step is bigger than its first, Adagrad's is smaller, RMSprop's first step is √10·lr and
 * Adam's first steps are about lr each — the differences in how each one rescales the gradient.
 * Runs in float32 through autograd and `@descent/optim`; each row carries the tutorial's
 * `第1次: 梯度w.grad: %f, 更新后的权重:%f` line.
 *
 * @param options.w0 the starting weight (default 1)
 * @param options.steps steps per optimizer (default 2)
 * @example
 * optimizerTwoSteps()['Adagrad(lr=0.01)'][1].line; // "第2次: 梯度w.grad: 0.990000, 更新后的权重:0.982965"
 */
export function optimizerTwoSteps(options: { w0?: number; steps?: number } = {}): Record<TwoStepLabel, TwoStepRow[]> {
  const { w0 = 1, steps = 2 } = options;
  if (!Number.isFinite(w0)) throw new RangeError(`optimizerTwoSteps: w0 must be a finite number, got ${w0}`);
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`optimizerTwoSteps: steps must be a positive integer, got ${steps}`);
  }
  const out = {} as Record<TwoStepLabel, TwoStepRow[]>;
  for (const label of Object.keys(TWO_STEP_RUNS) as TwoStepLabel[]) {
    out[label] = runSteps(TWO_STEP_RUNS[label], w0, steps);
  }
  return out;
}

/**
 * SGD(lr) for one step on w²/2 from w0, in float32: the tutorial's w = 1 → 0.9 with lr 0.1
 * (0.8999999761581421 as a float32, as PyTorch prints it with more digits).
 *
 * @example
 * sgdSingleStep().line; // "第1次: 梯度w.grad: 1.000000, 更新后的权重:0.900000"
 */
export function sgdSingleStep(options: { lr?: number; w0?: number } = {}): TwoStepRow {
  const { lr = 0.1, w0 = 1 } = options;
  return runSteps((w) => new SGD([w], { lr }), w0, 1)[0] as TwoStepRow;
}

/**
 * Prints each run under its label, one tutorial line per step.
 *
 * @example
 * formatOptimizerTwoSteps(optimizerTwoSteps()); // "SGD(lr=0.1)\n第1次: 梯度w.grad: 1.000000, 更新后的权重:0.900000\n…"
 */
export function formatOptimizerTwoSteps(runs: Record<TwoStepLabel, TwoStepRow[]>): string {
  return Object.entries(runs)
    .map(([label, rows]) => [label, ...rows.map((r) => r.line)].join('\n'))
    .join('\n\n');
}
