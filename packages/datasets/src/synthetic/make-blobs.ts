import type { Classification, SyntheticOptions } from './synthetic-options';
import { finish, resolveOptions } from './synthetic-options';

/** Options of {@link makeBlobs}. */
export interface MakeBlobsOptions extends Omit<SyntheticOptions, 'noise'> {
  /** Cluster centres (one row each), or how many to draw uniformly in `centerBox` (default 3). */
  centers?: number | readonly (readonly number[])[];
  /** Features per point when the centres are drawn (default 2). */
  nFeatures?: number;
  /** Standard deviation of each cluster (default 1). */
  clusterStd?: number;
  /** Box the drawn centres lie in (default [-10, 10]). */
  centerBox?: readonly [number, number];
}

/** Gaussian blobs and their centres. */
export interface Blobs extends Classification {
  /** The centres used, [nCenters, nFeatures] float64 values. */
  centers: number[][];
}

/**
 * Isotropic Gaussian clusters (scikit-learn's `make_blobs`, unshuffled): centre k gets ⌊n/K⌋ points
 * (the first n mod K centres one more) at centre + clusterStd·N(0, I). Drawn centres use one
 * `rand` (float64) draw of K·nFeatures values before the points' `randn` draw.
 *
 * @example
 * const { x, y, centers } = makeBlobs({ nSamples: 300, centers: 3, generator: new Generator().manualSeed(0) });
 */
export function makeBlobs(options: MakeBlobsOptions = {}): Blobs {
  const { clusterStd = 1, centerBox = [-10, 10] } = options;
  const opts = resolveOptions('makeBlobs', { ...options, noise: clusterStd });
  let centers: number[][];
  if (typeof options.centers === 'object') {
    centers = options.centers.map((c) => [...c]);
    const width = centers[0]?.length ?? 0;
    if (width === 0 || centers.some((c) => c.length !== width))
      throw new RangeError(
        'makeBlobs: centers must be a non-empty list of rows of equal, non-zero length',
      );
  } else {
    const count = options.centers ?? 3;
    const nFeatures = options.nFeatures ?? 2;
    if (!(Number.isInteger(count) && count > 0))
      throw new RangeError(`makeBlobs: centers must be a positive integer, got ${count}`);
    if (!(Number.isInteger(nFeatures) && nFeatures > 0))
      throw new RangeError(`makeBlobs: nFeatures must be a positive integer, got ${nFeatures}`);
    const [low, high] = centerBox;
    centers = [];
    for (let k = 0; k < count; k++) {
      const row: number[] = [];
      for (let j = 0; j < nFeatures; j++)
        row.push(low + (high - low) * opts.generator.nextDouble());
      centers.push(row);
    }
  }
  const nFeatures = (centers[0] as number[]).length;
  const values = new Float64Array(opts.nSamples * nFeatures);
  const labels = new Int32Array(opts.nSamples);
  let row = 0;
  centers.forEach((centre, k) => {
    const count =
      Math.floor(opts.nSamples / centers.length) + (k < opts.nSamples % centers.length ? 1 : 0);
    for (let i = 0; i < count; i++, row++) {
      for (let j = 0; j < nFeatures; j++) values[row * nFeatures + j] = centre[j] as number;
      labels[row] = k;
    }
  });
  return { ...finish(values, labels, nFeatures, opts), centers };
}
