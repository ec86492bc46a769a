import { im2col, im2colOutputSize } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { planConv } from './conv-geometry';
import type { ConvOptions, ConvPlan } from './conv-geometry';

/**
 * The convolution of a lifted plan: im2col turns each window into a column, one (grouped) matrix
 * product with the flattened weight gives every output channel, and the bias is added per
 * channel. The gradients come from matmul's and im2col's rules (col2im for the input).
 */
export function runConv(plan: ConvPlan, bias: Tensor | null | undefined): Tensor {
  const { input, weight, geometry, groups } = plan;
  const [n, , height, width] = input.shape as [number, number, number, number];
  const outChannels = weight.shape[0] as number;
  const [outH, outW] = im2colOutputSize(height, width, geometry);
  const cols = im2col(input, geometry); // [N, C·kh·kw, outH·outW]
  const depth = cols.shape[1] as number;
  let out: Tensor;
  if (groups === 1) {
    out = weight.reshape([outChannels, depth]).matmul(cols);
  } else {
    const w = weight.reshape([groups, outChannels / groups, depth / groups]);
    out = w.matmul(cols.reshape([n, groups, depth / groups, outH * outW]));
  }
  out = out.reshape([n, outChannels, outH, outW]);
  if (bias !== null && bias !== undefined) out = out.add(bias.reshape([outChannels, 1, 1]));
  return plan.finish(out);
}

/**
 * 2-D convolution (cross-correlation, as PyTorch) of `input` [N, C, H, W] (or unbatched [C, H, W])
 * with `weight` [O, C / groups, kh, kw] and an optional `bias` [O] (torch.nn.functional.conv2d).
 * Options: `stride` (1), `padding` (0, or 'same' / 'valid'), `dilation` (1), `groups` (1),
 * `paddingMode` ('zeros'). Shapes that do not fit fail with PyTorch's messages.
 *
 * @example
 * conv2d(x, w, b, { padding: 1 }); // [N, O, H, W] for a 3×3 kernel
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  const plan = planConv('conv2d', input, weight, options);
  checkBias(bias, weight);
  return runConv(plan, bias);
}

/** Rejects a bias that is not one value per output channel. */
export function checkBias(bias: Tensor | null | undefined, weight: Tensor): void {
  if (bias === null || bias === undefined) return;
  const outChannels = weight.shape[0] as number;
  if (bias.ndim !== 1 || bias.shape[0] !== outChannels) {
    throw new RangeError(`Given weight of size [${weight.shape.join(', ')}], expected bias to be 1-dimensional with ${outChannels} elements, but got bias of size [${bias.shape.join(', ')}] instead`);
  }
}
