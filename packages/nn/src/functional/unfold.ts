import { col2im, im2col, im2colOutputSize } from '@descent/autograd';
import type { Im2colGeometry, Tensor } from '@descent/autograd';
import { checkPadding, checkPositive, expandSize, list, tuple } from './window-args';
import type { SpatialSize } from './window-args';

/** Options of {@link unfold} and {@link fold}. */
export interface UnfoldOptions {
  /** Spacing between kernel taps (default 1). */
  dilation?: SpatialSize;
  /** Zero padding on both sides (default 0). */
  padding?: SpatialSize;
  /** Window step (default 1). */
  stride?: SpatialSize;
}

function geometry(op: string, kernelSize: SpatialSize, options: UnfoldOptions): Im2colGeometry {
  const kernel = expandSize(kernelSize, 2, 'kernel_size', op);
  const dilation = expandSize(options.dilation ?? 1, 2, 'dilation', op);
  const padding = expandSize(options.padding ?? 0, 2, 'padding', op);
  const stride = expandSize(options.stride ?? 1, 2, 'stride', op);
  checkPositive(kernel, 'kernel_size');
  checkPositive(dilation, 'dilation');
  checkPositive(stride, 'stride');
  checkPadding(padding);
  return {
    kernel: [kernel[0]!, kernel[1]!],
    dilation: [dilation[0]!, dilation[1]!],
    padding: [padding[0]!, padding[0]!, padding[1]!, padding[1]!],
    stride: [stride[0]!, stride[1]!],
  };
}

function describe(geo: Im2colGeometry): string {
  return `kernel_size=${tuple(geo.kernel, ', ')}, dilation=${tuple(geo.dilation, ', ')}, padding=${tuple([geo.padding[0], geo.padding[2]], ', ')}`;
}

/**
 * Extracts sliding blocks of `input` [N, C, H, W] (or [C, H, W]) as columns
 * [N, C·kh·kw, L] (torch.nn.functional.unfold, im2col). Options: `dilation` (1), `padding` (0),
 * `stride` (1).
 *
 * @example
 * unfold(x, 3, { padding: 1 }); // [N, 9·C, H·W]
 */
export function unfold(input: Tensor, kernelSize: SpatialSize, options: UnfoldOptions = {}): Tensor {
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new RangeError(`Input Error: Only 3D or 4D input Tensors are supported (got ${input.ndim}D)`);
  }
  const geo = geometry('unfold', kernelSize, options);
  const batched = input.ndim === 4;
  const x = batched ? input : input.unsqueeze(0);
  const [height, width] = [x.shape[2] as number, x.shape[3] as number];
  const [outH, outW] = im2colOutputSize(height, width, geo);
  if (outH < 1 || outW < 1) {
    throw new RangeError(`Given input with spatial size ${tuple([height, width], ', ')}, ${describe(geo)}, calculated shape of the array of sliding blocks as ${tuple([outH, outW], ', ')}, but its components must be at least one.`);
  }
  const cols = im2col(x, geo);
  return batched ? cols : cols.squeeze(0);
}

/**
 * Sums columns [N, C·kh·kw, L] (or [C·kh·kw, L]) back into an image [N, C, ...outputSize]
 * (torch.nn.functional.fold, col2im): the adjoint of {@link unfold}; overlapping blocks add up.
 *
 * @example
 * fold(unfold(x, 2, { stride: 2 }), [4, 4], 2, { stride: 2 }); // x again
 */
export function fold(input: Tensor, outputSize: SpatialSize, kernelSize: SpatialSize, options: UnfoldOptions = {}): Tensor {
  if (input.ndim !== 2 && input.ndim !== 3) {
    throw new RangeError(`Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got ${input.ndim}D)`);
  }
  const geo = geometry('fold', kernelSize, options);
  const [height, width] = expandSize(outputSize, 2, 'output_size', 'fold') as [number, number];
  const batched = input.ndim === 3;
  const x = batched ? input : input.unsqueeze(0);
  const block = geo.kernel[0] * geo.kernel[1];
  const rows = x.shape[1] as number;
  if (rows % block !== 0) {
    throw new RangeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${rows} and kernel_size=${tuple(geo.kernel, ', ')}`);
  }
  const [outH, outW] = im2colOutputSize(height, width, geo);
  if ((x.shape[2] as number) !== outH * outW) {
    throw new RangeError(`Given output_size=${tuple([height, width], ', ')}, ${describe(geo)}, stride=${tuple(geo.stride, ', ')}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${outH} * ${outW} = ${outH * outW}, but got input.size(2)=${x.shape[2]}.`);
  }
  const out = col2im(x, geo, height, width);
  return batched ? out : out.squeeze(0);
}
