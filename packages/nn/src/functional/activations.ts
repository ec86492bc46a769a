import { activation } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { erfTensor } from './erf';
import { fusable } from './fusable';
import { keywordArgs } from './keyword-args';

/** GELU's two forms: the exact one with erf, or PyTorch's tanh approximation. */
export type GeluApproximate = 'none' | 'tanh';

/**
 * max(0, x) (torch.nn.functional.relu).
 *
 * @example
 * relu(tensor([-1, 2])); // tensor([0., 2.])
 */
export function relu(input: Tensor): Tensor {
  return input.relu();
}

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /** The slope for x < 0 (default 0.01). */
  negativeSlope?: number;
}

/**
 * x for x > 0, else negativeSlope·x (torch.nn.functional.leaky_relu); the gradient at 0 is
 * `negativeSlope`, as PyTorch's. The slope is passed positionally or as `{ negativeSlope }`.
 *
 * @example
 * leakyRelu(tensor([-1, 2]), 0.1); // tensor([-0.1000, 2.0000])
 * leakyRelu(tensor([-1, 2]), { negativeSlope: 0.1 }); // the same
 */
export function leakyRelu(input: Tensor, ...args: [negativeSlope?: number | LeakyReluOptions]): Tensor {
  const { negativeSlope: slope } = keywordArgs('leaky_relu', args, { negativeSlope: 0.01 });
  return input.where(input.gt(0), input.mul(slope));
}

/** 1 / (1 + e^(−x)). @example sigmoid(tensor([0])); // tensor([0.5000]) */
export function sigmoid(input: Tensor): Tensor {
  return input.sigmoid();
}

/** tanh(x). @example tanh(tensor([0])); // tensor([0.]) */
export function tanh(input: Tensor): Tensor {
  return input.tanh();
}

// √(2/π), written as PyTorch's kernel builds it (M_SQRT2 · M_2_SQRTPI · 0.5).
const K_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
const K_KAPPA = 0.044715;

/**
 * x·Φ(x) (torch.nn.functional.gelu): exactly 0.5·x·(1 + erf(x/√2)) with `approximate: 'none'`
 * (default), or 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) with `'tanh'` (Hendrycks & Gimpel, 2016).
 *
 * @example
 * gelu(x, { approximate: 'tanh' });
 */
export function gelu(input: Tensor, ...args: [approximate?: GeluApproximate | { approximate?: GeluApproximate }]): Tensor {
  const { approximate } = keywordArgs('gelu', args, { approximate: 'none' });
  if (fusable(input) && (approximate === 'none' || approximate === 'tanh')) return activation(input, approximate === 'tanh' ? 'geluTanh' : 'gelu');
  if (approximate === 'tanh') {
    const inner = input.add(input.mul(input).mul(input).mul(K_KAPPA)).mul(K_BETA);
    return input.mul(0.5).mul(inner.tanh().add(1));
  }
  if (approximate !== 'none') throw new RangeError(`approximate argument must be either none or tanh, got ${String(approximate)}`);
  return input.mul(0.5).mul(erfTensor(input.mul(Math.SQRT1_2)).add(1));
}

/** PyTorch's legacy choice of softmax dim when none is given: 0 for 0-, 1- and 3-d inputs, else 1. */
export function legacySoftmaxDim(ndim: number): number {
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/** Options of {@link softmax}, {@link logSoftmax} and {@link softmin}. */
export interface SoftmaxOptions {
  /** The dim to normalise along; default PyTorch's legacy choice (`legacySoftmaxDim`). */
  dim?: number | null;
}

/** The `dim` of the softmax family, given positionally or as `{ dim }`. */
export function softmaxDim(op: string, input: Tensor, args: readonly unknown[]): number {
  const { dim: d } = keywordArgs(op, args, { dim: null as number | null });
  return d ?? legacySoftmaxDim(input.shape.length);
}

/**
 * e^x / Σ e^x along `dim` (torch.nn.functional.softmax); `dim` positionally or as `{ dim }`.
 *
 * @example
 * softmax(logits, 1);
 */
export function softmax(input: Tensor, ...args: [dim?: number | SoftmaxOptions | null]): Tensor {
  return input.softmax(softmaxDim('softmax', input, args));
}

/**
 * log softmax along `dim`, computed stably (torch.nn.functional.log_softmax).
 *
 * @example
 * logSoftmax(logits, 1);
 */
export function logSoftmax(input: Tensor, ...args: [dim?: number | SoftmaxOptions | null]): Tensor {
  return input.logSoftmax(softmaxDim('log_softmax', input, args));
}
