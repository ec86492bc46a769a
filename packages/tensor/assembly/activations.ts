/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Fused activations of torch.nn.functional: one pass forward (out = f(x)) and one pass backward
// (out = g·f'(x), from the saved input), over contiguous f32 or f64 arrays. Every element is computed
// in f64 and rounded once. The kind is a compile-time constant inside each inlined loop.
// Parameters: ELU p0 = α·scale (PyTorch's negcoef), p1 = scale, p2 = input scale (1/α for CELU);
// SOFTPLUS p0 = β, p1 = threshold; HARDTANH p0 = min, p1 = max. src/activation-math.ts is the same
// arithmetic in TypeScript (the fallback) and must stay in step with this file.

export const ACT_ELU = 0;
export const ACT_SILU = 1;
export const ACT_MISH = 2;
export const ACT_SOFTPLUS = 3;
export const ACT_SOFTSIGN = 4;
export const ACT_HARDTANH = 5;
export const ACT_HARDSIGMOID = 6;
export const ACT_HARDSWISH = 7;
export const ACT_LOGSIGMOID = 8;
export const ACT_GELU = 9;
export const ACT_GELU_TANH = 10;

const SQRT1_2: f64 = 0.7071067811865476;
const INV_SQRT_2PI: f64 = 0.3989422804014327;
const TANH_K: f64 = 0.7978845608028654; // √(2/π)
const TANH_C: f64 = 0.044715;
const ONE_SIXTH_F32: f64 = <f64><f32>(1.0 / 6.0);
const TWO_OVER_SQRT_PI: f64 = 1.1283791670955126;

class Act {
  /** erf in double precision (the series / continued fraction of tensor's erfScalar). */
  static erfExact(x: f64): f64 {
    if (isNaN(x)) return x;
    const z = Math.abs(x);
    const s: f64 = x < 0 ? -1 : 1;
    if (z >= 6) return s;
    if (z < 3) {
      let term = z;
      let sum = z;
      for (let k = 1; k < 200 && term > sum * 1e-17; k++) {
        term *= (2 * z * z) / <f64>(2 * k + 1);
        sum += term;
      }
      return s * TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
    }
    let fraction = z;
    for (let k = 60; k >= 1; k--) fraction = z + <f64>k / 2 / fraction;
    return s * (1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / fraction);
  }

  /**
   * Φ(x) = ½(1 + erf(x/√2)) to about 1e-10 relative, for f32 results: erf(z)/z as a polynomial in
   * z² on |z| < 2, erfc(z)·e^(z²)·z as a polynomial in 1/z² on 2 ≤ |z| < 6.5 (least-squares fits to
   * PyTorch's float64 erf and erfcx); the lower tail comes from erfc, without cancellation.
   */
  @inline static phiFast(x: f64): f64 {
    const z = x * SQRT1_2;
    const a = Math.abs(z);
    if (a < 2) {
      const t = a * a;
      const p = 1.1283791670938976 + t * (-0.3761263888778372 + t * (0.11283791444567078 + t * (-0.026866157576258175 + t * (0.005223938393813586 + t * (-0.000854762454942989 + t * (0.00012047225521375384 + t * (-1.4862510307914579e-05 + t * (1.6121613506080881e-06 + t * (-1.507993591858045e-07 + t * (1.1408964588611887e-08 + t * (-6.072400422327463e-10 + t * 1.650065707134132e-11)))))))))));
      return 0.5 + 0.5 * z * p;
    }
    if (a >= 6.5 || isNaN(a)) return z > 0 ? 1 : z < 0 ? 0 : z;
    const s = 1 / (a * a);
    const q = 0.5641895627998188 + s * (-0.2820916033058575 + s * (0.42293141115737165 + s * (-1.0498612427630536 + s * (3.5058155583102684 + s * (-13.272204137663243 + s * (47.966767053705304 + s * (-142.47684710132134 + s * (305.6601821044897 + s * (-407.50907618779036 + s * 249.64916230106675)))))))));
    const tail = 0.5 * Math.exp(-a * a) * q / a; // ½·erfc(|z|)
    return z > 0 ? 1 - tail : tail;
  }

