import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { IRIS_ROWS, IRIS_TARGET } from '../data/iris';

/** A built-in classification dataset as tensors. */
export interface Bunch {
  /** Features, [nSamples, nFeatures]. */
  data: Tensor;
  /** int32 class of each sample, [nSamples]. */
  target: Tensor;
  featureNames: string[];
  targetNames: string[];
}

/** Options of the built-in loaders. */
export interface LoadOptions {
  /** dtype of `data` (default 'float32'). */
  dtype?: 'float32' | 'float64';
}

/**
 * Fisher's Iris data shipped in the package: 150 flowers × 4 measurements in cm, 3 classes of 50,
 * the same values as scikit-learn's `load_iris()` (which corrects two rows of the UCI copy).
 *
 * @example
 * const { data, target } = loadIris(); // [150, 4] float32, [150] int32
 */
export function loadIris(options: LoadOptions = {}): Bunch {
  const values = Float64Array.from(IRIS_ROWS.join(' ').split(' '), Number);
  return {
    data: tensor(values, { dtype: 'float64' })
      .reshape([150, 4])
      .to(options.dtype ?? 'float32'),
    target: tensor(Int32Array.from(IRIS_TARGET, (c) => Number(c))),
    featureNames: [
      'sepal length (cm)',
      'sepal width (cm)',
      'petal length (cm)',
      'petal width (cm)',
    ],
    targetNames: ['setosa', 'versicolor', 'virginica'],
  };
}
