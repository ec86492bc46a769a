/**
 * Adaptive 2-D pooling as recorded ops (PyTorch's `AdaptiveAvgPool2DBackward0` and
 * `AdaptiveMaxPool2DBackward0`) on the kernels of `@descent/tensor`. Average pooling and its
 * backward are each other's adjoints, so each records the other as its gradient (higher orders
 * flow); max pooling's backward is the scatter of max pooling, or the recorded scatter-add when the
 * gradient carries history.
 */
import { adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward, adaptiveMaxPool2dForward, maxPool2dBackward } from '@descent/tensor';
import { needsGrad, record } from '../node';
import type { Tensor } from '../tensor';
import { scatterAdd } from './indexing';

/**
 * Adaptive average pooling of `x` [N, C, H, W] to [N, C, outH, outW]; differentiable in `x`.
 *
 * @example
 * adaptiveAvgPool2dOp(x, 1, 1);
 */
export function adaptiveAvgPool2dOp(x: Tensor, outH: number, outW: number): Tensor {
  const out = adaptiveAvgPool2dForward(x, outH, outW) as Tensor;
  if (!needsGrad(x)) return out;
  const [, , height, width] = x.shape as [number, number, number, number];
  return record(out, 'AdaptiveAvgPool2DBackward0', [x], (g) => [avgBackward(g, height, width)]);
}

function avgBackward(g: Tensor, height: number, width: number): Tensor {
  const gx = adaptiveAvgPool2dBackward(g, height, width) as Tensor;
  if (!needsGrad(g)) return gx;
  const [, , outH, outW] = g.shape as [number, number, number, number];
  return record(gx, 'AdaptiveAvgPool2DBackwardBackward0', [g], (gg) => [adaptiveAvgPool2dOp(gg, outH, outW)]);
}

/**
 * Adaptive max pooling of `x` [N, C, H, W]: `[values, indices]`, the indices int32 flat positions
 * in each H×W plane; differentiable in `x`.
 *
 * @example
 * const [values, indices] = adaptiveMaxPool2dOp(x, 2, 2);
 */
export function adaptiveMaxPool2dOp(x: Tensor, outH: number, outW: number): [Tensor, Tensor] {
  const { values, indices } = adaptiveMaxPool2dForward(x, outH, outW);
  const out = values as Tensor;
  const index = indices as Tensor;
  if (!needsGrad(x)) return [out, index];
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const area = outH * outW;
  const backward = (g: Tensor): Tensor => {
    if (!needsGrad(g)) return maxPool2dBackward(g, index, height, width) as Tensor;
    const flat = index.reshape([n, channels, area]);
    return scatterAdd(g.reshape([n, channels, area]), [n, channels, height * width], x.dtype, 2, flat).reshape([n, channels, height, width]);
  };
  return [record(out, 'AdaptiveMaxPool2DBackward0', [x], (g) => [backward(g)], [index]), index];
}
