import type { Tensor } from '@descent/autograd';
import { planConv } from './conv-geometry';
import type { ConvOptions } from './conv-geometry';
import { checkBias, runConv } from './conv2d';

/**
 * 1-D convolution of `input` [N, C, L] (or unbatched [C, L]) with `weight` [O, C / groups, k] and
 * an optional `bias` [O] (torch.nn.functional.conv1d), computed as a 2-D convolution of height 1.
 * Options as {@link conv2d}.
 *
 * @example
 * conv1d(x, w, undefined, { stride: 2 });
 */
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvOptions = {}): Tensor {
  const plan = planConv('conv1d', input, weight, options);
  checkBias(bias, weight);
  return runConv(plan, bias);
}
