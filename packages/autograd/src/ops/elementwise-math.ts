/**
 * The element-wise math of issue 20 (tan … log10, remainder, fmod, copysign, logaddexp, lerp), each
 * forward call beside its derivative, named as PyTorch 1.13's nodes. Rules are built from
 * differentiable ops, so `createGraph` works through them.
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import { filled } from '../filled';
import { isGradTensor, needsGrad, record, untrackedMethod } from '../node';
import { metaOf, sumToShape } from '../sum-to-shape';
import { asGrad } from '../tensor';
import type { Tensor } from '../tensor';

type Operand = BaseTensor | number;
const base = BaseTensor.prototype;

type UnaryName = 'tan' | 'asin' | 'acos' | 'atan' | 'sinh' | 'cosh' | 'asinh' | 'acosh' | 'atanh' | 'erf' | 'exp2' | 'log2' | 'log10';

/** ∂ of each unary op from its input `a` and output `out` (PyTorch's derivatives.yaml). */
const RULES: Record<UnaryName, (g: Tensor, a: Tensor, out: Tensor) => Tensor> = {
  tan: (g, _a, out) => g.mul(out.mul(out).add(1)),
  asin: (g, a) => g.mul(a.mul(a).neg().add(1).rsqrt()),
  acos: (g, a) => g.mul(a.mul(a).neg().add(1).rsqrt()).neg(),
  atan: (g, a) => g.div(a.mul(a).add(1)),
  sinh: (g, a) => g.mul(a.cosh()),
  cosh: (g, a) => g.mul(a.sinh()),
  asinh: (g, a) => g.mul(a.mul(a).add(1).rsqrt()),
  acosh: (g, a) => g.mul(a.mul(a).sub(1).rsqrt()),
  atanh: (g, a) => g.div(a.mul(a).neg().add(1)),
  // 2/√π · e^(−a²)
  erf: (g, a) => g.mul(a.mul(a).neg().exp().mul(2 / Math.sqrt(Math.PI))),
  exp2: (g, _a, out) => g.mul(out).mul(Math.LN2),
  log2: (g, a) => g.div(a.mul(Math.LN2)),
  log10: (g, a) => g.div(a.mul(Math.LN10)),
};

const NAMES: Record<UnaryName, string> = {
  tan: 'TanBackward0',
  asin: 'AsinBackward0',
  acos: 'AcosBackward0',
  atan: 'AtanBackward0',
  sinh: 'SinhBackward0',
  cosh: 'CoshBackward0',
  asinh: 'AsinhBackward0',
  acosh: 'AcoshBackward0',
  atanh: 'AtanhBackward0',
  erf: 'ErfBackward0',
  exp2: 'Exp2Backward0',
  log2: 'Log2Backward0',
  log10: 'Log10Backward0',
};

/** One of the unary functions above with its rule. */
export function unaryMath(a: Tensor, name: UnaryName): Tensor {
  const out = base[name].call(a) as Tensor;
  if (!needsGrad(a)) return out;
  const rule = RULES[name];
  return record(out, NAMES[name], [a], (g) => [rule(g, a, out)], [a, out]);
}

/** trunc(a); zero gradient. */
export function trunc(a: Tensor): Tensor {
  const out = base.trunc.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'TruncBackward0', [a], (g) => [filled(g.shape, g.dtype, 0, g.device)]) : out;
}

/**
 * remainder (`kind` 'floor') and fmod ('trunc'): a − q·b with q rounded; ∂/∂a = g,
 * ∂/∂b = −g·q (PyTorch's rules).
 */
export function modulo(a: Tensor, b: Operand, kind: 'floor' | 'trunc'): Tensor {
  const out = (kind === 'floor' ? base.remainder.call(a, b) : base.fmod.call(a, b)) as Tensor;
  if (!needsGrad(a, b)) return out;
  const name = kind === 'floor' ? 'RemainderBackward' : 'FmodBackward';
  const ma = metaOf(a);
  if (typeof b === 'number') return record(out, `${name}0`, [a], (g) => [sumToShape(g, ma)]);
  return record(
    out,
    `${name}1`,
    [a, b],
    (g) => [
      a.requiresGrad ? sumToShape(g, ma) : null,
      isGradTensor(b) ? sumToShape(g.mul(asGrad(a).div(b, { roundingMode: kind })).neg(), b) : null,
    ],
    [a, b],
  );
}

/** copysign(a, b); ∂/∂a = g·out/a (0 where a = 0), ∂/∂b = 0 (PyTorch's `copysign_tensor_self_backward`). */
export function copysign(a: Tensor, b: Operand): Tensor {
  const out = base.copysign.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  const ma = metaOf(a);
  const ratio = (g: Tensor): Tensor => sumToShape(g.mul(out.div(a).maskedFill(a.eq(0), 0)), ma);
  if (typeof b === 'number') return record(out, 'CopysignBackward1', [a], (g) => [ratio(g)], [a, out]);
  const mb = metaOf(b);
  return record(out, 'CopysignBackward0', [a, b], (g) => [a.requiresGrad ? ratio(g) : null, filled(mb.shape, mb.dtype, 0)], [a, out]);
}

/** log(eᵃ + eᵇ); ∂/∂a = g / (1 + e^(b − a)), ∂/∂b = g / (1 + e^(a − b)). */
export function logaddexp(a: Tensor, b: Operand): Tensor {
  const out = base.logaddexp.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  const ma = metaOf(a);
  // e^(a − out) = 1 / (1 + e^(b − a)), read from the saved output: no overflow.
  if (typeof b === 'number') return record(out, 'LogaddexpBackward0', [a], (g) => [sumToShape(g.mul(a.sub(out).exp()), ma)], [a, out]);
  const mb = metaOf(b);
  const bb = asGrad(b);
  return record(
    out,
    'LogaddexpBackward0',
    [a, b],
    (g) => [a.requiresGrad ? sumToShape(g.mul(a.sub(out).exp()), ma) : null, isGradTensor(b) ? sumToShape(g.mul(bb.sub(out).exp()), mb) : null],
    [a, b, out],
  );
}

/** lerp(a, end, w) = a + w·(end − a); ∂/∂a = g·(1 − w), ∂/∂end = g·w, ∂/∂w = g·(end − a). */
export function lerp(a: Tensor, end: BaseTensor, weight: Operand): Tensor {
  const out = untrackedMethod(a, 'lerp', end, weight) as Tensor;
  if (!needsGrad(a, end) && !isGradTensor(weight)) return out;
  const e = asGrad(end);
  const [ma, me] = [metaOf(a), metaOf(end)];
  if (typeof weight === 'number') {
    return record(out, 'LerpBackward0', [a, end], (g) => [
      a.requiresGrad ? sumToShape(g.mul(1 - weight), ma) : null,
      isGradTensor(end) ? sumToShape(g.mul(weight), me) : null,
    ]);
  }
  const w = asGrad(weight);
  const mw = metaOf(weight);
  return record(
    out,
    'LerpBackward1',
    [a, end, weight],
    (g) => [
      a.requiresGrad ? sumToShape(g.mul(w.neg().add(1)), ma) : null,
      isGradTensor(end) ? sumToShape(g.mul(w), me) : null,
      isGradTensor(weight) ? sumToShape(g.mul(e.sub(a)), mw) : null,
    ],
    [a, end, weight],
  );
}
