/**
 * The effect of the learning rate: gradient descent on y = 4x² = (2x)² from x = 2.
 *
 *   grad = dy/dx = 8x,   x ← x − lr·grad = (1 − 8·lr)·x
 *
 * So each step multiplies x by (1 − 8·lr): lr 0.01 → 0.92 (slow), 0.1 → 0.2 (fast), 0.125 → 0
 * (exact in one step), 0.2 → −0.6 (oscillating, converging), 0.3 → −1.4 (oscillating, diverging).
 * Two edge cases get names of their own: lr 0 (factor 1, x never moves) and lr 0.25 (factor −1, x
 * jumps between ±x0 for ever).
 */

/** The rates the tutorial compares. */
export const TUTORIAL_LEARNING_RATES = [0.01, 0.1, 0.125, 0.2, 0.3] as const;

/** One iteration: the values before the update `x ← x − lr·grad`. */
export interface LearningRateIteration {
  iter: number;
  x: number;
  grad: number;
  loss: number;
}

/** The run for one learning rate. */
export interface LearningRateRun {
  lr: number;
  /** The factor (1 − 8·lr) that multiplies x at each step. */
  factor: number;
  /**
   * From the factor f = 1 − 8·lr: `slow` for ½ < f < 1, `fast` for 0 < f ≤ ½, `one step` for f = 0,
   * `oscillating` for −1 < f < 0, `bouncing` for f = −1, `diverging` for |f| > 1 and `stuck` for f = 1.
   */
  behaviour: 'slow' | 'fast' | 'one step' | 'oscillating' | 'bouncing' | 'diverging' | 'stuck';
  iterations: LearningRateIteration[];
  xFinal: number;
}

function behaviourOf(factor: number): LearningRateRun['behaviour'] {
  if (factor === 0) return 'one step';
  if (factor === 1) return 'stuck';
  if (factor === -1) return 'bouncing';
  if (Math.abs(factor) > 1) return 'diverging';
  if (factor < 0) return 'oscillating';
  return factor > 0.5 ? 'slow' : 'fast';
}

/**
 * Gradient descent on y = 4x² from x0 for each learning rate, recording x, the gradient 8x and the
 * loss before every update. Since each step multiplies x by 1 − 8·lr, a small rate creeps towards
 * the minimum, lr 0.125 lands on it in one step, and past that x overshoots: it oscillates and
 * converges up to lr 0.25 and diverges beyond.
 *
 * @param options.lrs the learning rates (default {@link TUTORIAL_LEARNING_RATES}: 0.01, 0.1, 0.125, 0.2, 0.3)
 * @param options.x0 the starting point (default 2)
 * @param options.iterations updates per rate (default 4)
 * @param options.dtype `'float64'` (default), or `'float32'` to round every operation as a float32
 *   PyTorch tensor computes `y = (2*x)**2; y.backward(); x -= lr * x.grad`
 * @example
 * learningRateExperiment().map((r) => r.behaviour); // ['slow', 'fast', 'one step', 'oscillating', 'diverging']
 */
export function learningRateExperiment(
  options: { lrs?: readonly number[]; x0?: number; iterations?: number; dtype?: 'float32' | 'float64' } = {},
): LearningRateRun[] {
  const { lrs = TUTORIAL_LEARNING_RATES, x0 = 2, iterations = 4, dtype = 'float64' } = options;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new RangeError(`learningRateExperiment: iterations must be a non-negative integer, got ${iterations}`);
  }
  for (const lr of lrs) if (!(lr >= 0)) throw new RangeError(`Invalid learning rate: ${lr}`);
  if (!Number.isFinite(x0)) throw new RangeError(`learningRateExperiment: x0 must be a finite number, got ${x0}`);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  return lrs.map((lr) => {
    const rows: LearningRateIteration[] = [];
    let x = round(x0);
    // A Python float scalar meets a float32 tensor as a float32 value.
    const lrScalar = round(lr);
    for (let iter = 0; iter < iterations; iter++) {
      const twoX = round(2 * x);
      const loss = round(twoX * twoX);
      // Backward of (2x)²: 2·(2x) from the square, times 2 from the inner product.
      const grad = round(round(2 * twoX) * 2);
      rows.push({ iter, x, grad, loss });
      x = round(x - round(lrScalar * grad));
    }
    const factor = 1 - 8 * lr;
    return { lr, factor, behaviour: behaviourOf(factor), iterations: rows, xFinal: x };
  });
}

/** Prints one table per learning rate: iteration, x, gradient and loss. */
export function formatLearningRateExperiment(runs: readonly LearningRateRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    lines.push(`lr = ${run.lr} (x ← ${run.factor.toFixed(3)}·x: ${run.behaviour})`);
    lines.push('  iter            x         grad         loss');
    for (const it of run.iterations) {
      lines.push(
        `  ${String(it.iter).padStart(4)} ${it.x.toFixed(6).padStart(12)} ${it.grad.toFixed(6).padStart(12)} ${it.loss
          .toFixed(6)
          .padStart(12)}`,
      );
    }
    lines.push(`  final x = ${run.xFinal.toFixed(6)}`);
  }
  return lines.join('\n');
}
