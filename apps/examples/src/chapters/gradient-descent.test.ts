import { describe, expect, it } from 'vitest';
import { gradientDescentTable } from './gradient-descent';

describe('gradientDescentTable', () => {
  it("matches the tutorial's 1, 50,000 and 196 iterations an epoch", () => {
    const rows = gradientDescentTable();
    expect(rows.map((r) => [r.mode, r.plan.batchesPerEpoch, r.plan.totalIterations])).toEqual([
      ['batch', 1, 10],
      ['stochastic', 50_000, 500_000],
      ['minibatch', 196, 1_960],
    ]);
  });
});
