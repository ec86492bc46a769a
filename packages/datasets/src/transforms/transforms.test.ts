import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize';
import { oneHot } from './one-hot';
import { standardize } from './standardize';

describe('normalize', () => {
  it('subtracts the mean and divides by the std per feature', () => {
    const out = normalize(
      [1, 10],
      [2, 5],
    )(
      tensor(
        [
          [3, 20],
          [1, 0],
        ],
        { dtype: 'float64' },
      ),
    );
    // (3 − 1)/2 = 1, (20 − 10)/5 = 2; (1 − 1)/2 = 0, (0 − 10)/5 = −2.
    expect(out.tolist()).toEqual([
      [1, 2],
      [0, -2],
    ]);
  });

  it('rejects a zero std and a mismatched number of features', () => {
    expect(() => normalize(0, [1, 0])).toThrow(
      new RangeError(
        'normalize: std evaluated to zero or a non-finite value at index 1, got 0, leading to division by zero',
      ),
    );
    expect(() => normalize([0, 0, 0], 1)(tensor([[1, 2]]))).toThrow(
      new RangeError('normalize: mean has 3 values but the last dimension of the input has size 2'),
    );
  });
});

describe('standardize', () => {
  it('fits on the training split and applies the same statistics to the test split', () => {
    const train = tensor(
      [
        [1, 5],
        [3, 5],
        [5, 5],
      ],
      { dtype: 'float64' },
    );
    const scaler = standardize(train);
    // Column 0: mean 3, population std √(8/3); column 1 is constant: std 0 → scale 1.
    const s = Math.sqrt(8 / 3);
    expect(scaler.mean.tolist()).toEqual([3, 5]);
    expect((scaler.std.tolist() as number[])[0]).toBeCloseTo(s, 14);
    expect((scaler.std.tolist() as number[])[1]).toBe(1);
    const test = scaler.transform(tensor([[7, 6]], { dtype: 'float64' })).tolist() as number[][];
    expect(test[0]?.[0]).toBeCloseTo(4 / s, 14);
    expect(test[0]?.[1]).toBe(1);
    const back = scaler.inverse(scaler.transform(train)).tolist() as number[][];
    (train.tolist() as number[][]).forEach((row, i) =>
      row.forEach((v, j) => expect(back[i]?.[j]).toBeCloseTo(v, 14)),
    );
  });

  it('rejects a tensor that is not [nSamples, nFeatures]', () => {
    expect(() => standardize(tensor([1, 2]))).toThrow(
      new RangeError(
        'standardize: expected a 2-d tensor [nSamples, nFeatures] with at least one row, got shape [2]',
      ),
    );
  });
});

describe('oneHot', () => {
  it('turns labels into one-hot rows', () => {
    expect(oneHot(tensor([0, 2, 1], { dtype: 'int32' })).tolist()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(
      oneHot(tensor([[1], [0]], { dtype: 'int32' }), { numClasses: 4, dtype: 'int32' }).shape,
    ).toEqual([2, 1, 4]);
  });

  it.each([
    [
      [3],
      3,
      new RangeError('Class values must be smaller than num_classes, got 3 with numClasses=3'),
    ],
    [[-1], 3, new RangeError('Class values must be non-negative, got -1')],
  ])('rejects labels %j with numClasses %i', (labels, numClasses, error) => {
    expect(() => oneHot(tensor(labels, { dtype: 'int32' }), { numClasses })).toThrow(error);
  });

  it('rejects float labels', () => {
    expect(() => oneHot(tensor([1]))).toThrow(
      new TypeError('one_hot is only applicable to index tensor, got dtype float32'),
    );
  });
});
