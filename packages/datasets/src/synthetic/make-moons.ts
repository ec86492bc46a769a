import type { Classification, SyntheticOptions } from './synthetic-options';
import { finish, resolveOptions } from './synthetic-options';

/**
 * Two interleaving half circles (scikit-learn's `make_moons`, unshuffled): the first ⌊n/2⌋ points
 * are class 0 at (cos t, sin t), the rest class 1 at (1 − cos t, 0.5 − sin t), t evenly spaced in
 * [0, π] (both ends included); then `noise`·N(0, 1) on every coordinate.
 *
 * @example
 * const { x, y } = makeMoons({ nSamples: 200, noise: 0.1, generator: new Generator().manualSeed(0) });
 */
export function makeMoons(options: SyntheticOptions = {}): Classification {
  const opts = resolveOptions('makeMoons', options);
  const nOuter = Math.floor(opts.nSamples / 2);
  const nInner = opts.nSamples - nOuter;
  const values = new Float64Array(opts.nSamples * 2);
  const labels = new Int32Array(opts.nSamples);
  const angle = (i: number, count: number): number =>
    count === 1 ? 0 : (Math.PI * i) / (count - 1);
  for (let i = 0; i < nOuter; i++) {
    const t = angle(i, nOuter);
    values[2 * i] = Math.cos(t);
    values[2 * i + 1] = Math.sin(t);
  }
  for (let i = 0; i < nInner; i++) {
    const t = angle(i, nInner);
    const row = nOuter + i;
    values[2 * row] = 1 - Math.cos(t);
    values[2 * row + 1] = 0.5 - Math.sin(t);
    labels[row] = 1;
  }
  return finish(values, labels, 2, opts);
}
