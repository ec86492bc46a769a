import type { Tensor } from '@descent/autograd';
import { tensor } from '@descent/autograd';
import { defaultGenerator, randperm } from '@descent/tensor';
import type { Generator } from '@descent/tensor';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Fraction in (0, 1) or count of rows for the test part (default 0.25). */
  testSize?: number;
  /** Shuffle before splitting (default true). */
  shuffle?: boolean;
  /** Source of the permutation (default the global generator). */
  generator?: Generator;
}

/**
 * Splits tensors that share their first dimension into train and test rows, as scikit-learn's
 * `train_test_split`: a fraction gives ⌈n·testSize⌉ test rows; with `shuffle` one `randperm(n)`
 * orders the rows, the first n − nTest go to train and the rest to test.
 *
 * @example
 * const { train: [xTrain, yTrain], test: [xTest, yTest] } = trainTestSplit([x, y], { testSize: 0.2, generator: new Generator().manualSeed(0) });
 */
export function trainTestSplit<const T extends readonly Tensor[]>(
  tensors: T,
  options: TrainTestSplitOptions = {},
): { train: { [K in keyof T]: Tensor }; test: { [K in keyof T]: Tensor } } {
  const { testSize = 0.25, shuffle = true, generator = defaultGenerator } = options;
  const first = tensors[0];
  if (first === undefined)
    throw new TypeError('trainTestSplit: expected at least one tensor, got none');
  const n = first.shape[0] ?? 0;
  for (const t of tensors) {
    if (t.ndim === 0 || t.shape[0] !== n) {
      throw new RangeError(
        `trainTestSplit: tensors must share their first dimension, got shapes ${tensors.map((x) => `[${x.shape.join(', ')}]`).join(', ')}`,
      );
    }
  }
  let nTest: number;
  if (testSize > 0 && testSize < 1) nTest = Math.ceil(n * testSize);
  else if (Number.isInteger(testSize) && testSize > 0 && testSize < n) nTest = testSize;
  else
    throw new RangeError(
      `trainTestSplit: testSize must be a fraction in (0, 1) or an integer in [1, ${n - 1}], got ${testSize}`,
    );
  if (nTest >= n)
    throw new RangeError(
      `trainTestSplit: testSize ${testSize} leaves no training rows out of ${n}`,
    );
  const order = shuffle
    ? randperm(n, { generator }).toTypedArray()
    : Int32Array.from({ length: n }, (_, i) => i);
  const trainIndex = tensor(order.subarray(0, n - nTest), { dtype: 'int32' });
  const testIndex = tensor(order.subarray(n - nTest), { dtype: 'int32' });
  return {
    train: tensors.map((t) => t.indexSelect(0, trainIndex)) as { [K in keyof T]: Tensor },
    test: tensors.map((t) => t.indexSelect(0, testIndex)) as { [K in keyof T]: Tensor },
  };
}
