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

  // Called wrongly it used to say only "Cannot convert undefined or null to object" (issue #21).
  const y = [1, 2, 4];
  const ewa = exponentialMovingAverage(y, 0.5);
  const averagesKind = (got: string): TypeError =>
    new TypeError(
      "formatExponentialMovingAverage(): argument 'averages' (position 2) must be an object mapping a label for β to its averages, " +
        `e.g. { '0.9': exponentialMovingAverage(series, 0.9) }, not ${got}`,
    );
  const call = (...args: unknown[]): string => (formatExponentialMovingAverage as (...a: unknown[]) => string)(...args);

  it.each([
    [[y], 'undefined'],
    [[y, null], 'null'],
    [[y, 0.5], '0.5'],
    [[y, [ewa]], 'an array of length 1'],
    [[y, 'β=0.5'], 'string "β=0.5"'],
  ])('names the argument and the value when averages is not an object of averages (%j)', (args, got) => {
    expect(() => call(...args)).toThrow(averagesKind(got));
  });

  it.each([
    [[], "argument 'series' (position 1) must be an array of numbers, not undefined"],
    [[null, {}], "argument 'series' (position 1) must be an array of numbers, not null"],
    [[7, {}], "argument 'series' (position 1) must be an array of numbers, not 7"],
    [[[1, '2', 4], {}], 'argument \'series\' (position 1) must be an array of numbers, but element 1 is string "2"'],
    [[y, { '0.5': undefined }], "averages['0.5'] must be an array of numbers, not undefined"],
    [[y, { '0.5': 0.5 }], "averages['0.5'] must be an array of numbers, not 0.5"],
    [[y, { '0.5': [1, null, 2] }], "averages['0.5'] must be an array of numbers, but element 1 is null"],
  ])('names the argument and the value when the series or an average is not an array of numbers (%j)', (args, message) => {
    expect(() => call(...args)).toThrow(new TypeError(`formatExponentialMovingAverage(): ${message}`));
  });

  it('takes typed arrays as well as arrays', () => {
    // Same table as the first test: β = 0.5 on 1, 2, 4 gives 1, 1.5, 2.75 by hand.
    expect(call(Float64Array.from(y), { '0.5': Float32Array.from([1, 1.5, 2.75]) }).split('\n')[3]).toBe('    3    4.000000    2.750000');
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
