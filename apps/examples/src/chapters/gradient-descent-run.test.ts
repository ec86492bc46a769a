import { describe, expect, it } from 'vitest';
import { makeRegressionData, meanSquaredError, runGradientDescent } from './gradient-descent-run';
import type { RegressionData } from './gradient-descent-run';

describe('runGradientDescent', () => {
  it('takes the hand-worked first batch step', () => {
    // Two samples, one feature: x = [1, 2], y = [2, 4]; from w = b = 0 the residuals are −2, −4.
    // ∂MSE/∂w = (2/2)·(−2·1 − 4·2) = −10, ∂MSE/∂b = (2/2)·(−2 − 4) = −6; lr 0.1 → w = 1, b = 0.6.
    // MSE then: predictions 1.6, 2.6 → residuals −0.4, −1.4 → (0.16 + 1.96)/2 = 1.06.
    const data: RegressionData = {
      n: 2,
      d: 1,
      x: new Float64Array([1, 2]),
      y: new Float64Array([2, 4]),
      trueWeights: [2],
      trueBias: 0,
    };
    const run = runGradientDescent(data, {
      mode: 'batch',
      batchSize: 2,
      epochs: 1,
      lr: 0.1,
      seed: 0,
    });
    expect(run.iterations).toBe(1);
    expect(run.points[0]?.loss).toBeCloseTo(10, 12);
    expect(run.finalLoss).toBeCloseTo(1.06, 12);
  });

  it.each([
    ['batch', 1, 10],
    ['stochastic', 2_000, 20_000],
    ['minibatch', 8, 80],
  ] as const)(
    '%s mode makes %i iterations an epoch over 2,000 samples (B = 256)',
    (mode, perEpoch, total) => {
      const data = makeRegressionData(2_000, 0);
      const run = runGradientDescent(data, { mode, batchSize: 256, epochs: 10, lr: 0.05, seed: 0 });
      expect(run.iterations).toBe(total);
      expect(run.iterations / 10).toBe(perEpoch);
    },
  );

  it.each(['stochastic', 'minibatch'] as const)(
    '%s mode reaches the noise floor (variance 0.01)',
    (mode) => {
      const data = makeRegressionData(2_000, 1);
      const run = runGradientDescent(data, { mode, batchSize: 32, epochs: 20, lr: 0.02, seed: 1 });
      expect(run.finalLoss).toBeGreaterThan(0.005);
      expect(run.finalLoss).toBeLessThan(0.02);
    },
  );

  it('computes the MSE of the true weights as about the noise variance', () => {
    const data = makeRegressionData(20_000, 3);
    const mse = meanSquaredError(data, new Float64Array(data.trueWeights), data.trueBias);
    expect(mse).toBeGreaterThan(0.0095);
    expect(mse).toBeLessThan(0.0105);
  });
});
