import { Tensor, tensor } from '@descent/autograd';
import { Storage } from '@descent/tensor';
import type { Tensor as BaseTensor } from '@descent/tensor';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function of one number, by @descent/tensor's `erf` in float64 (the one erf of the
 * library; |error| below 1e-15).
 *
 * @example
 * erf(1); // 0.8427007929497149
 */
export function erf(x: number): number {
  return tensor([x], { dtype: 'float64' }).erf().item();
}

/**
 * The inverse error function (within 1e-11 relative of torch.erfinv in float64, tested): Giles' single-precision approximation
 * ("Approximating the erfinv function", GPU Computing Gems, 2011) refined by Newton steps on
 * `erf`. erfinv(±1) = ±∞; outside [−1, 1] it is NaN.
 *
 * @example
 * erfinv(0.5); // 0.4769362762044699
 */
export function erfinv(y: number): number {
  return erfinvTensor(tensor([y], { dtype: 'float64' })).item();
}

/** erfinv of every element of `y` (same shape and dtype, no history), computed in float64. */
export function erfinvTensor(y: BaseTensor): Tensor {
  const target = asFloat64(y);
  let x = mapValues(target, erfinvGuess);
  for (let i = 0; i < 3; i++) {
    const slope = x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI);
    // Where the slope vanishes (x = ±∞, or far out) x is kept, as a Newton step cannot move it.
    x = x.sub(x.erf().sub(target).div(slope).where(slope.gt(0), 0));
  }
  return y.dtype === 'float64' ? x : x.to(y.dtype);
}

function asFloat64(y: BaseTensor): Tensor {
  return mapValues(y, (v) => v).to('float64');
}

/** Giles' approximation of erfinv(y): ±∞ at ±1, NaN outside [−1, 1]. */
function erfinvGuess(y: number): number {
  if (!(y >= -1 && y <= 1)) return NaN;
  if (y === 1 || y === -1) return y * Infinity;
  let w = -Math.log((1 - y) * (1 + y));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
  }
  return p * y;
}

/** A new tensor holding `fn` of every element of `t` (same shape and dtype, no history). */
export function mapValues(t: BaseTensor, fn: (x: number) => number): Tensor {
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
 * erf of every element, differentiable (d erf(x)/dx = 2/√π·e^(−x²)): the tensor op `erf`.
 *
 * @example
 * erfTensor(tensor([0, 1])); // tensor([0.0000, 0.8427])
 */
export function erfTensor(x: Tensor): Tensor {
  return x.erf();
}
