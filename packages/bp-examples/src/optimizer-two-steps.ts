/**
 * The tutorial's first steps of each optimizer on one weight: loss = w²/2 from w = 1, so the
 * gradient is w itself. Two steps each, printed as the tutorial prints them:
 *
 *   第1次: 梯度w.grad: 1.000000, 更新后的权重:0.990000
 *
 * SGD(lr 0.1) takes w to 0.9 in one step. With momentum 0.9 the second step is larger than the
 * first (the buffer remembers the first gradient); Adagrad's second step is smaller (the squared
 * gradients accumulate); RMSprop's first step is √10 times SGD's (its average of g² starts at
 * (1 − α)·g²); Adam's first two steps are close to lr (bias correction undoes the zero start).
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Adagrad, Adam, RMSprop, SGD } from '@descent/optim';
import { formatF } from './c-format';

/** The runs, keyed by the tutorial's labels. */
export const TWO_STEP_RUNS = {
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
 * Runs the tutorial's optimizers for two steps each on loss w²/2 from w = 1 (float32, through
 * autograd and the real optimizers) and returns the gradient and weight of every step.
 *
 * @example
 * optimizerTwoSteps()['Adagrad(lr=0.01)'][1].line; // "第2次: 梯度w.grad: 0.990000, 更新后的权重:0.982965"
 */
export function optimizerTwoSteps(options: { w0?: number; steps?: number } = {}): Record<TwoStepLabel, TwoStepRow[]> {
  const { w0 = 1, steps = 2 } = options;
  const out = {} as Record<TwoStepLabel, TwoStepRow[]>;
  for (const label of Object.keys(TWO_STEP_RUNS) as TwoStepLabel[]) {
    out[label] = runSteps(TWO_STEP_RUNS[label], w0, steps);
  }
  return out;
}

/** SGD(lr) for one step on w²/2 from w0: the tutorial's w = 1 → 0.9 with lr 0.1. */
export function sgdSingleStep(options: { lr?: number; w0?: number } = {}): TwoStepRow {
  const { lr = 0.1, w0 = 1 } = options;
  return runSteps((w) => new SGD([w], { lr }), w0, 1)[0] as TwoStepRow;
}

/** Prints each run under its label, one tutorial line per step. */
export function formatOptimizerTwoSteps(runs: Record<TwoStepLabel, TwoStepRow[]>): string {
  return Object.entries(runs)
    .map(([label, rows]) => [label, ...rows.map((r) => r.line)].join('\n'))
    .join('\n\n');
}
