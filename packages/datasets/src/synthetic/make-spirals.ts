import type { Classification, SyntheticOptions } from './synthetic-options';
import { finish, resolveOptions } from './synthetic-options';

/** Options of {@link makeSpirals}. */
export interface MakeSpiralsOptions extends SyntheticOptions {
  /** Number of arms, one class each (default 3). */
  nClasses?: number;
  /** Turns each arm makes around the origin (default 0.75). */
  turns?: number;
}

/**
 * Interleaved spiral arms (the CS231n toy set): class k gets ⌊n/K⌋ points (the first n mod K
 * classes one more) at radius r ∈ [0, 1] evenly spaced, angle 2π·(turns·r + k/K); then
 * `noise`·N(0, 1) on every coordinate.
 *
 * @example
 * const { x, y } = makeSpirals({ nSamples: 300, nClasses: 3, noise: 0.02 });
 */
export function makeSpirals(options: MakeSpiralsOptions = {}): Classification {
  const opts = resolveOptions('makeSpirals', options);
  const { nClasses = 3, turns = 0.75 } = options;
  if (!(Number.isInteger(nClasses) && nClasses >= 2))
    throw new RangeError(`makeSpirals: nClasses must be an integer ≥ 2, got ${nClasses}`);
  if (!(turns > 0)) throw new RangeError(`makeSpirals: turns must be positive, got ${turns}`);
  const values = new Float64Array(opts.nSamples * 2);
  const labels = new Int32Array(opts.nSamples);
  let row = 0;
  for (let k = 0; k < nClasses; k++) {
    const count = Math.floor(opts.nSamples / nClasses) + (k < opts.nSamples % nClasses ? 1 : 0);
    for (let i = 0; i < count; i++, row++) {
      const r = count === 1 ? 0 : i / (count - 1);
      const theta = 2 * Math.PI * (turns * r + k / nClasses);
      values[2 * row] = r * Math.cos(theta);
      values[2 * row + 1] = r * Math.sin(theta);
      labels[row] = k;
    }
  }
  return finish(values, labels, 2, opts);
}
