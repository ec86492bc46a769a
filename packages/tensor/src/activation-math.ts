/**
 * The fused activations' arithmetic in TypeScript: the fallback of assembly/activations.ts (same
 * formulas, each element in float64 and rounded once), and the kinds' numbering shared with it.
 */
import { erfScalar } from './ops/math';

/** The element-wise activations with a fused forward and backward kernel. */
export type ActivationKind = 'elu' | 'silu' | 'mish' | 'softplus' | 'softsign' | 'hardtanh' | 'hardsigmoid' | 'hardswish' | 'logsigmoid' | 'gelu' | 'geluTanh';

/**
 * The three numbers an activation reads: `elu` α·scale, scale and the input scale (PyTorch's
 * negcoef, poscoef and negiptcoef: CELU and SELU are ELUs); `softplus` β and the threshold;
 * `hardtanh` min and max; the others none (zeros).
 */
export type ActivationParams = readonly [number, number, number];

/** @internal The kinds as numbered in assembly/activations.ts. */
export const ACTIVATION_KINDS: Readonly<Record<ActivationKind, number>> = {
  elu: 0,
  silu: 1,
  mish: 2,
  softplus: 3,
  softsign: 4,
  hardtanh: 5,
  hardsigmoid: 6,
  hardswish: 7,
  logsigmoid: 8,
  gelu: 9,
  geluTanh: 10,
};

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TANH_K = Math.sqrt(2 / Math.PI);
const TANH_C = 0.044715;
// PyTorch's hardsigmoid backward multiplies by the float constant 1.0f / 6.0f, also in float64.
const ONE_SIXTH_F32 = Math.fround(1 / 6);

const phi = (x: number): number => 0.5 * (1 + erfScalar(x * SQRT1_2));

/** @internal f(x) of one element, in float64. */
export function activationScalar(kind: ActivationKind, [p0, p1, p2]: ActivationParams): (x: number) => number {
  switch (kind) {
    case 'elu': return (x) => (x > 0 ? x * p1 : Math.expm1(x * p2) * p0);
    case 'silu': return (x) => x / (1 + Math.exp(-x));
    case 'mish': return (x) => x * Math.tanh(Math.log1p(Math.exp(x)));
    case 'softplus': return (x) => (x * p0 > p1 ? x : Math.log1p(Math.exp(x * p0)) / p0);
    case 'softsign': return (x) => x / (1 + Math.abs(x));
    case 'hardtanh': return (x) => (x < p0 ? p0 : x > p1 ? p1 : x);
    case 'hardsigmoid': return (x) => Math.min(Math.max(x + 3, 0), 6) / 6;
    case 'hardswish': return (x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6;
    case 'logsigmoid': return (x) => Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
    case 'gelu': return (x) => x * phi(x);
    case 'geluTanh': return (x) => 0.5 * x * (1 + Math.tanh(TANH_K * (x + TANH_C * x * x * x)));
  }
}

/** @internal g·f'(x) of one element, in float64. */
export function activationDerivativeScalar(kind: ActivationKind, [p0, p1, p2]: ActivationParams): (x: number, g: number) => number {
  switch (kind) {
    case 'elu': return (x, g) => (x > 0 ? g * p1 : g * p0 * p2 * Math.exp(x * p2));
    case 'silu': return (x, g) => {
      const s = 1 / (1 + Math.exp(-x));
      return g * s * (1 + x * (1 - s));
    };
    case 'mish': return (x, g) => {
      const t = Math.tanh(Math.log1p(Math.exp(x)));
      const s = 1 / (1 + Math.exp(-x));
      return g * (t + x * s * (1 - t * t));
    };
    case 'softplus': return (x, g) => {
      if (x * p0 > p1) return g;
      const z = Math.exp(x * p0);
      return (g * z) / (z + 1);
    };
    case 'softsign': return (x, g) => {
      const d = 1 + Math.abs(x);
      return g / (d * d);
    };
    case 'hardtanh': return (x, g) => (x <= p0 || x >= p1 ? 0 : g);
    case 'hardsigmoid': return (x, g) => (x > -3 && x < 3 ? g * ONE_SIXTH_F32 : 0);
    case 'hardswish': return (x, g) => (x < -3 ? 0 : x < 3 ? g * (x / 3 + 0.5) : g); // PyTorch's vectorised kernel: g from 3 on
    case 'logsigmoid': return (x, g) => {
      const z = Math.exp(-Math.abs(x));
      const r = z / (1 + z);
      return x < 0 ? g * (1 - r) : g * r;
    };
    case 'gelu': return (x, g) => g * (phi(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
    case 'geluTanh': return (x, g) => {
      const t = Math.tanh(TANH_K * (x + TANH_C * x * x * x));
      return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * TANH_K * (1 + 3 * TANH_C * x * x));
    };
  }
}
