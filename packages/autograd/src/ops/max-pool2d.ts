/**
 * 2-D max pooling as one recorded op (PyTorch's `MaxPool2DWithIndicesBackward0`): the forward
 * pass finds each window's maximum and its position in one loop, the backward pass adds the
 * output's gradient at those positions. When the gradient itself carries history (double
 * backward), the scatter is the recorded scatter-add of `gather`, so higher orders flow through.
 */
import { maxPool2dBackward, maxPool2dForward } from '@descent/tensor';
import type { MaxPool2dGeometry } from '@descent/tensor';
import { needsGrad, record } from '../node';
import type { Tensor } from '../tensor';
import { scatterAdd } from './indexing';

/**
 * Max pooling of `x` [N, C, H, W] over the windows of `geo`: `[values, indices]`, the indices
 * int32 flat positions in each H×W plane; differentiable in `x`.
 *
 * @example
 * const [values, indices] = maxPool2dWithIndices(x, { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 12, outW: 12 });
 */
export function maxPool2dWithIndices(x: Tensor, geo: MaxPool2dGeometry): [Tensor, Tensor] {
  const { values, indices } = maxPool2dForward(x, geo);
  const out = values as Tensor;
  const index = indices as Tensor;
  if (!needsGrad(x)) return [out, index];
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const area = geo.outH * geo.outW;
  const backward = (g: Tensor): Tensor => {
    if (!needsGrad(g)) return maxPool2dBackward(g, index, height, width) as Tensor;
    const flat = index.reshape([n, channels, area]);
    return scatterAdd(g.reshape([n, channels, area]), [n, channels, height * width], x.dtype, 2, flat).reshape([n, channels, height, width]);
  };
  return [record(out, 'MaxPool2DWithIndicesBackward0', [x], (g) => [backward(g)], [index]), index];
}
