import type { Tensor } from '@descent/autograd';
import { tensor } from '@descent/autograd';

/**
 * A transform computing (x − mean) / std along the last dimension (one mean and std per feature,
 * or one for all), as torchvision's `Normalize` does per channel.
 *
 * @example
 * const norm = normalize([5.84, 3.06], [0.83, 0.44]);
 * const z = norm(x); // x: [n, 2]
 */
export function normalize(
  mean: number | readonly number[],
  std: number | readonly number[],
): (x: Tensor) => Tensor {
  const stds = typeof std === 'number' ? [std] : [...std];
  const means = typeof mean === 'number' ? [mean] : [...mean];
  stds.forEach((s, i) => {
    if (s === 0 || !Number.isFinite(s))
      throw new RangeError(
        `normalize: std evaluated to zero or a non-finite value at index ${i}, got ${s}, leading to division by zero`,
      );
  });
  return (x: Tensor): Tensor => {
    const features = x.shape[x.ndim - 1] ?? 1;
    for (const [name, values] of [
      ['mean', means],
      ['std', stds],
    ] as const) {
      if (values.length !== 1 && values.length !== features) {
        throw new RangeError(
          `normalize: ${name} has ${values.length} values but the last dimension of the input has size ${features}`,
        );
      }
    }
    const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
    return x.sub(tensor(means, { dtype })).div(tensor(stds, { dtype }));
  };
}
