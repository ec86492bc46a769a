/**
 * The rest of torch.nn.functional's activations, each composed from differentiable tensor ops
 * (so each has PyTorch's gradient without a rule of its own). Every function takes its extra
 * arguments positionally in PyTorch's order or as one options object last (keyword-args.ts).
 */
import { activation } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { softmaxDim } from './activations';
import type { SoftmaxOptions } from './activations';
import { fusable } from './fusable';
import { keywordArgs } from './keyword-args';

/**
 * `input` clamped to [lo, hi] with PyTorch's hardtanh gradient: g strictly inside, 0 on and beyond
 * the bounds (clamp's own rule passes g on the bounds); `lowInclusive` passes g on `lo` too.
 */
function clampInside(input: Tensor, lo: number, hi: number, lowInclusive = false): Tensor {
  const inside = (lowInclusive ? input.ge(lo) : input.gt(lo)).logicalAnd(input.lt(hi));
  return input.where(inside, input.detach().clamp(lo, hi));
}

// PyTorch's hardsigmoid backward multiplies by the float constant 1.0f / 6.0f, also in float64.
const ONE_SIXTH_F32 = Math.fround(1 / 6);

/** SELU's constants (Klambauer et al., 2017), as PyTorch's. */
export const SELU_ALPHA = 1.6732632423543772; // 1.6732632423543772848170429916717 rounded to float64
/** SELU's scale. */
export const SELU_SCALE = 1.0507009873554805; // 1.0507009873554804934193349852946 rounded to float64

// The exponential branch reads min(x, 0): for large positive x, where() would otherwise multiply a
// zero gradient by an infinite expm1 derivative and give NaN.
function negativeBranch(input: Tensor, alpha: number, inner: number): Tensor {
  return input.clamp(undefined, 0).mul(inner).expm1().mul(alpha);
}

/**
 * x for x > 0, else α·(eˣ − 1) (torch.nn.functional.elu; α default 1).
 *
 * @example
 * elu(x, { alpha: 0.5 });
 */
export function elu(input: Tensor, ...args: [alpha?: number | { alpha?: number }]): Tensor {
  const { alpha } = keywordArgs('elu', args, { alpha: 1 });
  if (fusable(input)) return activation(input, 'elu', [alpha, 1, 1]);
  return input.where(input.gt(0), negativeBranch(input, alpha, 1));
}

/**
 * max(0, x) + min(0, α·(e^(x/α) − 1)) (torch.nn.functional.celu; α default 1, not 0).
 *
 * @example
 * celu(x, 2);
 */
export function celu(input: Tensor, ...args: [alpha?: number | { alpha?: number }]): Tensor {
  const { alpha } = keywordArgs('celu', args, { alpha: 1 });
  if (alpha === 0) throw new RangeError('ZeroDivisionError');
  if (fusable(input)) return activation(input, 'elu', [alpha, 1, 1 / alpha]);
  return input.where(input.gt(0), negativeBranch(input, alpha, 1 / alpha));
}

/**
 * scale·elu(x, α) with SELU's fixed constants (torch.nn.functional.selu).
 *
 * @example
 * selu(x);
 */
export function selu(input: Tensor, ...args: []): Tensor {
  keywordArgs('selu', args, {});
  if (fusable(input)) return activation(input, 'elu', [SELU_ALPHA * SELU_SCALE, SELU_SCALE, 1]);
  return input.where(input.gt(0), negativeBranch(input, SELU_ALPHA, 1)).mul(SELU_SCALE);
}

/** x·σ(x) (torch.nn.functional.silu, "swish"). @example silu(x); */
export function silu(input: Tensor, ...args: []): Tensor {
  keywordArgs('silu', args, {});
  if (fusable(input)) return activation(input, 'silu');
  return input.mul(input.sigmoid());
}

/** x·tanh(softplus(x)) (torch.nn.functional.mish). @example mish(x); */
export function mish(input: Tensor, ...args: []): Tensor {
  keywordArgs('mish', args, {});
  if (fusable(input)) return activation(input, 'mish');
  return input.mul(softplus(input).tanh());
}

/**
 * log(1 + e^(βx))/β, and x itself where βx > threshold (torch.nn.functional.softplus; β default 1,
 * threshold 20).
 *
 * @example
 * softplus(x, { beta: 2 });
 */
