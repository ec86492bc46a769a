/**
 * Correctly rounded (in practice) double log, sin and cos, computed in double-double arithmetic.
 * PyTorch's CPU normal sampler calls the C library's `log`, `sin` and `cos`, which glibc rounds
 * correctly in practice; V8's `Math.log/sin/cos` may be one ulp away, which would break equality
 * with PyTorch's float64 `randn`.
 */

// Double-double helpers: a value is hi + lo with |lo| ≤ ulp(hi)/2.
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

const SPLIT = 134217729; // 2^27 + 1
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

type DD = [number, number];

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [hi, lo] = twoSum(s, e + a[1] + b[1]);
  return [hi, lo];
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return twoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}

function div(a: DD, b: DD): DD {
  const q = a[0] / b[0];
  const r = add(a, mul([-q, 0], b));
  const q2 = r[0] / b[0];
  return twoSum(q, q2);
}

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const PI_2: DD = [1.5707963267948966, 6.123233995736766e-17];

/** ln x, correctly rounded in practice. */
export function logd(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  // x = m·2^e with m in [√½, √2).
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // ln m = 2·atanh(t), t = (m − 1)/(m + 1), |t| < 0.172.
  const t = div(twoSum(m, -1), twoSum(m, 1));
  const t2 = mul(t, t);
  // Σ t^(2j)/(2j + 1), with each 1/k formed in double-double (a rounded 1/k would cost accuracy).
  let sum: DD = [0, 0];
  for (let k = 29; k >= 1; k -= 2) sum = add(mul(sum, t2), div([1, 0], [k, 0]));
  const lnm = mul(mul(sum, t), [2, 0]);
  const r = add(mul(LN2, [e, 0]), lnm);
  return r[0] + r[1];
}

/** sin and cos of x (|x| up to a few hundred), correctly rounded in practice. */
export function sincosd(x: number): [number, number] {
  if (!Number.isFinite(x)) return [NaN, NaN];
  const k = Math.round(x / PI_2[0]);
  // r = x − k·π/2 in double-double.
  const r = add([x, 0], mul([-k, 0], PI_2));
  const r2 = mul(r, r);
  // Taylor series of sin r and cos r, |r| ≤ π/4.
  let s: DD = [0, 0];
  let c: DD = [0, 0];
  for (let n = 14; n >= 1; n--) {
    // sin: Σ (−1)^n r^(2n+1)/(2n+1)!, nested as 1 − r²/(2·3)(1 − r²/(4·5)(…)).
    s = add([1, 0], div(mul(s, r2), [-(2 * n) * (2 * n + 1), 0]));
    c = add([1, 0], div(mul(c, r2), [-(2 * n - 1) * (2 * n), 0]));
  }
  s = mul(s, r);
  const quadrant = ((k % 4) + 4) % 4;
  const neg = (v: DD): DD => [-v[0], -v[1]];
  const sin: DD = quadrant === 0 ? s : quadrant === 1 ? c : quadrant === 2 ? neg(s) : neg(c);
  const cos: DD = quadrant === 0 ? c : quadrant === 1 ? neg(s) : quadrant === 2 ? neg(c) : s;
  return [sin[0] + sin[1], cos[0] + cos[1]];
}

/** a·b + c rounded once (a fused multiply-add), from the exact product and sum errors. */
export function fma64(a: number, b: number, c: number): number {
  const [p, pe] = twoProd(a, b);
  const [s, se] = twoSum(p, c);
  return s + (pe + se);
}
