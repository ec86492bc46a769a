import { privateForward } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Tensor as BaseTensor, checkOptions } from '@descent/tensor';
import { checkReduction, reduce } from './reduction';
import type { LossOptions } from './regression-losses';

/** Options of {@link nllLoss}. */
export interface NLLLossOptions extends LossOptions {
  /** One rescaling weight per class, `[C]` (default none: all 1). */
  weight?: Tensor | null;
  /** A target value that contributes nothing, neither to the loss nor to the mean's divisor (default −100). */
  ignoreIndex?: number;
}

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions extends NLLLossOptions {
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C (default 0). */
  labelSmoothing?: number;
}

/**
 * The options of a class loss whose `weight` may come positionally (PyTorch's third argument) or
 * in the options; unknown keys and a weight given twice are refused.
 */
function lossArgs<O extends NLLLossOptions>(op: string, weight: Tensor | null | O | undefined, more: O | undefined, allowed: readonly string[]): O {
  const positional = weight === null || weight instanceof BaseTensor;
  const options = (positional ? more : (weight ?? more)) ?? ({} as O);
  if (!positional && weight !== undefined && more !== undefined) throw new TypeError(`${op}(): expected (input, target, weight, options), got two options objects`);
  checkOptions(op, options, allowed);
  if (!positional) return options;
  if (options.weight !== undefined) throw new TypeError(`${op}() got multiple values for argument 'weight'`);
  return { ...options, weight };
}

/** The class dim: inputs are `[C]` (one sample) or `[N, C, d1, …]`. */
function classDim(input: Tensor): number {
  return input.shape.length === 1 ? 0 : 1;
}

