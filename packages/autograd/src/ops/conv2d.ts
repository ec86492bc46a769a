/**
 * 2-D convolution as one recorded op (PyTorch's `ConvolutionBackward0`): the forward and both
 * backward passes are the im2col + matmul kernels of `@descent/tensor`, which keep the columns in
 * wasm memory and use the thread pool. The gradients it returns carry no history, so this op
 * supports first-order gradients only.
 */
import { conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from '@descent/tensor';
import type { Im2colGeometry } from '@descent/tensor';
import { gradMode } from '../grad-mode';
import { isGradTensor, record } from '../node';
import type { Tensor } from '../tensor';

/**
 * Convolution of `x` [N, C, H, W] with `weight` [O, C / groups, kh, kw] and an optional `bias`
 * [O] over the windows of `geo`; differentiable in all three.
 *
 * @example
 * conv2d(x, w, b, { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] }, 1);
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null, geo: Im2colGeometry, groups: number): Tensor {
  const out = conv2dForward(x, weight, bias, geo, groups) as Tensor;
  if (!gradMode.enabled || !(isGradTensor(x) || isGradTensor(weight) || (bias !== null && isGradTensor(bias)))) return out;
  const [height, width] = [x.shape[2] as number, x.shape[3] as number];
  return record(
    out,
    'ConvolutionBackward0',
    [x, weight, bias],
    (g) => [
      x.requiresGrad ? (conv2dBackwardInput(g, weight, geo, groups, height, width) as Tensor) : null,
      weight.requiresGrad ? (conv2dBackwardWeight(g, x, geo, groups) as Tensor) : null,
      bias?.requiresGrad ? g.sum([0, 2, 3]) : null,
    ],
    [x, weight],
  );
}
