import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { convTranspose2d } from '../functional/conv-transpose2d';
import { expandSize } from '../functional/window-args';
import type { SpatialSize } from '../functional/window-args';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
import { Module } from '../module';
import { pyBool } from '../module-format';
import { Parameter } from '../parameter';

/** Options of {@link ConvTranspose2d}. */
export interface ConvTranspose2dModuleOptions {
  /** Step of the transposed convolution (default 1). */
  stride?: SpatialSize;
  /** Removed from each side of the output (default 0). */
  padding?: SpatialSize;
  /** Added to one side of the output (default 0). */
  outputPadding?: SpatialSize;
  /** Channel groups (default 1). */
  groups?: number;
  /** Learn a per-channel bias (default true). */
  bias?: boolean;
  /** Spacing between kernel taps (default 1). */
  dilation?: SpatialSize;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

function pyTuple(values: readonly number[]): string {
  return `(${values.join(', ')})`;
}

/**
 * Transposed 2-D convolution layer (torch.nn.ConvTranspose2d): weight [in, out / groups, kh, kw],
 * bias [out], initialised as PyTorch's (kaiming_uniform(a = √5), whose fan-in is then
 * out / groups · kh · kw, as PyTorch computes it from dim 1).
 *
 * @example
 * new ConvTranspose2d(8, 4, 2, { stride: 2 }).forward(randn([1, 8, 7, 7])).shape; // [1, 4, 14, 14]
 */
export class ConvTranspose2d extends Module {
  /** `[inChannels, outChannels / groups, kh, kw]`. */
  weight: Parameter;
  /** `[outChannels]`, or `null` with `bias: false`. */
  bias: Parameter | null;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly outputPadding: number[];
  readonly groups: number;
  readonly dilation: number[];

  constructor(inChannels: number, outChannels: number, kernelSize: SpatialSize, options: ConvTranspose2dModuleOptions = {}) {
    super();
    const name = 'ConvTranspose2d';
    for (const [argName, value] of [['in_channels', inChannels], ['out_channels', outChannels]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name}: ${argName} must be a positive integer, got ${value}`);
    }
    const groups = options.groups ?? 1;
    if (!Number.isSafeInteger(groups) || groups <= 0) throw new RangeError('groups must be a positive integer');
    if (inChannels % groups !== 0) throw new RangeError('in_channels must be divisible by groups');
    if (outChannels % groups !== 0) throw new RangeError('out_channels must be divisible by groups');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = expandSize(kernelSize, 2, 'kernel_size', name);
    this.stride = expandSize(options.stride ?? 1, 2, 'stride', name);
    this.padding = expandSize(options.padding ?? 0, 2, 'padding', name);
    this.outputPadding = expandSize(options.outputPadding ?? 0, 2, 'output_padding', name);
    this.dilation = expandSize(options.dilation ?? 1, 2, 'dilation', name);
    this.groups = groups;
    const dtype = options.dtype ?? 'float32';
    this.weight = new Parameter(empty([inChannels, outChannels / groups, ...this.kernelSize], { dtype }));
    this.bias = options.bias === false ? null : new Parameter(empty([outChannels], { dtype }));
    this.resetParameters(options.generator);
  }

  /** Draws fresh initial values as PyTorch's `_ConvNd.reset_parameters`. */
  resetParameters(generator?: Generator): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound, { generator });
    }
  }

  override forward(input: Tensor): Tensor {
    return convTranspose2d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding: this.outputPadding,
      groups: this.groups,
      dilation: this.dilation,
    });
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += `, bias=${pyBool(false)}`;
    return s;
  }
}
