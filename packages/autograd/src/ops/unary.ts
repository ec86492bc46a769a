/** Element-wise functions of one tensor, each forward call beside its derivative. */
import { Tensor as BaseTensor, reluBackward, reluForward } from '@descent/tensor';
import { filled } from '../filled';
import { needsGrad, record } from '../node';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/** −a; ∂ = −g. */
export function neg(a: Tensor): Tensor {
  const out = base.neg.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'NegBackward0', [a], (g) => [g.neg()]) : out;
}

/** ∂|a| = sign(a), 0 at 0 as PyTorch. */
export function abs(a: Tensor): Tensor {
  const out = base.abs.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'AbsBackward0', [a], (g) => [g.mul(a.sign())], [a]) : out;
}

/**
 * Piecewise-constant ops (sign, floor, ceil, round) have a zero gradient: zeros, as PyTorch's
 * `zeros_like(grad)`, not g·0 (which would turn an infinite g into NaN).
 */
function constantGrad(a: Tensor, out: Tensor, name: string): Tensor {
  return needsGrad(a) ? record(out, name, [a], (g) => [filled(g.shape, g.dtype, 0, g.device)]) : out;
}
/** sign(a); zero gradient. */
export function sign(a: Tensor): Tensor {
  return constantGrad(a, base.sign.call(a) as Tensor, 'SignBackward0');
}
/** floor(a); zero gradient. */
export function floor(a: Tensor): Tensor {
  return constantGrad(a, base.floor.call(a) as Tensor, 'FloorBackward0');
}
/** ceil(a); zero gradient. */
export function ceil(a: Tensor): Tensor {
  return constantGrad(a, base.ceil.call(a) as Tensor, 'CeilBackward0');
}
/** round(a) (half to even); zero gradient. */
export function round(a: Tensor): Tensor {
  return constantGrad(a, base.round.call(a) as Tensor, 'RoundBackward0');
}

/** ∂exp(a) = exp(a), read from the saved output. */
export function exp(a: Tensor): Tensor {
  const out = base.exp.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'ExpBackward0', [a], (g) => [g.mul(out)], [out]) : out;
}

/** exp(a) − 1; ∂ = out + 1. */
export function expm1(a: Tensor): Tensor {
  const out = base.expm1.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'Expm1Backward0', [a], (g) => [g.mul(out.add(1))], [out]) : out;
}

/** ln a; ∂ = 1 / a. */
export function log(a: Tensor): Tensor {
  const out = base.log.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'LogBackward0', [a], (g) => [g.div(a)], [a]) : out;
}

/** ln(1 + a); ∂ = 1 / (1 + a). */
export function log1p(a: Tensor): Tensor {
  const out = base.log1p.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'Log1PBackward0', [a], (g) => [g.div(a.add(1))], [a]) : out;
}

/** ∂√a = 1 / (2√a). */
export function sqrt(a: Tensor): Tensor {
  const out = base.sqrt.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'SqrtBackward0', [a], (g) => [g.div(out.mul(2))], [out]) : out;
}

/** ∂a^(−½) = −½·a^(−3/2) = −½·out³. */
export function rsqrt(a: Tensor): Tensor {
  const out = base.rsqrt.call(a) as Tensor;
  return needsGrad(a)
    ? record(out, 'RsqrtBackward0', [a], (g) => [g.mul(out.pow(3)).mul(-0.5)], [out])
    : out;
}

/** ∂(1/a) = −1/a² = −out². */
export function reciprocal(a: Tensor): Tensor {
  const out = base.reciprocal.call(a) as Tensor;
  return needsGrad(a)
    ? record(out, 'ReciprocalBackward0', [a], (g) => [g.mul(out.mul(out)).neg()], [out])
    : out;
}

/** sin a; ∂ = cos a. */
export function sin(a: Tensor): Tensor {
  const out = base.sin.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'SinBackward0', [a], (g) => [g.mul(a.cos())], [a]) : out;
}

/** cos a; ∂ = −sin a. */
export function cos(a: Tensor): Tensor {
  const out = base.cos.call(a) as Tensor;
  return needsGrad(a) ? record(out, 'CosBackward0', [a], (g) => [g.mul(a.sin()).neg()], [a]) : out;
}

/** ∂tanh(a) = 1 − tanh²(a), from the saved output. */
export function tanh(a: Tensor): Tensor {
  const out = base.tanh.call(a) as Tensor;
  return needsGrad(a)
    ? record(out, 'TanhBackward0', [a], (g) => [g.mul(out.mul(out).neg().add(1))], [out])
    : out;
}

/** ∂σ(a) = σ(a)(1 − σ(a)), from the saved output. */
export function sigmoid(a: Tensor): Tensor {
  const out = base.sigmoid.call(a) as Tensor;
  return needsGrad(a)
    ? record(out, 'SigmoidBackward0', [a], (g) => [g.mul(out.mul(out.neg().add(1)))], [out])
    : out;
}

/**
 * relu passes the gradient where the output is positive. Written as its own rule, not as
 * maximum(a, 0): that form would split the gradient in half at 0, PyTorch gives 0 there.
 */
export function relu(a: Tensor): Tensor {
  const out = (reluForward(a) ?? base.relu.call(a)) as Tensor;
  return needsGrad(a)
    ? record(out, 'ReluBackward0', [a], (g) => [reluGrad(g, out)], [out])
    : out;
}

/** g where out > 0: one loop, unless g carries history (double backward), then differentiable ops. */
function reluGrad(g: Tensor, out: Tensor): Tensor {
  if (!needsGrad(g)) {
    const fast = reluBackward(g, out);
    if (fast !== null) return fast as Tensor;
  }
  return g.mul(out.gt(0).to(g.dtype));
}

/**
 * clamp passes the gradient where min ≤ a ≤ max, bounds included (PyTorch 1.13's
 * `clamp_backward`), and 0 outside.
 */
export function clamp(a: Tensor, min?: number, max?: number): Tensor {
  const out = base.clamp.call(a, min, max) as Tensor;
  if (!needsGrad(a)) return out;
  return record(
    out,
    'ClampBackward1',
    [a],
    (g) => {
      let inside = min === undefined ? a.le(max as number) : a.ge(min);
      if (min !== undefined && max !== undefined) inside = inside.logicalAnd(a.le(max));
      return [g.mul(inside.to(g.dtype))];
    },
    [a],
  );
}