function checkIndexTarget(input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): void {
  if (target.dtype !== 'int32') throw new TypeError(`expected target of dtype int32 (class indices), got ${target.dtype}`);
  if (input.shape.length < 1) throw new RangeError('input tensor should be 1D or more');
  const batched = input.shape.length > 1;
  if (batched && target.shape[0] !== input.shape[0]) {
    throw new RangeError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0] ?? 0}).`);
  }
  const want = batched ? [input.shape[0]!, ...input.shape.slice(2)] : [];
  if (target.shape.length !== want.length || target.shape.some((n, i) => n !== want[i])) {
    throw new RangeError(`expected target shape [${want.join(', ')}], got [${target.shape.join(', ')}]`);
  }
  const classes = input.shape[classDim(input)]!;
  if (weight !== null && (weight.shape.length !== 1 || weight.shape[0] !== classes)) {
    throw new RangeError(`weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: [${weight.shape.join(', ')}]`);
  }
  // A GPU target cannot be checked without a readback: out-of-range classes read 0 there.
  if (target.device !== 'cpu') return;
  const values = target.contiguous();
  const data = values.storage.data;
  for (let i = 0; i < values.numel(); i++) {
    const t = data[values.offset + i]!;
    if (t !== ignoreIndex && (t < 0 || t >= classes)) throw new RangeError(`Target ${t} is out of bounds.`);
  }
}

/**
 * Per-sample picked values `input[i, target[i]]`, their class weights and the 0/1 "not ignored"
 * mask, all shaped like the target.
 */
function pick(input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): { picked: Tensor; w: Tensor } {
  const dim = classDim(input);
  const kept = target.ne(ignoreIndex);
  const safe = target.where(kept, 0);
  const picked = input.gather(dim, safe.unsqueeze(dim)).squeeze(dim);
  const mask = kept.to(input.dtype);
  const w = weight === null ? mask : weight.indexSelect(0, safe.reshape([-1])).reshape([...target.shape]).mul(mask);
  return { picked, w };
}

/**
 * Negative log likelihood of class indices (torch.nn.functional.nll_loss): −w[y]·input[y] per
 * sample; `mean` divides by Σ w[y] over the samples not ignored (PyTorch's weighted mean; NaN when
 * every sample is ignored). `input` holds log-probabilities, `[N, C]`, `[C]` or `[N, C, d1, …]`;
 * `target` int32 class indices `[N]`, `[]` or `[N, d1, …]`. Options: `weight` (also accepted as
 * the third argument, as PyTorch's), `ignoreIndex` (default −100), `reduction`.
 *
 * @example
 * nllLoss(logSoftmax(logits, 1), labels);
 */
export function nllLoss(input: Tensor, target: Tensor, weightArg?: Tensor | null | NLLLossOptions, more?: NLLLossOptions): Tensor {
  // Its picks and masks are the library's own: recycled once a plain backward used them.
  return privateForward(() => nllLossOf(input, target, weightArg, more));
}

function nllLossOf(input: Tensor, target: Tensor, weightArg?: Tensor | null | NLLLossOptions, more?: NLLLossOptions): Tensor {
  const options = lossArgs('nll_loss', weightArg, more, ['weight', 'ignoreIndex', 'reduction']);
  const reduction = checkReduction(options.reduction ?? 'mean');
  const weight = options.weight ?? null;
  const ignoreIndex = options.ignoreIndex ?? -100;
  checkIndexTarget(input, target, weight, ignoreIndex);
  const { picked, w } = pick(input, target, weight, ignoreIndex);
  // maskedFill, not a product with the mask, so an ignored sample's −∞ log-probability gives 0, not NaN.
  const loss = picked.mul(w).neg().maskedFill(target.eq(ignoreIndex), 0);
  if (reduction === 'mean') return loss.sum().div(w.sum());
  return reduce(loss, reduction);
}

/** `weight` shaped to broadcast along the class dim of `input`. */
function classWeight(input: Tensor, weight: Tensor): Tensor {
  const shape = input.shape.map(() => 1);
  shape[classDim(input)] = weight.shape[0]!;
  return weight.reshape(shape);
}

/**
 * Cross entropy between logits and a target (torch.nn.functional.cross_entropy): log softmax over
 * the class dim, then
 *
 * - class indices (int32 target): (1 − ε)·nll + ε/C·smooth, where smooth = −Σ_c w_c·logp_c per
 *   sample (0 where ignored); `mean` divides both parts by Σ w[y] over the samples not ignored;
 * - class probabilities (float target shaped like the input, smoothed to (1 − ε)·p + ε/C):
 *   −Σ_c w_c·p_c·logp_c per sample; `mean` divides by the number of samples.
 *
 * Options: `weight` `[C]`, `ignoreIndex` (default −100, indices only), `labelSmoothing` ε in
 * [0, 1] (default 0), `reduction`.
 *
 * @example
 * crossEntropy(logits, labels, { labelSmoothing: 0.1 });
 */
export function crossEntropy(input: Tensor, target: Tensor, weightArg?: Tensor | null | CrossEntropyOptions, more?: CrossEntropyOptions): Tensor {
  // Its log-probabilities and masks are the library's own: recycled once a plain backward used them.
  return privateForward(() => crossEntropyOf(input, target, weightArg, more));
}

function crossEntropyOf(input: Tensor, target: Tensor, weightArg?: Tensor | null | CrossEntropyOptions, more?: CrossEntropyOptions): Tensor {
  const options = lossArgs('cross_entropy', weightArg, more, ['weight', 'ignoreIndex', 'reduction', 'labelSmoothing']);
  const reduction = checkReduction(options.reduction ?? 'mean');
  const smoothing = options.labelSmoothing ?? 0;
  if (!(smoothing >= 0 && smoothing <= 1)) throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
  const weight = options.weight ?? null;
  const ignoreIndex = options.ignoreIndex ?? -100;
  const dim = classDim(input);
  const classes = input.shape[dim] ?? 0;
  if (target.dtype === 'float32' || target.dtype === 'float64') {
    if (target.shape.length !== input.shape.length || target.shape.some((n, i) => n !== input.shape[i])) {
      throw new RangeError(`Expected a target of class probabilities shaped like the input [${input.shape.join(', ')}], got [${target.shape.join(', ')}]`);
    }
    if (options.ignoreIndex !== undefined && options.ignoreIndex >= 0) throw new RangeError('ignore_index is not supported for floating point target');
    const logp = input.logSoftmax(dim);
    const probs = smoothing > 0 ? target.mul(1 - smoothing).add(smoothing / classes) : target;
    let terms = logp.mul(probs);
    if (weight !== null) terms = terms.mul(classWeight(input, weight));
    if (reduction === 'none') return terms.sum(dim).neg();
    if (reduction === 'sum') return terms.sum().neg();
    return terms.sum().neg().div(input.numel() / classes);
  }
  const logp = input.logSoftmax(dim);
  const nll = nllLoss(logp, target, { weight, ignoreIndex, reduction });
  if (smoothing === 0) return nll;
  const { w } = pick(logp, target, weight, ignoreIndex);
  const smooth = (weight === null ? logp : logp.mul(classWeight(input, weight))).sum(dim).neg().maskedFill(target.eq(ignoreIndex), 0);
  const smoothTerm = reduction === 'none' ? smooth : reduction === 'sum' ? smooth.sum() : smooth.sum().div(w.sum());
  return nll.mul(1 - smoothing).add(smoothTerm.mul(smoothing / classes));
}