  @inline static phi(x: f64, exact: bool): f64 {
    return exact ? 0.5 * (1 + Act.erfExact(x * SQRT1_2)) : Act.phiFast(x);
  }

  @inline static fwd(kind: i32, x: f64, p0: f64, p1: f64, p2: f64, exact: bool): f64 {
    if (kind == ACT_ELU) return x > 0 ? x * p1 : Math.expm1(x * p2) * p0;
    if (kind == ACT_SILU) return x / (1 + Math.exp(-x));
    if (kind == ACT_MISH) return x * Math.tanh(Math.log1p(Math.exp(x)));
    if (kind == ACT_SOFTPLUS) return x * p0 > p1 ? x : Math.log1p(Math.exp(x * p0)) / p0;
    if (kind == ACT_SOFTSIGN) return x / (1 + Math.abs(x));
    if (kind == ACT_HARDTANH) return x < p0 ? p0 : x > p1 ? p1 : x;
    if (kind == ACT_HARDSIGMOID) return Math.min(Math.max(x + 3, 0), 6) / 6;
    if (kind == ACT_HARDSWISH) return (x * Math.min(Math.max(x + 3, 0), 6)) / 6;
    if (kind == ACT_LOGSIGMOID) return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
    if (kind == ACT_GELU) return x * Act.phi(x, exact);
    // ACT_GELU_TANH
    return 0.5 * x * (1 + Math.tanh(TANH_K * (x + TANH_C * x * x * x)));
  }

  @inline static bwd(kind: i32, x: f64, g: f64, p0: f64, p1: f64, p2: f64, exact: bool): f64 {
    if (kind == ACT_ELU) return x > 0 ? g * p1 : g * p0 * p2 * Math.exp(x * p2);
    if (kind == ACT_SILU) {
      const s = 1 / (1 + Math.exp(-x));
      return g * s * (1 + x * (1 - s));
    }
    if (kind == ACT_MISH) {
      const t = Math.tanh(Math.log1p(Math.exp(x)));
      const s = 1 / (1 + Math.exp(-x));
      return g * (t + x * s * (1 - t * t));
    }
    if (kind == ACT_SOFTPLUS) {
      if (x * p0 > p1) return g;
      const z = Math.exp(x * p0);
      return (g * z) / (z + 1);
    }
    if (kind == ACT_SOFTSIGN) {
      const d = 1 + Math.abs(x);
      return g / (d * d);
    }
    if (kind == ACT_HARDTANH) return x <= p0 || x >= p1 ? 0 : g;
    if (kind == ACT_HARDSIGMOID) return x > -3 && x < 3 ? g * ONE_SIXTH_F32 : 0;
    if (kind == ACT_HARDSWISH) return x < -3 ? 0 : x < 3 ? g * (x / 3 + 0.5) : g; // PyTorch 1.13's vectorised kernel: g from 3 on
    if (kind == ACT_LOGSIGMOID) {
      const z = Math.exp(-Math.abs(x));
      const r = z / (1 + z);
      return x < 0 ? g * (1 - r) : g * r;
    }
    if (kind == ACT_GELU) return g * (Act.phi(x, exact) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
    // ACT_GELU_TANH
    const t = Math.tanh(TANH_K * (x + TANH_C * x * x * x));
    return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * TANH_K * (1 + 3 * TANH_C * x * x));
  }

