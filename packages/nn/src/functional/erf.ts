import { Tensor } from '@descent/autograd';
import { Storage } from '@descent/tensor';
import type { Tensor as BaseTensor } from '@descent/tensor';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function in double precision (|error| below 1e-15): for |x| < 3 the everywhere-positive
 * series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6), which has
 * no cancellation; beyond, 1 − erfc(x) with erfc's continued fraction (A&S 7.1.14), evaluated
 * from the bottom up.
 *
 * @example
 * erf(1); // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  if (z >= 6) return Math.sign(x); // erfc(6) ≈ 2e-17, below half an ulp of 1
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
  }
  // erfc(z) = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …)))))
  let fraction = z;
  for (let k = 60; k >= 1; k--) fraction = z + k / 2 / fraction;
  const erfc = Math.exp(-z * z) / Math.sqrt(Math.PI) / fraction;
  return Math.sign(x) * (1 - erfc);
}

function mapValues(t: BaseTensor, fn: (x: number) => number): Tensor {
  const source = t.contiguous();
  const n = source.numel();
  const values = source.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const data = source.storage.data;
  for (let i = 0; i < n; i++) values[i] = fn(data[source.offset + i]!);
  const strides: number[] = [];
  let step = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    strides[d] = step;
    step *= t.shape[d]!;
  }
  return new Tensor(new Storage(values), [...t.shape], strides, 0, source.dtype);
}

/**
 * erf of every element, differentiable: d erf(x)/dx = 2/√π·e^(−x²). The values come from
 * {@link erf}; the gradient is attached as `value + (x − x.detach())·slope(x)`, whose value is
 * exactly `value` and whose derivative is `slope(x)` (@descent/tensor has no erf kernel yet).
 *
 * @example
 * erfTensor(tensor([0, 1])); // tensor([0.0000, 0.8427])
 */
export function erfTensor(x: Tensor): Tensor {
  const value = mapValues(x.detach(), erf);
  if (!x.requiresGrad) return value;
  const slope = x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI);
  // x − x.detach() is exactly 0 for finite x; infinite elements get 0 too instead of NaN.
  const zero = x.sub(x.detach()).where(x.abs().lt(Infinity), 0);
  return value.add(zero.mul(slope));
}
