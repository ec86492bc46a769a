/**
 * WGSL helpers for the float32 functions WGSL lacks or computes imprecisely (erf, log1p, expm1),
 * the element-wise bodies of the unary math methods that use them, and the fused activations'
 * forward f(x) and backward g·f'(x) (the formulas of `activation-math.ts`, in float32).
 */
import type { ActivationKind, ActivationParams } from '../activation-math';

/**
 * `erf_`, `log1p_`, `expm1_`, `sigmoid_`, `tanh_`, `softplus_` in float32.
 *
 * erf: the Maclaurin series below |x| = 0.5 (truncation < 2e-8, so small arguments keep their
 * relative precision), Abramowitz & Stegun 7.1.26 above (absolute error < 1.5e-7).
 * log1p and expm1: Kahan's corrections (log(u)·x / (u − 1) with u = 1 + x; (u − 1)·x / log u with
 * u = eˣ), exact to a few ulps where 1 + x or eˣ − 1 would cancel.
 */
export const MATH_PRELUDE = `
fn erf_(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.5) {
    let x2 = x * x;
    return 1.1283791670955126 * x * (1.0 + x2 * (-0.3333333333333333 + x2 * (0.1 + x2 * (-0.023809523809523808 + x2 * (0.004629629629629629 + x2 * -0.0007575757575757576)))));
  }
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign(x) * (1.0 - poly * exp(-a * a));
}
fn log1p_(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  if (isnan(x) || x > 1e30) { return log(u); }
  return log(u) * (x / (u - 1.0));
}
fn expm1_(x: f32) -> f32 {
  let u = exp(x);
  if (abs(x) > 0.5 || isnan(x)) { return u - 1.0; }
  if (u == 1.0) { return x; }
  return (u - 1.0) * (x / log(u));
}
fn sigmoid_(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
// tanh(±15) is ±1 in float32; clamping avoids exp overflow in implementations that use (e²ˣ−1)/(e²ˣ+1).
fn tanh_(x: f32) -> f32 { return tanh(clamp(x, -15.0, 15.0)); }
// log(1 + eˣ), x itself above 20 (where the two agree in float32 and eˣ would soon overflow).
fn softplus_(x: f32) -> f32 { return select(log1p_(exp(x)), x, x > 20.0); }
`;

/** Bodies (of `x`) of float32 unary methods beyond the element-wise kernels' table. */
export const MATH_BODIES: Readonly<Record<string, string>> = {
  log1p: 'log1p_(x)',
  expm1: 'expm1_(x)',
  erf: 'erf_(x)',
  // asin / acos through atan2: SwiftShader's are ~4e-5 off. tan is as precise as WGSL's sin and cos
  // (which may be 2⁻¹¹ off in absolute terms).
  tan: 'tan(x)',
  asin: 'atan2(x, sqrt((1.0 - x) * (1.0 + x)))',
  acos: 'atan2(sqrt((1.0 - x) * (1.0 + x)), x)',
  atan: 'atan(x)',
  sinh: 'sinh(x)',
  cosh: 'cosh(x)',
  asinh: 'asinh(x)',
  acosh: 'acosh(x)',
  atanh: 'atanh(x)',
  exp2: 'exp2(x)',
  log2: 'log2(x)',
  log10: 'log(x) * 0.4342944819032518',
  trunc: 'trunc(x)',
  // WGSL's round() rounds half to even, as torch.round.
  round: 'round(x)',
};

/** A WGSL f32 expression of `v` (non-finite values from bits, which constant evaluation rejects). */
export function f32Literal(v: number): string {
  if (Number.isNaN(v)) return 'bitcast<f32>(NAN_BITS)';
  if (v === Infinity) return 'bitcast<f32>(INF_BITS)';
  if (v === -Infinity) return '(-bitcast<f32>(INF_BITS))';
  const r = Math.fround(v);
  if (!Number.isFinite(r)) return r > 0 ? 'bitcast<f32>(INF_BITS)' : '(-bitcast<f32>(INF_BITS))';
  return `f32(${r.toPrecision(9)})`;
}

// PyTorch's hardsigmoid backward multiplies by the float constant 1.0f / 6.0f.
const ONE_SIXTH_F32 = f32Literal(1 / 6);
const SQRT1_2 = f32Literal(Math.SQRT1_2);
const INV_SQRT_2PI = f32Literal(1 / Math.sqrt(2 * Math.PI));
const TANH_K = f32Literal(Math.sqrt(2 / Math.PI));
const TANH_C = f32Literal(0.044715);

/**
 * WGSL functions `act(x)` and `dact(x, g)` (f and g·f') of one activation kind; the parameters are
 * compiled in as constants (the caller keys the pipeline by them).
 */
export function activationSource(kind: ActivationKind, params: ActivationParams): string {
  const [p0, p1, p2] = params.map(f32Literal) as [string, string, string];
  const bodies: Record<ActivationKind, [string, string]> = {
    elu: [`if (x > 0.0) { return x * ${p1}; } return expm1_(x * ${p2}) * ${p0};`, `if (x > 0.0) { return g * ${p1}; } return g * ${p0} * ${p2} * exp(x * ${p2});`],
    silu: ['return x / (1.0 + exp(-x));', 'let s = sigmoid_(x); return g * s * (1.0 + x * (1.0 - s));'],
    mish: ['return x * tanh_(softplus_(x));', 'let t = tanh_(softplus_(x)); let s = sigmoid_(x); return g * (t + x * s * (1.0 - t * t));'],
    softplus: [`if (x * ${p0} > ${p1}) { return x; } return log1p_(exp(x * ${p0})) / ${p0};`, `if (x * ${p0} > ${p1}) { return g; } return g * sigmoid_(x * ${p0});`],
    softsign: ['return x / (1.0 + abs(x));', 'let d = 1.0 + abs(x); return g / (d * d);'],
    hardtanh: [`if (x < ${p0}) { return ${p0}; } if (x > ${p1}) { return ${p1}; } return x;`, `if (x <= ${p0} || x >= ${p1}) { return 0.0; } return g;`],
    hardsigmoid: ['return min(max(x + 3.0, 0.0), 6.0) / 6.0;', `if (x > -3.0 && x < 3.0) { return g * ${ONE_SIXTH_F32}; } return 0.0;`],
    // PyTorch's vectorised kernel: the gradient is g from 3 on.
    hardswish: ['return x * min(max(x + 3.0, 0.0), 6.0) / 6.0;', 'if (x < -3.0) { return 0.0; } if (x < 3.0) { return g * (x / 3.0 + 0.5); } return g;'],
    logsigmoid: ['return min(x, 0.0) - log1p_(exp(-abs(x)));', 'let z = exp(-abs(x)); let r = z / (1.0 + z); if (x < 0.0) { return g * (1.0 - r); } return g * r;'],
    gelu: [`return x * 0.5 * (1.0 + erf_(x * ${SQRT1_2}));`, `return g * (0.5 * (1.0 + erf_(x * ${SQRT1_2})) + x * ${INV_SQRT_2PI} * exp(-0.5 * x * x));`],
    geluTanh: [
      `return 0.5 * x * (1.0 + tanh_(${TANH_K} * (x + ${TANH_C} * x * x * x)));`,
      `let t = tanh_(${TANH_K} * (x + ${TANH_C} * x * x * x)); return g * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * ${TANH_K} * (1.0 + 3.0 * ${TANH_C} * x * x));`,
    ],
  };
  const [forward, backward] = bodies[kind];
  return `${MATH_PRELUDE}
fn act(x: f32) -> f32 { ${forward} }
fn dact(x: f32, g: f32) -> f32 { ${backward} }`;
}
