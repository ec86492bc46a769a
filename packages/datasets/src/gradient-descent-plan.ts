/**
 * The batch / stochastic / mini-batch arithmetic of gradient descent.
 *
 *   batch       one update per epoch, on all n samples:          batchSize = n
 *   stochastic  one update per sample:                            batchSize = 1
 *   mini-batch  one update per group of batchSize samples:        batchSize = B
 *
 *   batchesPerEpoch = ⌈n / B⌉, or ⌊n / B⌋ with dropLast (the last, short batch is skipped)
 *   totalIterations = batchesPerEpoch · epochs
 *
 * For n = 50,000 and B = 256: ⌈50000 / 256⌉ = 196 iterations an epoch (195 full batches and one
 * of 80), 1,960 in 10 epochs.
 */

import { checkOptions, describeValue } from '@descent/tensor';

/** The three forms of gradient descent. */
export type GradientDescentMode = 'batch' | 'stochastic' | 'minibatch';

/** Options of {@link gradientDescentPlan}. */
export interface GradientDescentPlanOptions {
  /** Number of training samples. */
  n: number;
  /** Which form of gradient descent. */
  mode: GradientDescentMode;
  /** Samples per update; required for `'minibatch'`, ignored otherwise. */
  batchSize?: number;
  /** Number of passes over the data. Default: 1. */
  epochs?: number;
  /** Skip the last batch when it is smaller than `batchSize` (as DataLoader's `dropLast`). Default: false. */
  dropLast?: boolean;
}

/** What {@link gradientDescentPlan} computes. */
export interface GradientDescentPlan {
  mode: GradientDescentMode;
  /** Samples per update. */
  batchSize: number;
  /** Updates (iterations) in one epoch. */
  batchesPerEpoch: number;
  /** Size of the last batch of an epoch (equal to batchSize when n divides evenly, or with dropLast). */
  lastBatchSize: number;
  epochs: number;
  /** Updates over all epochs. */
  totalIterations: number;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`gradientDescentPlan: ${name} must be an integer >= ${min}, got ${value}`);
  }
}

/**
 * Batch size, iterations per epoch and total iterations of one of the three forms of gradient
 * descent.
 *
 * @example
 * gradientDescentPlan({ n: 50_000, mode: 'minibatch', batchSize: 256, epochs: 10 });
 * // { batchSize: 256, batchesPerEpoch: 196, lastBatchSize: 80, totalIterations: 1960, … }
 */
export function gradientDescentPlan(options: GradientDescentPlanOptions): GradientDescentPlan {
  // A misspelt option (batch_size, drop_last) or no options object throws rather than being ignored.
  if (options === undefined) throw new TypeError('gradientDescentPlan(): missing the options object { n, mode, batchSize, epochs, dropLast }');
  checkOptions('gradientDescentPlan', options, ['n', 'mode', 'batchSize', 'epochs', 'dropLast']);
  const { n, mode, epochs = 1, dropLast = false } = options;
  if (typeof dropLast !== 'boolean') throw new TypeError(`gradientDescentPlan: dropLast must be a boolean, got ${describeValue(dropLast)}`);
  checkCount('n', n, 1);
  checkCount('epochs', epochs, 0);
  let batchSize: number;
  switch (mode) {
    case 'batch':
      batchSize = n;
      break;
    case 'stochastic':
      batchSize = 1;
      break;
    case 'minibatch':
      if (options.batchSize === undefined) {
        throw new TypeError("gradientDescentPlan: mode 'minibatch' needs a batchSize");
      }
      batchSize = options.batchSize;
      checkCount('batchSize', batchSize, 1);
      break;
    default:
      throw new TypeError(
        `gradientDescentPlan: mode must be 'batch', 'stochastic' or 'minibatch', got ${String(mode)}`,
      );
  }
  const full = Math.floor(n / batchSize);
  const rest = n - full * batchSize;
  const batchesPerEpoch = dropLast || rest === 0 ? full : full + 1;
  const lastBatchSize = dropLast || rest === 0 ? batchSize : rest;
  return {
    mode,
    batchSize,
    batchesPerEpoch,
    lastBatchSize: batchesPerEpoch === 0 ? 0 : lastBatchSize,
    epochs,
    totalIterations: batchesPerEpoch * epochs,
  };
}
