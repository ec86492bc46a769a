import type { Tensor } from '@descent/autograd';
import { noGrad } from '@descent/autograd';

/** A standardizer fitted on training data. */
export interface Standardizer {
  /** Per-feature mean of the training rows, [nFeatures]. */
  mean: Tensor;
  /** Per-feature standard deviation of the training rows (population, correction 0), with 0 replaced by 1. */
  std: Tensor;
  /** (x − mean) / std, for the training split and every later split. */
  transform(x: Tensor): Tensor;
  /** x·std + mean, undoing {@link transform}. */
  inverse(x: Tensor): Tensor;
}

/**
 * Fits per-feature mean and standard deviation on the training rows (dim 0), as scikit-learn's
 * `StandardScaler`: the population std (correction 0), and a constant feature keeps scale 1 so it
 * maps to 0 instead of NaN. Apply `transform` to the test split with the training statistics.
 *
 * @example
 * const scaler = standardize(xTrain);
 * const [zTrain, zTest] = [scaler.transform(xTrain), scaler.transform(xTest)];
 */
export function standardize(train: Tensor): Standardizer {
  if (train.ndim !== 2 || (train.shape[0] as number) < 1) {
    throw new RangeError(
      `standardize: expected a 2-d tensor [nSamples, nFeatures] with at least one row, got shape [${train.shape.join(', ')}]`,
    );
  }
  const { mean, std } = noGrad(() => {
    const m = train.mean(0);
    const s = train.var(0, { correction: 0 }).sqrt();
    return { mean: m, std: s.where(s.ne(0), 1) };
  });
  return {
    mean,
    std,
    transform: (x) => x.sub(mean).div(std),
    inverse: (x) => x.mul(std).add(mean),
  };
}
