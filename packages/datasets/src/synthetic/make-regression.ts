import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { SyntheticOptions } from './synthetic-options';
import { normals, resolveOptions } from './synthetic-options';

/** Options of {@link makeRegression}. */
export interface MakeRegressionOptions extends SyntheticOptions {
  /** Input features (default 1). */
  nFeatures?: number;
  /** True weights (default drawn N(0, 1) after the inputs). */
  weights?: readonly number[];
  /** True intercept (default 0). */
  bias?: number;
}

/** A linear regression problem: inputs, noisy targets and the truth they came from. */
export interface Regression {
  /** [nSamples, nFeatures] inputs, N(0, 1). */
  x: Tensor;
  /** [nSamples] targets x·w + b + noise·N(0, 1). */
  y: Tensor;
  weights: number[];
  bias: number;
}

/**
 * Linear regression data with Gaussian noise: x ~ N(0, I), y = x·w + b + noise·ε, drawn in the order
 * x, then w (if not given), then ε, all as float64 `randn` draws from the generator.
 *
 * @example
 * const { x, y } = makeRegression({ nSamples: 100, nFeatures: 3, weights: [2, -1, 0.5], bias: 1, noise: 0.1 });
 */
export function makeRegression(options: MakeRegressionOptions = {}): Regression {
  const opts = resolveOptions('makeRegression', options);
  const { bias = 0 } = options;
  const nFeatures = options.weights?.length ?? options.nFeatures ?? 1;
  if (!(Number.isInteger(nFeatures) && nFeatures > 0))
    throw new RangeError(`makeRegression: nFeatures must be a positive integer, got ${nFeatures}`);
  if (
    options.weights &&
    options.nFeatures !== undefined &&
    options.nFeatures !== options.weights.length
  ) {
    throw new RangeError(
      `makeRegression: weights has ${options.weights.length} entries but nFeatures is ${options.nFeatures}`,
    );
  }
  const n = opts.nSamples;
  const x = normals(n * nFeatures, opts.generator);
  const weights = options.weights
    ? [...options.weights]
    : Array.from(normals(nFeatures, opts.generator));
  const eps = opts.noise > 0 ? normals(n, opts.generator) : new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = bias;
    for (let j = 0; j < nFeatures; j++)
      sum += (x[i * nFeatures + j] as number) * (weights[j] as number);
    y[i] = sum + opts.noise * (eps[i] as number);
  }
  const xt = tensor(x, { dtype: 'float64' }).reshape([n, nFeatures]);
  const yt = tensor(y, { dtype: 'float64' });
  return {
    x: opts.dtype === 'float64' ? xt : xt.to(opts.dtype),
    y: opts.dtype === 'float64' ? yt : yt.to(opts.dtype),
    weights,
    bias,
  };
}
