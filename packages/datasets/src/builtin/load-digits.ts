import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { DIGITS_PIXELS, DIGITS_TARGET } from '../data/digits';
import type { Bunch, LoadOptions } from './load-iris';

/** The digits as tensors, with the images also as 8 × 8 grids. */
export interface DigitsBunch extends Bunch {
  /** The same pixels as `data`, shaped [1797, 8, 8]. */
  images: Tensor;
}

/**
 * The UCI optical handwritten digits shipped in the package: 1,797 images of 8 × 8 pixels with
 * values 0 … 16, classes 0 … 9, the same values as scikit-learn's `load_digits()`.
 *
 * @example
 * const { data, target } = loadDigits(); // [1797, 64] float32 in 0 … 16, [1797] int32
 */
export function loadDigits(options: LoadOptions = {}): DigitsBunch {
  const n = DIGITS_PIXELS.length;
  const pixels = new Float32Array(n * 64);
  DIGITS_PIXELS.forEach((row, i) => {
    // Letters A … Q encode 0 … 16 (see scripts/export-builtin-data.py).
    for (let j = 0; j < 64; j++) pixels[i * 64 + j] = row.charCodeAt(j) - 65;
  });
  const data = tensor(pixels)
    .to(options.dtype ?? 'float32')
    .reshape([n, 64]);
  const featureNames: string[] = [];
  for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) featureNames.push(`pixel_${r}_${c}`);
  return {
    data,
    images: data.reshape([n, 8, 8]),
    target: tensor(Int32Array.from(DIGITS_TARGET, (c) => Number(c))),
    featureNames,
    targetNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  };
}
