/**
 * Fused activations with their gradient: the forward and the backward are each one pass of
 * `@descent/tensor`'s kernels (WebAssembly for large float arrays). The backward is itself
 * differentiable: under `createGraph` it is built from differentiable ops as g·f'(x), with f'
 * written out below per kind, so second and higher derivatives follow (gradcheck of gradgrad).
 */
import { activation as baseActivation, activationBackward as baseActivationBackward } from '@descent/tensor';
import type { ActivationKind, ActivationParams } from '@descent/tensor';
import { filled } from '../filled';
import { gradMode } from '../grad-mode';
import { needsGrad, record, untracked } from '../node';
import type { Tensor } from '../tensor';

const NO_PARAMS: ActivationParams = [0, 0, 0];
// PyTorch's hardsigmoid backward multiplies by the float constant 1.0f / 6.0f, also in float64.
const ONE_SIXTH_F32 = Math.fround(1 / 6);
const TANH_K = Math.sqrt(2 / Math.PI);
const TANH_C = 0.044715;

const NODE_NAMES: Readonly<Record<ActivationKind, string>> = {
  elu: 'EluBackward0',
  silu: 'SiluBackward0',
  mish: 'MishBackward0',
  softplus: 'SoftplusBackward0',
  softsign: 'SoftsignBackward0',
  hardtanh: 'HardtanhBackward0',
  hardsigmoid: 'HardsigmoidBackward0',
  hardswish: 'HardswishBackward0',
  logsigmoid: 'LogSigmoidBackward0',
  gelu: 'GeluBackward0',
  geluTanh: 'GeluBackward0',
};

/** A 0/1 tensor of x's dtype: a constant (no gradient flows through a mask). */
const mask = (x: Tensor, m: Tensor): Tensor => m.to(x.dtype);

/** softplus(x) = log(1 + eˣ), without overflow (x itself above 20, as PyTorch's threshold). */
const softplus = (x: Tensor): Tensor => x.where(x.gt(20), x.clamp(undefined, 20).exp().log1p());

/** f'(x) of each kind as differentiable ops: the backward's own graph under createGraph. */
function derivative(kind: ActivationKind, x: Tensor, [p0, p1, p2]: ActivationParams): Tensor {
  switch (kind) {
    case 'elu':
      return x.clamp(undefined, 0).mul(p2).exp().mul(p0 * p2).where(x.le(0), filled(x.shape, x.dtype, p1, x.device));
    case 'silu': {
      const s = x.sigmoid();
      return s.mul(x.mul(s.neg().add(1)).add(1));
    }
    case 'mish': {
      const t = softplus(x).tanh();
      return t.add(x.mul(x.sigmoid()).mul(t.square().neg().add(1)));
    }
    case 'softplus':
      return x.mul(p0).sigmoid().where(x.mul(p0).le(p1), filled(x.shape, x.dtype, 1, x.device));
    case 'softsign':
      return x.abs().add(1).square().reciprocal();
    case 'hardtanh':
      return mask(x, x.gt(p0).logicalAnd(x.lt(p1)));
    case 'hardsigmoid':
      return mask(x, x.gt(-3).logicalAnd(x.lt(3))).mul(ONE_SIXTH_F32);
    case 'hardswish':
      return x.div(3).add(0.5).mul(mask(x, x.ge(-3).logicalAnd(x.lt(3)))).add(mask(x, x.ge(3)));
    case 'logsigmoid':
      return x.neg().sigmoid();
    case 'gelu':
      return x.mul(Math.SQRT1_2).erf().add(1).mul(0.5).add(x.mul(x.square().mul(-0.5).exp()).mul(1 / Math.sqrt(2 * Math.PI)));
    case 'geluTanh': {
      const t = x.add(x.pow(3).mul(TANH_C)).mul(TANH_K).tanh();
      const dInner = x.square().mul(3 * TANH_C).add(1).mul(TANH_K);
      return t.add(1).mul(0.5).add(x.mul(0.5).mul(t.square().neg().add(1)).mul(dInner));
    }
  }
}

/** g·f'(x): one fused pass, or differentiable ops when the backward itself is recorded. */
function gradient(kind: ActivationKind, x: Tensor, g: Tensor, params: ActivationParams): Tensor {
  if (gradMode.enabled) return g.mul(derivative(kind, x, params));
  return untracked(baseActivationBackward, x, g, kind, params) as Tensor;
}

/**
 * f(x) for a fused element-wise activation, recording its gradient (see `@descent/tensor`'s
 * `activation` for the kinds and their parameters). `@descent/nn`'s `functional.elu`, `silu`,
 * `gelu`, … call it; use those.
 *
 * @example
 * activation(x, 'silu').sum().backward(); // x.grad = σ(x)·(1 + x·(1 − σ(x)))
 */
export function activation(x: Tensor, kind: ActivationKind, params: ActivationParams = NO_PARAMS): Tensor {
  const out = untracked(baseActivation, x, kind, params) as Tensor;
  if (!needsGrad(x)) return out;
  return record(out, NODE_NAMES[kind], [x], (g) => [gradient(kind, x, g, params)], [x]);
}
