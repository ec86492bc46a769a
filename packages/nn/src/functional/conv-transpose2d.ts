import { col2im } from '@descent/autograd';
import type { Im2colGeometry, Tensor } from '@descent/autograd';
import { checkPadding, checkPositive, expandSize, list } from './window-args';
import type { SpatialSize } from './window-args';

/** Options of {@link convTranspose2d}. */
export interface ConvTranspose2dOptions {
  /** Step of the forward convolution this op transposes (default 1). */
  stride?: SpatialSize;
  /** Padding of that convolution: removed from each side of the output (default 0). */
  padding?: SpatialSize;
  /** Extra rows / columns added to one side of the output (default 0; must be below stride or dilation). */
  outputPadding?: SpatialSize;
  /** Channel groups (default 1). */
  groups?: number;
  /** Spacing between kernel taps (default 1). */
  dilation?: SpatialSize;
}

/**
 * Transposed 2-D convolution ("deconvolution", torch.nn.functional.conv_transpose2d): the gradient
 * of conv2d with respect to its input. `input` [N, Cin, H, W] (or unbatched), `weight`
 * [Cin, Cout / groups, kh, kw], optional `bias` [Cout]. The output is
 * (H − 1)·stride − 2·padding + dilation·(kh − 1) + outputPadding + 1 high (likewise wide).
 * Computed as Wᵀ·x per group followed by col2im, so the gradients come from matmul's and col2im's rules.
 *
 * @example
 * convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }); // doubles H and W
 */
export function convTranspose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvTranspose2dOptions = {}): Tensor {
  const op = 'conv_transpose2d';
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new RangeError(`Expected 3D (unbatched) or 4D (batched) input to ${op}, but got input of size: ${list(input.shape)}`);
  }
  if (weight.ndim !== 4) {
    throw new RangeError(`Expected 4-dimensional weight for 4-dimensional input ${list(input.shape)}, but got ${weight.ndim}-dimensional weight of size ${list(weight.shape)} instead`);
  }
  const groups = options.groups ?? 1;
  if (!Number.isSafeInteger(groups) || groups < 1) throw new RangeError('non-positive groups is not supported');
  const stride = expandSize(options.stride ?? 1, 2, 'stride', op);
  const padding = expandSize(options.padding ?? 0, 2, 'padding', op);
  const outputPadding = expandSize(options.outputPadding ?? 0, 2, 'output_padding', op);
  const dilation = expandSize(options.dilation ?? 1, 2, 'dilation', op);
  checkPositive(stride, 'stride');
  checkPositive(dilation, 'dilation');
  checkPadding(padding);
  for (let d = 0; d < 2; d++) {
    const o = outputPadding[d] as number;
    if (o < 0 || (o >= (stride[d] as number) && o >= (dilation[d] as number))) {
      throw new RangeError(`output padding must be smaller than either stride or dilation, but got output_padding_height: ${outputPadding[0]} output_padding_width: ${outputPadding[1]} stride_height: ${stride[0]} stride_width: ${stride[1]} dilation_height: ${dilation[0]} dilation_width: ${dilation[1]}`);
    }
  }
  const batched = input.ndim === 4;
  const x = batched ? input : input.unsqueeze(0);
  const [n, inChannels, height, width] = x.shape as [number, number, number, number];
  const [wIn, wOutPerGroup, kh, kw] = weight.shape as [number, number, number, number];
  if (inChannels !== wIn) {
    throw new RangeError(`Given transposed=1, weight of size ${list(weight.shape)}, expected input${list(x.shape)} to have ${wIn} channels, but got ${inChannels} channels instead`);
  }
  if (wIn % groups !== 0) {
    throw new RangeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${list(weight.shape)}] instead`);
  }
  const outChannels = wOutPerGroup * groups;
  if (bias !== null && bias !== undefined && (bias.ndim !== 1 || bias.shape[0] !== outChannels)) {
    throw new RangeError(`Given transposed=1, weight of size ${list(weight.shape)}, expected bias to be 1-dimensional with ${outChannels} elements, but got bias of size ${list(bias.shape)} instead`);
  }
  const outH = (height - 1) * stride[0]! - 2 * padding[0]! + dilation[0]! * (kh - 1) + outputPadding[0]! + 1;
  const outW = (width - 1) * stride[1]! - 2 * padding[1]! + dilation[1]! * (kw - 1) + outputPadding[1]! + 1;
  if (outH <= 0 || outW <= 0) {
    throw new RangeError(`Given input size per channel: (${height} x ${width}). Calculated output size per channel: (${outH} x ${outW}). Output size is too small`);
  }
  // im2col of the output with this geometry has exactly height × width windows, one per input pixel.
  const geometry: Im2colGeometry = {
    kernel: [kh, kw],
    dilation: [dilation[0]!, dilation[1]!],
    padding: [padding[0]!, padding[0]!, padding[1]!, padding[1]!],
    stride: [stride[0]!, stride[1]!],
  };
  const depth = wOutPerGroup * kh * kw;
  let cols: Tensor;
  if (groups === 1) {
    cols = weight.reshape([inChannels, depth]).t().matmul(x.reshape([n, inChannels, height * width]));
  } else {
    const w = weight.reshape([groups, inChannels / groups, depth]).transpose(1, 2);
    cols = w.matmul(x.reshape([n, groups, inChannels / groups, height * width]));
  }
  let out = col2im(cols.reshape([n, outChannels * kh * kw, height * width]), geometry, outH, outW);
  if (bias !== null && bias !== undefined) out = out.add(bias.reshape([outChannels, 1, 1]));
  return batched ? out : out.squeeze(0);
}
