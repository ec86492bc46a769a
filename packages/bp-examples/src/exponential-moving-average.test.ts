import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { exponentialMovingAverage, temperatureSeries } from './exponential-moving-average';

const golden = loadGolden('seed_examples').examples.ewa_temperature;

describe('temperatureSeries', () => {
  it("equals PyTorch's manual_seed(0); randn(30) * 10 bit for bit", () => {
    expect(temperatureSeries({ seed: golden.seed, days: golden.days })).toEqual(golden.series);
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

  it.each(golden.betas)("matches PyTorch's float32 computation for β = %d", (beta) => {
    const got = exponentialMovingAverage(golden.series, beta, { dtype: 'float32' });
    const want = golden.ewa[String(beta)] as number[];
    got.forEach((v, i) => expect(Math.abs(v - (want[i] as number))).toBeLessThanOrEqual(1e-5));
  });

  it('rejects β outside [0, 1)', () => {
    expect(() => exponentialMovingAverage([1], 1)).toThrow(new RangeError('exponentialMovingAverage: beta must be in [0, 1), got 1'));
  });
});
