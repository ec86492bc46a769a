/**
 * The convolution free functions of `@descent/tensor` on GPU tensors (conv2d forward and its two
 * gradients, im2col, col2im): free functions are outside the method dispatch, so the CPU kernels
 * call these when their first operand is on 'webgpu'. Every operand must be there too (PyTorch's
 * mixed-device message otherwise); results are new float32 GPU tensors of the first operand's family.
 */
import type { Im2colGeometry } from '../kernels/im2col';
import { im2colOutputSize } from '../kernels/im2col';
import type { Tensor } from '../tensor';
import { conv2dBackwardInputGPU, conv2dBackwardWeightGPU, conv2dGPU } from '../webgpu/conv2d';
import { col2imGPU, im2colGPU } from '../webgpu/im2col';
import type { GPUWindowGeometry } from '../webgpu/im2col';
import { mixedDevicesError } from './dispatch';
import { gpuContext, gpuView, wrapGPU } from './gpu-tensor';

/** Throws PyTorch's mixed-device Error unless every tensor is on 'webgpu', and a TypeError unless all are float32. */
export function checkGPUOperands(op: string, ...tensors: readonly (Tensor | null)[]): void {
  for (const t of tensors) {
    if (t === null) continue;
    if (t.storage.device !== 'webgpu') throw mixedDevicesError();
    if (t.dtype !== 'float32') throw new TypeError(`${op} on webgpu: expected float32 tensors, got ${t.dtype}`);
  }
}

/** The kernels' window geometry of an im2col geometry over a height × width input. */
export function windowOf(geo: Im2colGeometry, height: number, width: number): GPUWindowGeometry {
  const [outH, outW] = im2colOutputSize(height, width, geo);
  return { kernel: geo.kernel, dilation: geo.dilation, padding: [geo.padding[0], geo.padding[2]], stride: geo.stride, outH, outW };
}

/** conv2dForward on GPU tensors. */
export function gpuConv2dForward(x: Tensor, weight: Tensor, bias: Tensor | null, geo: Im2colGeometry, groups: number): Tensor {
  checkGPUOperands('conv2d', x, weight, bias);
  const [n, , height, width] = x.shape as [number, number, number, number];
  const win = windowOf(geo, height, width);
  const outChannels = weight.shape[0] as number;
  const array = conv2dGPU(gpuContext(), gpuView(x), gpuView(weight), bias === null ? null : gpuView(bias), win, groups);
  return wrapGPU(x, array, [n, outChannels, win.outH, win.outW], 'float32');
}

/** conv2dBackwardInput on GPU tensors. */
export function gpuConv2dBackwardInput(grad: Tensor, weight: Tensor, geo: Im2colGeometry, groups: number, height: number, width: number): Tensor {
  checkGPUOperands('conv2d backward', grad, weight);
  const n = grad.shape[0] as number;
  const channels = (weight.shape[1] as number) * groups;
  const array = conv2dBackwardInputGPU(gpuContext(), gpuView(grad), gpuView(weight), windowOf(geo, height, width), groups, height, width);
  return wrapGPU(grad, array, [n, channels, height, width], 'float32');
}

/** conv2dBackwardWeight on GPU tensors. */
export function gpuConv2dBackwardWeight(grad: Tensor, x: Tensor, geo: Im2colGeometry, groups: number): Tensor {
  checkGPUOperands('conv2d backward', grad, x);
  const [, channels, height, width] = x.shape as [number, number, number, number];
  const outChannels = grad.shape[1] as number;
  const array = conv2dBackwardWeightGPU(gpuContext(), gpuView(grad), gpuView(x), windowOf(geo, height, width), groups);
  return wrapGPU(grad, array, [outChannels, channels / groups, geo.kernel[0], geo.kernel[1]], 'float32');
}

/** im2col on a GPU tensor [B, C, H, W]: columns [B, C·kh·kw, outH·outW]. */
export function gpuIm2col(x: Tensor, geo: Im2colGeometry): Tensor {
  checkGPUOperands('im2col', x);
  const [batch, channels, height, width] = x.shape as [number, number, number, number];
  const win = windowOf(geo, height, width);
  const array = im2colGPU(gpuContext(), gpuView(x), win);
  return wrapGPU(x, array, [batch, channels * geo.kernel[0] * geo.kernel[1], win.outH * win.outW], 'float32');
}

/** col2im on a GPU tensor of columns [B, C·kh·kw, L]: the image [B, C, height, width]. */
export function gpuCol2im(cols: Tensor, geo: Im2colGeometry, height: number, width: number): Tensor {
  checkGPUOperands('col2im', cols);
  const [batch, rows] = cols.shape as [number, number, number];
  const array = col2imGPU(gpuContext(), gpuView(cols), windowOf(geo, height, width), height, width);
  return wrapGPU(cols, array, [batch, rows / (geo.kernel[0] * geo.kernel[1]), height, width], 'float32');
}
