import { describe, expect, it } from 'vitest';
import { gradientDescentPlan } from './gradient-descent-plan';

describe('gradientDescentPlan', () => {
  // The tutorial's numbers: N = 50,000 samples, B = 256.
  it.each([
    { mode: 'batch', batchSize: undefined, perEpoch: 1, size: 50_000, total: 10 },
    { mode: 'stochastic', batchSize: undefined, perEpoch: 50_000, size: 1, total: 500_000 },
    { mode: 'minibatch', batchSize: 256, perEpoch: 196, size: 256, total: 1_960 },
  ] as const)(
    'gives $perEpoch iterations an epoch in $mode mode',
    ({ mode, batchSize, perEpoch, size, total }) => {
      const plan = gradientDescentPlan({ n: 50_000, mode, batchSize, epochs: 10 });
      expect(plan.batchesPerEpoch).toBe(perEpoch);
      expect(plan.batchSize).toBe(size);
      expect(plan.totalIterations).toBe(total);
    },
  );

  it('has a short last batch of 80 = 50,000 − 195·256 samples', () => {
    expect(
      gradientDescentPlan({ n: 50_000, mode: 'minibatch', batchSize: 256 }).lastBatchSize,
    ).toBe(80);
  });

  it('drops the short last batch with dropLast', () => {
    const plan = gradientDescentPlan({
      n: 50_000,
      mode: 'minibatch',
      batchSize: 256,
      dropLast: true,
    });
    expect(plan.batchesPerEpoch).toBe(195);
    expect(plan.lastBatchSize).toBe(256);
  });

  it.each([
    [{ n: 0, mode: 'batch' }, 'gradientDescentPlan: n must be an integer >= 1, got 0'],
    [
      { n: 10, mode: 'minibatch', batchSize: 0 },
      'gradientDescentPlan: batchSize must be an integer >= 1, got 0',
    ],
    [
      { n: 10, mode: 'minibatch', batchSize: -3 },
      'gradientDescentPlan: batchSize must be an integer >= 1, got -3',
    ],
    [
      { n: 10, mode: 'batch', epochs: 1.5 },
      'gradientDescentPlan: epochs must be an integer >= 0, got 1.5',
    ],
  ] as const)('rejects %o', (options, message) => {
    expect(() => gradientDescentPlan(options)).toThrow(new RangeError(message));
  });

  it.each([
    [{ n: 10, mode: 'minibatch', batch_size: 2 }, "gradientDescentPlan() got an unexpected keyword argument 'batch_size'"],
    [{ n: 10, mode: 'batch', drop_last: true }, "gradientDescentPlan() got an unexpected keyword argument 'drop_last'"],
    [{ n: 10, mode: 'batch', dropLast: 'yes' }, 'gradientDescentPlan: dropLast must be a boolean, got string "yes"'],
    [undefined, 'gradientDescentPlan(): missing the options object { n, mode, batchSize, epochs, dropLast }'],
    [10, 'gradientDescentPlan(): expected an options object { n, mode, batchSize, epochs, dropLast }, got int'],
  ] as const)('refuses options it would not use, naming them: %o', (options, message) => {
    expect(() => (gradientDescentPlan as (o: unknown) => unknown)(options)).toThrow(new TypeError(message));
  });

  it('names the missing batchSize in minibatch mode', () => {
    expect(() => gradientDescentPlan({ n: 10, mode: 'minibatch' })).toThrow(TypeError);
  });
});
