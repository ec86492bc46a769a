/**
 * Array-level samplers reproducing PyTorch 1.13's CPU kernels draw for draw, for a contiguous
 * buffer filled in order.
 *
 * uniform_(from, to):  x = u·(to − from) + from in the tensor's dtype with one fused multiply-add,
 *                      u from nextFloat (float32) or nextDouble (float64).
 * normal_(mean, std):  n ≥ 16: fill with uniforms, then Box–Muller on blocks of 16 (values j and
 *                      j + 8 form a pair: r = √(−2·ln(1 − u_j)), θ = 2π·u_{j+8}); when n is not a
 *                      multiple of 16, the last 16 values are redrawn and transformed again.
 *                      n < 16: per element, double Box–Muller with a cached second value
 *                      (u1, u2 from nextDouble; r = √(−2·ln(1 − u2)), θ = 2π·u1; r·cos θ now, r·sin θ
 *                      next). In float64 (and the float32 scalar path, computed in double) the
 *                      kernels fuse value·std + mean into one multiply-add.
 *                      Known limit: float64 log/sin/cos here are correctly rounded, glibc's are not
 *                      always (about 0.1 % of float64 normal draws then differ by one ulp).
 * randint(low, high):  low + random() mod (high − low), int32 bounds (a range under 2³²).
 * randperm(n):         Fisher–Yates from the front: swap r[i] with r[i + random() mod (n − i)].
 * bernoulli(p):        nextFloat() < p (float32 p) or nextDouble() < p (float64 p), element by element.
 */
import { fma64, logd, sincosd } from './float64-math';
import { fma32, logf, sincosf } from './float32-math';
import { defaultGenerator } from './generator';
import type { Generator } from './generator';

type FloatArray = Float32Array | Float64Array;

/** Fills `out` as `torch.empty(n).uniform_(from, to)`. */
export function fillUniform(out: FloatArray, from: number, to: number, generator: Generator = defaultGenerator): void {
  if (out instanceof Float32Array) {
    // float32 arithmetic: the range rounded to float, then one fused multiply-add.
    const lo = Math.fround(from);
    const range = Math.fround(Math.fround(to) - lo);
    for (let i = 0; i < out.length; i++) out[i] = fma32(generator.nextFloat(), range, lo);
  } else {
    // PyTorch's compiled kernel contracts u·(to − from) + from into one fused multiply-add.
    const range = to - from;
    for (let i = 0; i < out.length; i++) out[i] = fma64(generator.nextDouble(), range, from);
  }
}

/** Fills `out` with 0/1 as `bernoulli_(p)` with a number p: 53-bit uniforms compared with p. */
export function fillBernoulliScalar(out: FloatArray | Uint8Array | Int32Array, p: number, generator: Generator = defaultGenerator): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  for (let i = 0; i < out.length; i++) out[i] = generator.nextDouble() < p ? 1 : 0;
}

const TWO_PI_F32 = Math.fround(2 * Math.PI);

/**
 * Box–Muller on one block of 16 uniforms (values j and j + 8 form a pair). float32 follows the AVX2
 * kernel (float32 Cephes polynomials with fused multiply-adds); float64 the scalar kernel with the C
 * library's log, sin and cos.
 */
function normalFill16(data: FloatArray, start: number, mean: number, std: number): void {
  if (data instanceof Float32Array) {
    for (let j = 0; j < 8; j++) {
      const u1 = Math.fround(1 - (data[start + j] as number));
      const u2 = data[start + j + 8] as number;
      const radius = Math.fround(Math.sqrt(Math.fround(-2 * logf(u1))));
      const [sin, cos] = sincosf(Math.fround(TWO_PI_F32 * u2));
      data[start + j] = fma32(Math.fround(radius * cos), std, mean);
      data[start + j + 8] = fma32(Math.fround(radius * sin), std, mean);
    }
    return;
  }
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - (data[start + j] as number);
    const u2 = data[start + j + 8] as number;
    const radius = Math.sqrt(-2 * logd(u1));
    const [sin, cos] = sincosd(2 * Math.PI * u2);
    // As for uniform_, the compiled kernel fuses ·std + mean into one multiply-add.
    data[start + j] = fma64(radius * cos, std, mean);
    data[start + j + 8] = fma64(radius * sin, std, mean);
  }
}

