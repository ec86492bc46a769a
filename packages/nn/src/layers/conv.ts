import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { conv1d } from '../functional/conv1d';
import { conv2d } from '../functional/conv2d';
import type { ConvPaddingMode } from '../functional/conv-geometry';
import { expandSize } from '../functional/window-args';
import type { SpatialSize } from '../functional/window-args';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
import { Module } from '../module';
import { pyBool } from '../module-format';
import { Parameter } from '../parameter';

/** Options of {@link Conv1d} and {@link Conv2d}. */
export interface ConvModuleOptions {
  /** Window step (default 1). */
  stride?: SpatialSize;
  /** Padding on both sides, or 'valid' / 'same' (default 0). */
  padding?: SpatialSize | 'same' | 'valid';
  /** Spacing between kernel taps (default 1). */
  dilation?: SpatialSize;
  /** Channel groups; must divide both channel counts (default 1). */
  groups?: number;
  /** Learn a per-channel bias (default true). */
  bias?: boolean;
  /** What the padding reads: 'zeros' (default), 'reflect', 'replicate' or 'circular'. */
  paddingMode?: ConvPaddingMode;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

/** `(a, b)` as Python prints a tuple (`(3,)` for one entry). */
function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/**
 * What Conv1d and Conv2d share (PyTorch's `_ConvNd`): argument checks, the weight
 * [out, in / groups, ...kernel] and bias [out], PyTorch's initialisation and its repr.
 */
abstract class ConvNd extends Module {
  /** `[outChannels, inChannels / groups, ...kernelSize]`. */
  weight: Parameter;
  /** `[outChannels]`, or `null` with `bias: false`. */
  bias: Parameter | null;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[] | 'same' | 'valid';
  readonly dilation: number[];
  readonly groups: number;
  readonly paddingMode: ConvPaddingMode;

  constructor(dims: number, name: string, inChannels: number, outChannels: number, kernelSize: SpatialSize, options: ConvModuleOptions) {
    super();
    for (const [argName, value] of [['in_channels', inChannels], ['out_channels', outChannels]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name}: ${argName} must be a positive integer, got ${value}`);
    }
    const groups = options.groups ?? 1;
    if (!Number.isSafeInteger(groups) || groups <= 0) throw new RangeError('groups must be a positive integer');
    if (inChannels % groups !== 0) throw new RangeError('in_channels must be divisible by groups');
    if (outChannels % groups !== 0) throw new RangeError('out_channels must be divisible by groups');
    const kernel = expandSize(kernelSize, dims, 'kernel_size', name);
    const stride = expandSize(options.stride ?? 1, dims, 'stride', name);
    const dilation = expandSize(options.dilation ?? 1, dims, 'dilation', name);
    const padding = options.padding ?? 0;
    if (typeof padding === 'string') {
      if (padding !== 'same' && padding !== 'valid') throw new RangeError(`Invalid padding string '${String(padding)}', should be one of ['valid', 'same']`);
      if (padding === 'same' && stride.some((s) => s !== 1)) throw new RangeError("padding='same' is not supported for strided convolutions");
    }
    const paddingMode = options.paddingMode ?? 'zeros';
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(paddingMode)) {
      throw new RangeError(`padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${String(paddingMode)}'`);
    }
    const dtype = options.dtype ?? 'float32';
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernel;
    this.stride = stride;
    this.padding = typeof padding === 'string' ? padding : expandSize(padding, dims, 'padding', name);
    this.dilation = dilation;
    this.groups = groups;
    this.paddingMode = paddingMode;
    this.weight = new Parameter(empty([outChannels, inChannels / groups, ...kernel], { dtype }));
    this.bias = options.bias === false ? null : new Parameter(empty([outChannels], { dtype }));
    this.resetParameters(options.generator);
  }

  /**
   * Draws fresh initial values as PyTorch's `_ConvNd.reset_parameters`: W ~ kaiming_uniform(a = √5),
   * i.e. U(−1/√fanIn, 1/√fanIn) with fanIn = inChannels / groups · ∏kernelSize, then b ~ the same range.
   */
  resetParameters(generator?: Generator): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound, { generator });
    }
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += `, bias=${pyBool(false)}`;
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

/**
 * 2-D convolution layer (torch.nn.Conv2d): `forward(x)` is {@link conv2d} of x [N, C, H, W] with the
 * layer's weight [out, in / groups, kh, kw] and bias. Initialised as PyTorch does, so after
 * `manualSeed(s)` it holds the numbers `torch.nn.Conv2d` holds after `torch.manual_seed(s)`.
 * Options: `stride` (1), `padding` (0 | 'same' | 'valid'), `dilation` (1), `groups` (1), `bias`
 * (true), `paddingMode` ('zeros').
 *
 * @example
 * const conv = new Conv2d(1, 6, 5);
 * conv.forward(randn([64, 1, 28, 28])).shape; // [64, 6, 24, 24]
 */
export class Conv2d extends ConvNd {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  constructor(inChannels: number, outChannels: number, kernelSize: SpatialSize, options: ConvModuleOptions = {}) {
    super(2, 'Conv2d', inChannels, outChannels, kernelSize, options);
  }

  override forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups, paddingMode: this.paddingMode });
  }
}

/**
 * 1-D convolution layer (torch.nn.Conv1d) over x [N, C, L]; options and initialisation as
 * {@link Conv2d}.
 *
 * @example
 * new Conv1d(4, 8, 3, { padding: 1 }).forward(randn([2, 4, 16])).shape; // [2, 8, 16]
 */
export class Conv1d extends ConvNd {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  constructor(inChannels: number, outChannels: number, kernelSize: SpatialSize, options: ConvModuleOptions = {}) {
    super(1, 'Conv1d', inChannels, outChannels, kernelSize, options);
  }

  override forward(input: Tensor): Tensor {
    return conv1d(input, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups, paddingMode: this.paddingMode });
  }
}
