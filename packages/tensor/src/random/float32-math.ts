/**
 * Float32 log, sin and cos exactly as PyTorch 1.13's AVX2 `normal_fill` computes them: the Cephes
 * polynomials of avx_mathfun (J. Pommier), evaluated in float32 with the fused multiply-adds GCC
 * forms from them. Emulating them bit for bit is what makes `randn` of 16 or more float32 values
 * equal to PyTorch's on x86-64 CPUs with AVX2 (the machines its wheels and Debian's build run on).
 */
const f = Math.fround;
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The float32 next to `x` in the direction of `toward`. */
function nextFloat32(x: number, up: boolean): number {
  f32[0] = x;
  if (x === 0) {
    i32[0] = 1;
    return up ? (f32[0]) : -(f32[0]);
  }
  i32[0] = (i32[0] as number) + ((x > 0) === up ? 1 : -1);
  return f32[0];
}

/** Correctly rounded float32 fused multiply-add a·b + c of float32 inputs. */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b; // exact: 24 × 24 bits fit in a double
  const s = p + c;
  const r = f(s);
  if (r === s) return r;
  const bv = s - p;
  const err = p - (s - bv) + (c - bv);
  if (err === 0) return r;
  // s may sit exactly halfway between two floats; then the rounding error of s decides.
  const other = nextFloat32(r, s > r);
  if (Math.abs(s - r) === Math.abs(other - s)) return (err > 0) === other > r ? other : r;
  return r;
}

const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const SQRTHF = f(0.7071067811865476);
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);
const HALF = 0.5;

/** avx_mathfun's log256_ps for one lane (positive normal inputs). */
export function logf(value: number): number {
  if (!(value > 0)) return value === 0 ? -Infinity : NaN;
  f32[0] = value;
  const bits = i32[0] as number;
  let e = f(((bits >>> 23) & 0xff) - 0x7f + 1);
  i32[0] = (bits & ~0x7f800000) | 0x3f000000; // mantissa in [0.5, 1)
  let x = f32[0];
  if (x < SQRTHF) {
    e = f(e - 1);
    x = f(f(x - 1) + x);
  } else {
    x = f(x - 1);
  }
  const z = f(x * x);
  let y = LOG_P[0] as number;
  for (let i = 1; i < LOG_P.length; i++) y = fma32(y, x, LOG_P[i] as number);
  y = f(y * x);
  y = fma32(y, z, f(e * LOG_Q1));
  y = fma32(-z, HALF, y);
  x = f(x + y);
  return fma32(e, LOG_Q2, x);
}

const FOPI = f(1.27323954473516);
const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853515625e-4);
const DP3 = f(-3.774894977445941e-8);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f);

/** avx_mathfun's sincos256_ps for one lane: [sin x, cos x]. */
export function sincosf(value: number): [number, number] {
  let signSin = value < 0;
  let x = Math.abs(value);
  let j = Math.trunc(f(x * FOPI));
  j = (j + 1) & ~1;
  const y = f(j);
  const swap = (j & 4) !== 0;
  const polySin = (j & 2) === 0;
  x = fma32(y, DP1, x);
  x = fma32(y, DP2, x);
  x = fma32(y, DP3, x);
  const negCos = (~(j - 2) & 4) !== 0;
  signSin = signSin !== swap;
  const z = f(x * x);
  let yc = fma32(COS_P[0] as number, z, COS_P[1] as number);
  yc = fma32(yc, z, COS_P[2] as number);
  // GCC fuses the last product, not the halving: (y·z)·z − z/2 in one rounding (z/2 is exact).
  yc = fma32(f(yc * z), z, -z * HALF);
  yc = f(yc + 1);
  let ys = fma32(SIN_P[0] as number, z, SIN_P[1] as number);
  ys = fma32(ys, z, SIN_P[2] as number);
  ys = f(ys * z);
  ys = fma32(ys, x, x);
  const s = polySin ? ys : yc;
  const c = polySin ? yc : ys;
  return [signSin ? -s : s, negCos ? -c : c];
}