/** One draw of PyTorch's scalar `normal_distribution<double>`. */
export function normalScalar(generator: Generator): number {
  const cached = generator.nextDoubleNormal;
  if (cached !== null) {
    generator.nextDoubleNormal = null;
    return cached;
  }
  const u1 = generator.nextDouble();
  const u2 = generator.nextDouble();
  const radius = Math.sqrt(-2 * logd(1 - u2));
  const [sin, cos] = sincosd(2 * Math.PI * u1);
  generator.nextDoubleNormal = radius * sin;
  return radius * cos;
}

/** Fills `out` as `torch.empty(n).normal_(mean, std)`. */
export function fillNormal(out: FloatArray, mean: number, std: number, generator: Generator = defaultGenerator): void {
  const n = out.length;
  if (n >= 16) {
    const m = out instanceof Float32Array ? Math.fround(mean) : mean;
    const s = out instanceof Float32Array ? Math.fround(std) : std;
    const uniform = out instanceof Float32Array ? () => generator.nextFloat() : () => generator.nextDouble();
    for (let i = 0; i < n; i++) out[i] = uniform();
    for (let i = 0; i + 16 <= n; i += 16) normalFill16(out, i, m, s);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) out[i] = uniform();
      normalFill16(out, n - 16, m, s);
    }
    return;
  }
  fillNormalSerial(out, mean, std, generator);
}

/**
 * Fills `out` with PyTorch's element-by-element normal sampler whatever its length: what
 * `normal_` does on a non-contiguous tensor (values in memory order), where the 16-block path of
 * {@link fillNormal} does not apply.
 *
 * @example
 * const buf = new Float32Array(20); // the storage behind a transposed 4 × 5 view
 * fillNormalSerial(buf, 0, 1);
 */
export function fillNormalSerial(out: FloatArray, mean: number, std: number, generator: Generator = defaultGenerator): void {
  for (let i = 0; i < out.length; i++) out[i] = fma64(normalScalar(generator), std, mean);
}

/** `n` integers uniform in [low, high), as `torch.randint(low, high, (n,))`. */
export function randintValues(low: number, high: number, n: number, generator: Generator = defaultGenerator): Int32Array {
  if (!(high > low)) throw new RangeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  if (low < -(2 ** 31) || low > 2 ** 31 - 1) throw new RangeError('from is out of bounds for int');
  if (high - 1 > 2 ** 31 - 1) throw new RangeError('to - 1 is out of bounds for int');
  // An int32 range spans fewer than 2^32 values, so PyTorch's 32-bit draw applies.
  const range = high - low;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = (generator.random() % range) + low;
  return out;
}

/** A random permutation of 0 … n−1, as `torch.randperm(n)`. */
export function randpermValues(n: number, generator: Generator = defaultGenerator): Int32Array {
  if (!Number.isInteger(n)) throw new TypeError(`randperm: n must be an integer, got ${n}`);
  if (n < 0) throw new RangeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = generator.random() % (n - i);
    const saved = out[i] as number;
    out[i] = out[z + i] as number;
    out[z + i] = saved;
  }
  return out;
}

/**
 * 0/1 draws with probabilities `probs`, as `torch.bernoulli(p)`: float64 probabilities (a
 * Float64Array, or plain numbers written into a Float64Array) compare 53-bit uniforms, float32 ones
 * 24-bit uniforms, as PyTorch's `bernoulli_distribution<double>` / `<float>`.
 */
export function fillBernoulli(out: FloatArray | Uint8Array | Int32Array, probs: ArrayLike<number>, generator: Generator = defaultGenerator): void {
  for (let i = 0; i < out.length; i++) {
    const p = probs[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Expected p_in >= 0 && p_in <= 1 to be true, but got p = ${p}`);
  }
  const double = probs instanceof Float64Array || (!(probs instanceof Float32Array) && out instanceof Float64Array);
  for (let i = 0; i < out.length; i++) {
    const u = double ? generator.nextDouble() : generator.nextFloat();
    out[i] = u < (probs[i] as number) ? 1 : 0;
  }
}
