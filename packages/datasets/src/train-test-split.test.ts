import { arange } from '@descent/autograd';
import { Generator } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { trainTestSplit } from './train-test-split';

const x = arange(0, 20, 1, { dtype: 'float32' }).reshape([10, 2]);
const y = arange(0, 10, 1, { dtype: 'int32' });

describe('trainTestSplit', () => {
  it('keeps rows paired and splits disjointly and completely (⌈10·0.25⌉ = 3 test rows)', () => {
    const { train, test } = trainTestSplit([x, y], { generator: new Generator().manualSeed(0) });
    const [xTrain, yTrain] = train;
    const [xTest, yTest] = test;
    expect(xTrain.shape).toEqual([7, 2]);
    expect(xTest.shape).toEqual([3, 2]);
    const labels = [...(yTrain.tolist() as number[]), ...(yTest.tolist() as number[])];
    expect([...labels].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    (xTest.tolist() as number[][]).forEach((row, i) =>
      expect(row).toEqual([
        2 * (yTest.tolist() as number[])[i]!,
        2 * (yTest.tolist() as number[])[i]! + 1,
      ]),
    );
  });

  it('takes the last rows as test without shuffle, and a count as testSize', () => {
    const { test } = trainTestSplit([y], { shuffle: false, testSize: 4 });
    expect(test[0].tolist()).toEqual([6, 7, 8, 9]);
  });

  it('is reproducible with the same seed', () => {
    const a = trainTestSplit([y], { generator: new Generator().manualSeed(3) });
    const b = trainTestSplit([y], { generator: new Generator().manualSeed(3) });
    expect(a.test[0].tolist()).toEqual(b.test[0].tolist());
  });

  it.each([0, 10, -0.5, 2.5])('rejects testSize %s', (testSize) => {
    expect(() => trainTestSplit([y], { testSize })).toThrow(
      new RangeError(
        `trainTestSplit: testSize must be a fraction in (0, 1) or an integer in [1, 9], got ${testSize}`,
      ),
    );
  });

  it('rejects tensors of different lengths', () => {
    expect(() => trainTestSplit([x, arange(0, 3, 1)])).toThrow(
      new RangeError(
        'trainTestSplit: tensors must share their first dimension, got shapes [10, 2], [3]',
      ),
    );
  });
});
