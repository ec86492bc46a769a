// The loss modules hold their options and call ./functional; they are kept together in one file
// because each is a few lines.
import type { Tensor } from '@descent/autograd';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits } from './functional/binary-losses';
import type { BCEOptions, BCEWithLogitsOptions } from './functional/binary-losses';
import { crossEntropy, nllLoss } from './functional/classification-losses';
import type { CrossEntropyOptions, NLLLossOptions } from './functional/classification-losses';
import { checkReduction } from './functional/reduction';
import { huberLoss, l1Loss, mseLoss, smoothL1Loss } from './functional/regression-losses';
import type { LossOptions } from './functional/regression-losses';
import { Module } from './module';

/** Shared base: a module of `(input, target)` holding its options (validated at construction). */
abstract class Loss<Options extends LossOptions> extends Module<[Tensor, Tensor], Tensor> {
  readonly #options: Options;

  constructor(options: Options) {
    super();
    checkReduction(options.reduction ?? 'mean');
    this.#options = { ...options };
  }

  /** `mean`, `sum` or `none`. */
  get reduction(): string {
    return this.#options.reduction ?? 'mean';
  }

  protected get options(): Options {
    return this.#options;
  }
}

/** Mean squared error (torch.nn.MSELoss). @example new MSELoss().forward(prediction, target); */
export class MSELoss extends Loss<LossOptions> {
  constructor(options: LossOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.options);
  }
}

/** Mean absolute error (torch.nn.L1Loss). @example new L1Loss().forward(prediction, target); */
export class L1Loss extends Loss<LossOptions> {
  constructor(options: LossOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.options);
  }
}

/** Smooth L1 (torch.nn.SmoothL1Loss; `beta` default 1). @example new SmoothL1Loss({ beta: 0.5 }); */
export class SmoothL1Loss extends Loss<LossOptions & { beta?: number }> {
  constructor(options: LossOptions & { beta?: number } = {}) {
    if (!((options.beta ?? 1) >= 0)) throw new RangeError('smooth_l1_loss does not support negative values for beta.');
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, this.options);
  }
}

/** Huber loss (torch.nn.HuberLoss; `delta` default 1). @example new HuberLoss({ delta: 2 }); */
export class HuberLoss extends Loss<LossOptions & { delta?: number }> {
  constructor(options: LossOptions & { delta?: number } = {}) {
    if (!((options.delta ?? 1) > 0)) throw new RangeError('huber_loss does not support non-positive values for delta.');
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, this.options);
  }
}

/** Binary cross entropy on probabilities (torch.nn.BCELoss; `weight`). @example new BCELoss().forward(probs, labels); */
export class BCELoss extends Loss<BCEOptions> {
  constructor(options: BCEOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options);
  }
}

/**
 * Binary cross entropy on logits (torch.nn.BCEWithLogitsLoss; `weight`, `posWeight`).
 *
 * @example
 * new BCEWithLogitsLoss({ posWeight: tensor([3]) }).forward(logits, labels);
 */
export class BCEWithLogitsLoss extends Loss<BCEWithLogitsOptions> {
  constructor(options: BCEWithLogitsOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, this.options);
  }
}

/** Negative log likelihood (torch.nn.NLLLoss; `weight`, `ignoreIndex`). @example new NLLLoss().forward(logProbs, labels); */
export class NLLLoss extends Loss<NLLLossOptions> {
  constructor(options: NLLLossOptions = {}) {
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.options);
  }
}

/**
 * Cross entropy of logits against class indices or probabilities (torch.nn.CrossEntropyLoss;
 * `weight`, `ignoreIndex`, `labelSmoothing`).
 *
 * @example
 * new CrossEntropyLoss({ labelSmoothing: 0.1 }).forward(logits, labels);
 */
export class CrossEntropyLoss extends Loss<CrossEntropyOptions> {
  constructor(options: CrossEntropyOptions = {}) {
    const smoothing = options.labelSmoothing ?? 0;
    if (!(smoothing >= 0 && smoothing <= 1)) throw new RangeError(`label_smoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
    super(options);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this.options);
  }
}
