import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { rmsNorm } from '../functional/rms-norm';
import { ones_ } from '../init';
import { Module } from '../module';
import { pyBool, pyFloat } from '../module-format';
import { Parameter } from '../parameter';
import { checkOptionKeys } from '../recurrent/checks';

/** Options of {@link RMSNorm}. */
export interface RMSNormModuleOptions {
  /** Added to the mean square (default: the input dtype's machine epsilon). */
  eps?: number | null;
  /** Learn an elementwise scale (ones) shaped `normalizedShape` (default true). */
  elementwiseAffine?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

/**
 * Root-mean-square normalization over the trailing `normalizedShape` dims (torch.nn.RMSNorm,
 * PyTorch 2.4): y = x / √(mean(x²) + eps) · weight; see {@link rmsNorm}.
 *
 * @example
 * new RMSNorm(16).forward(randn([4, 10, 16]));
 */
export class RMSNorm extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  /** Shaped `normalizedShape`, or `null` without `elementwiseAffine`. */
  weight: Parameter | null;
  readonly normalizedShape: number[];
  readonly eps: number | null;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options: RMSNormModuleOptions = {}) {
    super();
    checkOptionKeys('RMSNorm', options, ['eps', 'elementwiseAffine', 'dtype']);
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    for (const s of shape) if (!Number.isSafeInteger(s) || s < 0) throw new RangeError(`RMSNorm: normalized_shape must hold non-negative integers, got [${shape.join(', ')}]`);
    const { eps = null, elementwiseAffine = true, dtype = 'float32' } = options;
    if (eps !== null && (typeof eps !== 'number' || !(eps >= 0))) throw new RangeError(`RMSNorm: eps must be a non-negative number or null, got ${String(eps)}`);
    this.normalizedShape = shape;
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    this.weight = elementwiseAffine ? new Parameter(ones_(empty(shape, { dtype }))) : null;
  }

  override forward(input: Tensor): Tensor {
    return rmsNorm(input, this.normalizedShape, { weight: this.weight, eps: this.eps });
  }

  override extraRepr(): string {
    const shape = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : `(${this.normalizedShape.join(', ')})`;
    return `${shape}, eps=${this.eps === null ? 'None' : pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}
