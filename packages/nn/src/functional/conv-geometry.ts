/**
 * Shape checks and geometry shared by conv1d, conv2d and convTranspose2d: the input is lifted to
 * the 2-D case (a 1-D signal is an image of height 1) and the padding resolved to
 * [top, bottom, left, right] before the im2col / matmul work.
 */
import type { Im2colGeometry } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { pad } from './pad';
import type { PaddingMode } from './pad';
import { checkPadding, checkPositive, expandSize, list, tuple } from './window-args';
import type { SpatialSize } from './window-args';

/** How a convolution fills the border it reads past the input: zeros, or a {@link pad} mode. */
export type ConvPaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** Options of {@link conv1d} and {@link conv2d}. */
export interface ConvOptions {
  /** Window step (default 1). */
  stride?: SpatialSize;
  /** Implicit padding on both sides, or 'valid' (none) or 'same' (output as large as the input; stride 1 only). Default 0. */
  padding?: SpatialSize | 'same' | 'valid';
  /** Spacing between kernel taps (default 1). */
  dilation?: SpatialSize;
  /** Split channels into this many independent groups (default 1; `groups = inChannels` is depthwise). */
  groups?: number;
  /** What the padding reads: 'zeros' (default), 'reflect', 'replicate' or 'circular'. */
  paddingMode?: ConvPaddingMode;
}

/** A convolution's input, weight and geometry, lifted to the batched 2-D case. */
export interface ConvPlan {
  /** [N, C, H, W], padded already when the padding mode is not zeros. */
  input: Tensor;
  /** [O, C / groups, kh, kw]. */
  weight: Tensor;
  geometry: Im2colGeometry;
  groups: number;
  /** Undo the lifting of the output: drop the batch dim of an unbatched input, the height of a 1-D one. */
  finish: (out: Tensor) => Tensor;
}

/** Resolves a padding argument to [before, after] per spatial dim. */
export function resolvePadding(padding: SpatialSize | 'same' | 'valid', kernel: readonly number[], dilation: readonly number[], stride: readonly number[], op: string): number[][] {
  if (padding === 'valid') return kernel.map(() => [0, 0]);
  if (padding === 'same') {
    if (stride.some((s) => s !== 1)) throw new RangeError("padding='same' is not supported for strided convolutions");
    // PyTorch pads total//2 before and the rest after (one more after when the total is odd).
    return kernel.map((k, d) => {
      const total = (dilation[d] as number) * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  if (typeof padding === 'string') throw new RangeError(`Invalid padding string: '${String(padding)}'`);
  const values = expandSize(padding, kernel.length, 'padding', op);
  checkPadding(values);
  return values.map((p) => [p, p]);
}

/** Checks the ranks, channels and groups of a convolution as PyTorch's `_convolution` does. */
export function planConv(op: 'conv1d' | 'conv2d', input: Tensor, weight: Tensor, options: ConvOptions): ConvPlan {
  const dims = op === 'conv1d' ? 1 : 2;
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2) {
    throw new RangeError(`Expected ${dims + 1}D (unbatched) or ${dims + 2}D (batched) input to ${op}, but got input of size: ${list(input.shape)}`);
  }
  if (weight.ndim !== dims + 2) {
    throw new RangeError(`Expected ${dims + 2}-dimensional weight for ${dims + 2}-dimensional input ${list(input.shape)}, but got ${weight.ndim}-dimensional weight of size ${list(weight.shape)} instead`);
  }
  const groups = options.groups ?? 1;
  if (!Number.isSafeInteger(groups) || groups < 1) throw new RangeError('non-positive groups is not supported');
  const stride = expandSize(options.stride ?? 1, dims, 'stride', op);
  const dilation = expandSize(options.dilation ?? 1, dims, 'dilation', op);
  checkPositive(stride, 'stride');
  checkPositive(dilation, 'dilation');
  const kernel = weight.shape.slice(2);
  const pads = resolvePadding(options.padding ?? 0, kernel, dilation, stride, op);
  const batched = input.ndim === dims + 2;
  const x = batched ? input : input.unsqueeze(0);
  const channels = x.shape[1] as number;
  const outChannels = weight.shape[0] as number;
  if (outChannels % groups !== 0) {
    throw new RangeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${list(weight.shape)}] instead`);
  }
  if (channels !== (weight.shape[1] as number) * groups) {
    throw new RangeError(`Given groups=${groups}, weight of size ${list(weight.shape)}, expected input${list(x.shape)} to have ${(weight.shape[1] as number) * groups} channels, but got ${channels} channels instead`);
  }
  const spatial = x.shape.slice(2);
  const padded = spatial.map((s, d) => s + (pads[d] as number[])[0]! + (pads[d] as number[])[1]!);
  const dilated = kernel.map((k, d) => (dilation[d] as number) * (k - 1) + 1);
  if (padded.some((s, d) => s < (dilated[d] as number))) {
    throw new RangeError(`Calculated padded input size per channel: ${tuple(padded)}. Kernel size: ${tuple(dilated)}. Kernel size can't be greater than actual input size`);
  }
  let x4 = dims === 1 ? x.unsqueeze(2) : x;
  const w4 = dims === 1 ? weight.unsqueeze(2) : weight;
  let padding: [number, number, number, number] =
    dims === 1 ? [0, 0, pads[0]![0]!, pads[0]![1]!] : [pads[0]![0]!, pads[0]![1]!, pads[1]![0]!, pads[1]![1]!];
  const mode = options.paddingMode ?? 'zeros';
  if (!['zeros', 'reflect', 'replicate', 'circular'].includes(mode)) {
    throw new RangeError(`padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${String(mode)}'`);
  }
  if (mode !== 'zeros' && padding.some((p) => p > 0)) {
    const [top, bottom, left, right] = padding;
    const padded4 = pad(dims === 1 ? x : x4, dims === 1 ? [left, right] : [left, right, top, bottom], { mode: mode as PaddingMode });
    x4 = dims === 1 ? padded4.unsqueeze(2) : padded4;
    padding = [0, 0, 0, 0];
  }
  const geometry: Im2colGeometry = {
    kernel: [dims === 1 ? 1 : (kernel[0] as number), kernel[dims - 1] as number],
    dilation: [dims === 1 ? 1 : (dilation[0] as number), dilation[dims - 1] as number],
    padding,
    stride: [dims === 1 ? 1 : (stride[0] as number), stride[dims - 1] as number],
  };
  const finish = (out: Tensor): Tensor => {
    const lowered = dims === 1 ? out.squeeze(2) : out;
    return batched ? lowered : lowered.squeeze(0);
  };
  return { input: x4, weight: w4, geometry, groups, finish };
}