  @inline static fwdLoop<T>(kind: i32, a: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void {
    const exact = sizeof<T>() == 8;
    for (let i = 0; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      store<T>(out + o, <T>Act.fwd(kind, <f64>load<T>(a + o), p0, p1, p2, exact));
    }
  }

  @inline static bwdLoop<T>(kind: i32, a: usize, g: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void {
    const exact = sizeof<T>() == 8;
    for (let i = 0; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      store<T>(out + o, <T>Act.bwd(kind, <f64>load<T>(a + o), <f64>load<T>(g + o), p0, p1, p2, exact));
    }
  }
}

function forward<T>(kind: i32, a: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void {
  switch (kind) {
    case ACT_ELU: Act.fwdLoop<T>(ACT_ELU, a, out, n, p0, p1, p2); break;
    case ACT_SILU: Act.fwdLoop<T>(ACT_SILU, a, out, n, p0, p1, p2); break;
    case ACT_MISH: Act.fwdLoop<T>(ACT_MISH, a, out, n, p0, p1, p2); break;
    case ACT_SOFTPLUS: Act.fwdLoop<T>(ACT_SOFTPLUS, a, out, n, p0, p1, p2); break;
    case ACT_SOFTSIGN: Act.fwdLoop<T>(ACT_SOFTSIGN, a, out, n, p0, p1, p2); break;
    case ACT_HARDTANH: Act.fwdLoop<T>(ACT_HARDTANH, a, out, n, p0, p1, p2); break;
    case ACT_HARDSIGMOID: Act.fwdLoop<T>(ACT_HARDSIGMOID, a, out, n, p0, p1, p2); break;
    case ACT_HARDSWISH: Act.fwdLoop<T>(ACT_HARDSWISH, a, out, n, p0, p1, p2); break;
    case ACT_LOGSIGMOID: Act.fwdLoop<T>(ACT_LOGSIGMOID, a, out, n, p0, p1, p2); break;
    case ACT_GELU: Act.fwdLoop<T>(ACT_GELU, a, out, n, p0, p1, p2); break;
    default: Act.fwdLoop<T>(ACT_GELU_TANH, a, out, n, p0, p1, p2);
  }
}

function backward<T>(kind: i32, a: usize, g: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void {
  switch (kind) {
    case ACT_ELU: Act.bwdLoop<T>(ACT_ELU, a, g, out, n, p0, p1, p2); break;
    case ACT_SILU: Act.bwdLoop<T>(ACT_SILU, a, g, out, n, p0, p1, p2); break;
    case ACT_MISH: Act.bwdLoop<T>(ACT_MISH, a, g, out, n, p0, p1, p2); break;
    case ACT_SOFTPLUS: Act.bwdLoop<T>(ACT_SOFTPLUS, a, g, out, n, p0, p1, p2); break;
    case ACT_SOFTSIGN: Act.bwdLoop<T>(ACT_SOFTSIGN, a, g, out, n, p0, p1, p2); break;
    case ACT_HARDTANH: Act.bwdLoop<T>(ACT_HARDTANH, a, g, out, n, p0, p1, p2); break;
    case ACT_HARDSIGMOID: Act.bwdLoop<T>(ACT_HARDSIGMOID, a, g, out, n, p0, p1, p2); break;
    case ACT_HARDSWISH: Act.bwdLoop<T>(ACT_HARDSWISH, a, g, out, n, p0, p1, p2); break;
    case ACT_LOGSIGMOID: Act.bwdLoop<T>(ACT_LOGSIGMOID, a, g, out, n, p0, p1, p2); break;
    case ACT_GELU: Act.bwdLoop<T>(ACT_GELU, a, g, out, n, p0, p1, p2); break;
    default: Act.bwdLoop<T>(ACT_GELU_TANH, a, g, out, n, p0, p1, p2);
  }
}

export function act_fwd_f32(kind: i32, a: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void { forward<f32>(kind, a, out, n, p0, p1, p2); }
export function act_fwd_f64(kind: i32, a: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void { forward<f64>(kind, a, out, n, p0, p1, p2); }
export function act_bwd_f32(kind: i32, a: usize, g: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void { backward<f32>(kind, a, g, out, n, p0, p1, p2); }
export function act_bwd_f64(kind: i32, a: usize, g: usize, out: usize, n: i32, p0: f64, p1: f64, p2: f64): void { backward<f64>(kind, a, g, out, n, p0, p1, p2); }
