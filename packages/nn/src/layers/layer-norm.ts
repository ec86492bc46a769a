import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { layerNorm } from '../functional/layer-norm';
import { ones_, zeros_ } from '../init';
import { Module } from '../module';
import { pyBool, pyFloat } from '../module-format';
import { Parameter } from '../parameter';

/** Options of {@link LayerNorm}. */
export interface LayerNormModuleOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn an elementwise scale (ones) and shift (zeros) shaped `normalizedShape` (default true). */
  elementwiseAffine?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

/**
 * Layer normalization over the trailing `normalizedShape` dims (torch.nn.LayerNorm; Ba et al. 2016);
 * see {@link layerNorm}.
 *
 * @example
 * new LayerNorm(16).forward(randn([4, 10, 16]));
 */
export class LayerNorm extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  /** Shaped `normalizedShape`, or `null` without `elementwiseAffine`. */
  weight: Parameter | null;
  /** Shaped `normalizedShape`, or `null` without `elementwiseAffine`. */
  bias: Parameter | null;
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options: LayerNormModuleOptions = {}) {
    super();
    const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    for (const s of shape) if (!Number.isSafeInteger(s) || s < 0) throw new RangeError(`LayerNorm: normalized_shape must hold non-negative integers, got [${shape.join(', ')}]`);
    const { eps = 1e-5, elementwiseAffine = true, dtype = 'float32' } = options;
    this.normalizedShape = shape;
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    this.weight = elementwiseAffine ? new Parameter(ones_(empty(shape, { dtype }))) : null;
    this.bias = elementwiseAffine ? new Parameter(zeros_(empty(shape, { dtype }))) : null;
  }

  override forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    const shape = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : `(${this.normalizedShape.join(', ')})`;
    return `${shape}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwiseAffine)}`;
  }
}
