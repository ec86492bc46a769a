import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { defaultGenerator, randn } from '@descent/tensor';
import type { Generator } from '@descent/tensor';

/** Options shared by the synthetic generators. */
export interface SyntheticOptions {
  /** Number of points (default 100). */
  nSamples?: number;
  /** Standard deviation of Gaussian noise added to every coordinate (default 0). */
  noise?: number;
  /** Source of randomness (default the global generator). */
  generator?: Generator;
  /** dtype of the features (default 'float32'). */
  dtype?: 'float32' | 'float64';
}

/** A labelled point cloud: features `x` ([nSamples, nFeatures]) and int32 class labels `y` ([nSamples]). */
export interface Classification {
  x: Tensor;
  y: Tensor;
}

/** Validated common options. */
export function resolveOptions(
  name: string,
  options: SyntheticOptions,
): Required<SyntheticOptions> {
  const { nSamples = 100, noise = 0, generator = defaultGenerator, dtype = 'float32' } = options;
  if (!(Number.isInteger(nSamples) && nSamples > 0))
    throw new RangeError(`${name}: nSamples must be a positive integer, got ${nSamples}`);
  if (!(noise >= 0)) throw new RangeError(`${name}: noise must be non-negative, got ${noise}`);
  return { nSamples, noise, generator, dtype };
}

/** `count` standard normal draws in float64 (PyTorch's `randn(count, dtype=float64)` stream). */
export function normals(count: number, generator: Generator): Float64Array {
  if (count === 0) return new Float64Array(0);
  return randn([count], { generator, dtype: 'float64' }).toTypedArray() as Float64Array;
}

/** Adds noise·N(0, 1) to each value (one randn draw for all of them) and builds the tensors. */
export function finish(
  values: Float64Array,
  labels: Int32Array,
  nFeatures: number,
  opts: Required<SyntheticOptions>,
): Classification {
  if (opts.noise > 0) {
    const eps = normals(values.length, opts.generator);
    for (let i = 0; i < values.length; i++)
      values[i] = (values[i] as number) + opts.noise * (eps[i] as number);
  }
  const x = tensor(values, { dtype: 'float64' }).reshape([labels.length, nFeatures]);
  return { x: opts.dtype === 'float64' ? x : x.to(opts.dtype), y: tensor(labels) };
}
