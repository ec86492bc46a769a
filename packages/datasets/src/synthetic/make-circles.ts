import type { Classification, SyntheticOptions } from './synthetic-options';
import { finish, resolveOptions } from './synthetic-options';

/** Options of {@link makeCircles}. */
export interface MakeCirclesOptions extends SyntheticOptions {
  /** Radius of the inner circle relative to the outer one, in [0, 1) (default 0.8). */
  factor?: number;
}

/**
 * Two concentric circles (scikit-learn's `make_circles`, unshuffled): the first ⌊n/2⌋ points are
 * class 0 on the unit circle, the rest class 1 on the circle of radius `factor`, angles evenly
 * spaced in [0, 2π) (end excluded); then `noise`·N(0, 1) on every coordinate.
 *
 * @example
 * const { x, y } = makeCircles({ nSamples: 200, factor: 0.5, noise: 0.05 });
 */
export function makeCircles(options: MakeCirclesOptions = {}): Classification {
  const opts = resolveOptions('makeCircles', options);
  const factor = options.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1))
    throw new RangeError(`makeCircles: factor has to be between 0 and 1, got ${factor}`);
  const nOuter = Math.floor(opts.nSamples / 2);
  const nInner = opts.nSamples - nOuter;
  const values = new Float64Array(opts.nSamples * 2);
  const labels = new Int32Array(opts.nSamples);
  for (let i = 0; i < nOuter; i++) {
    const t = (2 * Math.PI * i) / nOuter;
    values[2 * i] = Math.cos(t);
    values[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nInner; i++) {
    const t = (2 * Math.PI * i) / nInner;
    const row = nOuter + i;
    values[2 * row] = factor * Math.cos(t);
    values[2 * row + 1] = factor * Math.sin(t);
    labels[row] = 1;
  }
  return finish(values, labels, 2, opts);
}
