import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { exponentialMovingAverage, formatExponentialMovingAverage, temperatureSeries } from './exponential-moving-average';

const golden = loadGolden('seed_examples').examples.ewa_temperature;

describe('temperatureSeries', () => {
  it("equals PyTorch's manual_seed(0); randn(30) * 10 bit for bit", () => {
    expect(temperatureSeries({ seed: golden.seed, days: golden.days })).toEqual(golden.series);
  });
});

describe('temperatureSeries options', () => {
  it('rejects a bad number of days', () => {
    expect(() => temperatureSeries({ days: -1 })).toThrow(new RangeError('temperatureSeries: days must be a non-negative integer, got -1'));
  });
});

describe('formatExponentialMovingAverage', () => {
  it('prints each day beside its averages', () => {
    // By hand: β = 0.5 on 1, 2, 4 gives 1, 1.5, 2.75.
    expect(formatExponentialMovingAverage([1, 2, 4], { '0.5': exponentialMovingAverage([1, 2, 4], 0.5) }).split('\n')).toEqual([
      '  day            Y       β=0.5',
      '    1    1.000000    1.000000',
      '    2    2.000000    1.500000',
      '    3    4.000000    2.750000',
    ]);
  });

  it('rejects an average of another length', () => {
    expect(() => formatExponentialMovingAverage([1, 2], { '0.9': [1] })).toThrow(
      new RangeError('formatExponentialMovingAverage: the average for β = 0.9 has 1 values, the series 2'),
    );
  });
});

describe('exponentialMovingAverage', () => {
  it('follows S1 = Y1, St = β·St−1 + (1 − β)·Yt (worked by hand)', () => {
    // β = 0.5: 1, 0.5·1 + 0.5·2 = 1.5, 0.5·1.5 + 0.5·3 = 2.25
    expect(exponentialMovingAverage([1, 2, 3], 0.5)).toEqual([1, 1.5, 2.25]);
  });

  it.each(golden.betas)('matches the float64 reference for β = %d to 1e-12', (beta) => {
    const got = exponentialMovingAverage(golden.series, beta);
    const want = golden.ewaFloat64[String(beta)] as number[];
    got.forEach((v, i) => expect(Math.abs(v - (want[i] as number))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i] as number))));
  });

  it.each(golden.betas)("matches PyTorch's float32 computation for β = %d bit for bit", (beta) => {
    expect(exponentialMovingAverage(golden.series, beta, { dtype: 'float32' })).toEqual(golden.ewa[String(beta)]);
  });

  it('rejects β outside [0, 1)', () => {
    expect(() => exponentialMovingAverage([1], 1)).toThrow(new RangeError('exponentialMovingAverage: beta must be in [0, 1), got 1'));
  });
});
