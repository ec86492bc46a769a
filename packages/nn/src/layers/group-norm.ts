import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { groupNorm } from '../functional/group-norm';
import { ones_, zeros_ } from '../init';
import { Module } from '../module';
import { pyBool, pyFloat } from '../module-format';
import { Parameter } from '../parameter';

/** Options of {@link GroupNorm}. */
export interface GroupNormModuleOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn a per-channel scale (ones) and shift (zeros) (default true). */
  affine?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

/**
 * Group normalization (torch.nn.GroupNorm; Wu & He 2018); see {@link groupNorm}.
 *
 * @example
 * new GroupNorm(2, 6).forward(randn([4, 6, 8, 8]));
 */
export class GroupNorm extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  /** `[numChannels]`, or `null` without `affine`. */
  weight: Parameter | null;
  /** `[numChannels]`, or `null` without `affine`. */
  bias: Parameter | null;
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;

  constructor(numGroups: number, numChannels: number, options: GroupNormModuleOptions = {}) {
    super();
    if (!Number.isSafeInteger(numGroups) || numGroups < 1) throw new RangeError(`GroupNorm: num_groups must be a positive integer, got ${numGroups}`);
    if (!Number.isSafeInteger(numChannels) || numChannels % numGroups !== 0) throw new RangeError('num_channels must be divisible by num_groups');
    const { eps = 1e-5, affine = true, dtype = 'float32' } = options;
    this.numGroups = numGroups;
    this.numChannels = numChannels;
    this.eps = eps;
    this.affine = affine;
    this.weight = affine ? new Parameter(ones_(empty([numChannels], { dtype }))) : null;
    this.bias = affine ? new Parameter(zeros_(empty([numChannels], { dtype }))) : null;
  }

  override forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}`;
  }
}
