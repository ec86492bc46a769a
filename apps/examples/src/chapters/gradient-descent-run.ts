import type { GradientDescentMode } from '@descent/datasets';
import { SeededRandom } from './seeded-random';

/** A regression data set: `y = X·w + b + noise`, row-major X. */
export interface RegressionData {
  n: number;
  d: number;
  x: Float64Array;
  y: Float64Array;
  trueWeights: number[];
  trueBias: number;
}

/** The weights the data is drawn around (those of the golden training recipe). */
export const TRUE_WEIGHTS = [1, -2, 3, 0.5];
export const TRUE_BIAS = 0.5;

/** Draws `n` samples of `y = X·[1, −2, 3, 0.5] + 0.5 + 0.1·ε` with X and ε standard normal. */
export function makeRegressionData(n: number, seed: number): RegressionData {
  const rng = new SeededRandom(seed);
  const d = TRUE_WEIGHTS.length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = TRUE_BIAS;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      x[i * d + j] = v;
      s += v * (TRUE_WEIGHTS[j] as number);
    }
    y[i] = s + 0.1 * rng.normal();
  }
  return { n, d, x, y, trueWeights: TRUE_WEIGHTS, trueBias: TRUE_BIAS };
}

/** Mean squared error of `(w, b)` on the whole data set. */
export function meanSquaredError(data: RegressionData, w: Float64Array, b: number): number {
  const { n, d, x, y } = data;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let p = b;
    for (let j = 0; j < d; j++) p += (x[i * d + j] as number) * (w[j] as number);
    const e = p - (y[i] as number);
    total += e * e;
  }
  return total / n;
}

/** One recorded point of a run. */
export interface RunPoint {
  iteration: number;
  /** Milliseconds spent updating (loss evaluation excluded). */
  ms: number;
  loss: number;
}

/** One mode's run. */
export interface ModeRun {
  mode: GradientDescentMode;
  batchSize: number;
  iterations: number;
  points: RunPoint[];
  finalLoss: number;
  ms: number;
  weights: Float64Array;
  bias: number;
}

/** Options of {@link runGradientDescent}. */
export interface RunOptions {
  mode: GradientDescentMode;
  /** Mini-batch size (ignored by batch and stochastic modes). */
  batchSize: number;
  epochs: number;
  lr: number;
  seed: number;
  onIteration?: (done: number, total: number, loss: number) => void;
  /** Start from these weights and bias instead of zeros (to continue a run). */
  start?: { weights: Float64Array; bias: number };
}

/**
 * Trains linear regression `ŷ = X·w + b` with MSE by gradient descent in one of the three modes:
 * batch (all samples a step), stochastic (one sample a step) or mini-batch, shuffling every epoch.
 * The gradient of ½·mean((ŷ − y)²)·2 is (2/B)·Σ (ŷ − y)·x over the batch.
 */
export function runGradientDescent(data: RegressionData, o: RunOptions): ModeRun {
  const { n, d, x, y } = data;
  const batchSize = o.mode === 'batch' ? n : o.mode === 'stochastic' ? 1 : o.batchSize;
  const perEpoch = Math.ceil(n / batchSize);
  const total = perEpoch * o.epochs;
  // Loss points at log-spaced iterations (about 170 for 500,000 iterations): the figures use a log axis.
  let nextRecord = 1;
  const rng = new SeededRandom(o.seed + 1);
  const w = o.start ? Float64Array.from(o.start.weights) : new Float64Array(d);
  let b = o.start?.bias ?? 0;
  const gw = new Float64Array(d);
  const points: RunPoint[] = [{ iteration: 0, ms: 0, loss: meanSquaredError(data, w, b) }];
  let ms = 0;
  let it = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = rng.permutation(n);
    for (let start = 0; start < n; start += batchSize) {
      const t0 = performance.now();
      const end = Math.min(n, start + batchSize);
      gw.fill(0);
      let gb = 0;
      for (let k = start; k < end; k++) {
        const i = order[k] as number;
        let p = b;
        for (let j = 0; j < d; j++) p += (x[i * d + j] as number) * (w[j] as number);
        const e = p - (y[i] as number);
        for (let j = 0; j < d; j++) gw[j] = (gw[j] as number) + e * (x[i * d + j] as number);
        gb += e;
      }
      const scale = (2 * o.lr) / (end - start);
      for (let j = 0; j < d; j++) w[j] = (w[j] as number) - scale * (gw[j] as number);
      b -= scale * gb;
      ms += performance.now() - t0;
      it++;
      if (it >= nextRecord || it === total) {
        nextRecord = Math.max(it + 1, Math.ceil(it * 1.08));
        const loss = meanSquaredError(data, w, b);
        points.push({ iteration: it, ms, loss });
        o.onIteration?.(it, total, loss);
      }
    }
  }
  const last = points[points.length - 1] as RunPoint;
  return {
    mode: o.mode,
    batchSize,
    iterations: total,
    points,
    finalLoss: last.loss,
    ms,
    weights: w,
    bias: b,
  };
}
