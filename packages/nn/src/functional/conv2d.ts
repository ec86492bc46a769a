import { conv2d as convolution } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { planConv } from './conv-geometry';
import type { ConvOptions, ConvPlan } from './conv-geometry';

/**
 * The convolution of a lifted plan: one recorded op whose forward and backward passes are
 * `@descent/tensor`'s im2col + matmul kernels (columns in wasm memory, samples split over threads).
 */
export function runConv(plan: ConvPlan, bias: Tensor | null | undefined): Tensor {
  return plan.finish(convolution(plan.input, plan.weight, bias ?? null, plan.geometry, plan.groups));
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