export function softplus(input: Tensor, ...args: [beta?: number | { beta?: number; threshold?: number }, threshold?: number]): Tensor {
  const { beta, threshold } = keywordArgs('softplus', args, { beta: 1, threshold: 20 });
  if (fusable(input)) return activation(input, 'softplus', [beta, threshold, 0]);
  const scaled = input.mul(beta);
  // The exponent is capped at the threshold so the unused branch stays finite.
  const smooth = scaled.clamp(undefined, threshold).exp().log1p().div(beta);
  return input.where(scaled.gt(threshold), smooth);
}

/** x / (1 + |x|) (torch.nn.functional.softsign). @example softsign(x); */
export function softsign(input: Tensor, ...args: []): Tensor {
  keywordArgs('softsign', args, {});
  if (fusable(input)) return activation(input, 'softsign');
  return input.div(input.abs().add(1));
}

/**
 * x clamped to [minVal, maxVal] (torch.nn.functional.hardtanh; defaults −1 and 1).
 *
 * @example
 * hardtanh(x, -2, 2);
 */
export function hardtanh(input: Tensor, ...args: [minVal?: number | { minVal?: number; maxVal?: number }, maxVal?: number]): Tensor {
  const { minVal, maxVal } = keywordArgs('hardtanh', args, { minVal: -1, maxVal: 1 });
  if (minVal > maxVal) throw new RangeError('min_val cannot be greater than max_val');
  if (fusable(input)) return activation(input, 'hardtanh', [minVal, maxVal, 0]);
  return clampInside(input, minVal, maxVal);
}

/** min(max(0, x), 6) (torch.nn.functional.relu6). @example relu6(x); */
export function relu6(input: Tensor, ...args: []): Tensor {
  keywordArgs('relu6', args, {});
  if (fusable(input)) return activation(input, 'hardtanh', [0, 6, 0]);
  return clampInside(input, 0, 6);
}

/** relu6(x + 3) / 6 (torch.nn.functional.hardsigmoid). @example hardsigmoid(x); */
export function hardsigmoid(input: Tensor, ...args: []): Tensor {
  keywordArgs('hardsigmoid', args, {});
  if (fusable(input)) return activation(input, 'hardsigmoid');
  const inner = clampInside(input.add(3), 0, 6);
  // The value is inner / 6; the gradient is g·float32(1/6), as PyTorch's (the scaled term adds 0).
  const scaled = inner.mul(ONE_SIXTH_F32);
  return inner.detach().div(6).add(scaled.sub(scaled.detach()));
}

/**
 * x·relu6(x + 3) / 6 (torch.nn.functional.hardswish); the gradient is PyTorch 1.13's: 0 below −3,
 * g·(x/3 + ½) on [−3, 3) and g from 3 on.
 *
 * @example
 * hardswish(x);
 */
export function hardswish(input: Tensor, ...args: []): Tensor {
  keywordArgs('hardswish', args, {});
  if (fusable(input)) return activation(input, 'hardswish');
  return input.mul(clampInside(input.add(3), 0, 6, true)).div(6);
}

/** log σ(x), stable for large |x| (torch.nn.functional.logsigmoid). @example logsigmoid(x); */
export function logsigmoid(input: Tensor, ...args: []): Tensor {
  keywordArgs('logsigmoid', args, {});
  if (fusable(input)) return activation(input, 'logsigmoid');
  // x − log(1 + eˣ) below 0 and −log(1 + e^(−x)) from 0 on: each branch smooth, σ(−x) at 0.
  const negative = input.clamp(undefined, 0);
  const positive = input.clamp(0);
  return negative.sub(negative.exp().log1p()).where(input.lt(0), positive.neg().exp().log1p().neg());
}

/**
 * softmax(−x) along `dim` (torch.nn.functional.softmin); `dim` positionally or as `{ dim }`.
 *
 * @example
 * softmin(x, 1);
 */
export function softmin(input: Tensor, ...args: [dim?: number | SoftmaxOptions | null]): Tensor {
  return input.neg().softmax(softmaxDim('softmin', input, args));
}

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** The norm's exponent (default 2). */
  p?: number;
  /** The dim normalised over (default 1). */
  dim?: number;
  /** The smallest divisor (default 1e-12). */
  eps?: number;
}

/**
 * x / max(‖x‖_p, ε) along `dim` (torch.nn.functional.normalize; p = 2, dim = 1, ε = 1e-12).
 *
 * @example
 * normalize(x, { dim: -1 });
 */
export function normalize(input: Tensor, ...args: [p?: number | NormalizeOptions, dim?: number, eps?: number]): Tensor {
  const { p, dim, eps } = keywordArgs('normalize', args, { p: 2, dim: 1, eps: 1e-12 });
  return input.div(input.norm(p, dim, true).clamp(eps).expandAs(input));
}
