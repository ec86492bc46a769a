/**
 * The differentiable im2col / col2im pair (the kernels live in `@descent/tensor`). They are each
 * other's transpose, so each one's backward rule is the other applied to the gradient, and
 * higher-order gradients flow through. Convolution, unfold/fold and average pooling are built
 * from them plus matmul.
 */
import { col2im as baseCol2im, im2col as baseIm2col } from '@descent/tensor';
import type { Im2colGeometry } from '@descent/tensor';
import { needsGrad, record } from '../node';
import type { Tensor } from '../tensor';

/**
 * Sliding windows of a [B, C, H, W] input as columns [B, C·kh·kw, outH·outW] (PyTorch's `im2col`,
 * the kernel of `F.unfold`); the gradient is {@link col2im} of the columns' gradient.
 *
 * @example
 * im2col(x, { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] });
 */
export function im2col(x: Tensor, geo: Im2colGeometry): Tensor {
  const out = baseIm2col(x, geo) as Tensor;
  if (!needsGrad(x)) return out;
  const [height, width] = [x.shape[2] as number, x.shape[3] as number];
  return record(out, 'Im2ColBackward0', [x], (g) => [col2im(g, geo, height, width)]);
}

/**
 * Columns [B, C·kh·kw, outH·outW] summed back into a [B, C, height, width] image (PyTorch's
 * `col2im`, the kernel of `F.fold`); the gradient is {@link im2col} of the image's gradient.
 *
 * @example
 * col2im(cols, geo, 28, 28);
 */
export function col2im(cols: Tensor, geo: Im2colGeometry, height: number, width: number): Tensor {
  const out = baseCol2im(cols, geo, height, width) as Tensor;
  if (!needsGrad(cols)) return out;
  return record(out, 'Col2ImBackward0', [cols], (g) => [im2col(g, geo)]);
}
