/**
 * The pooling free functions of `@descent/tensor` on GPU tensors (max pooling with indices and its
 * scatter backward, adaptive average / max pooling): the CPU kernels call these when their first
 * operand is on 'webgpu'. Results are new GPU tensors of the first operand's family.
 */
import type { MaxPool2dGeometry } from '../kernels/max-pool2d';
import type { Tensor } from '../tensor';
import { adaptiveAvgPool2dBackwardGPU, adaptiveAvgPool2dGPU, adaptiveMaxPool2dGPU } from '../webgpu/adaptive-pool2d';
import { maxPool2dBackwardGPU, maxPool2dGPU } from '../webgpu/max-pool2d';
import { mixedDevicesError } from './dispatch';
import { checkGPUOperands } from './gpu-conv';
import { gpuContext, gpuView, wrapGPU } from './gpu-tensor';

function outShape(x: Tensor, outH: number, outW: number): number[] {
  return [x.shape[0] as number, x.shape[1] as number, outH, outW];
}

/** maxPool2dForward on a GPU tensor: maxima and int32 positions. */
export function gpuMaxPool2dForward(x: Tensor, geo: MaxPool2dGeometry): { values: Tensor; indices: Tensor } {
  checkGPUOperands('max_pool2d', x);
  const { values, indices } = maxPool2dGPU(gpuContext(), gpuView(x), geo, true);
  const shape = outShape(x, geo.outH, geo.outW);
  return { values: wrapGPU(x, values as NonNullable<typeof values>, shape, 'float32'), indices: wrapGPU(x, indices, shape, 'int32') };
}

/** maxPool2dIndices on a GPU tensor of any GPU dtype: the int32 positions only. */
export function gpuMaxPool2dIndices(x: Tensor, geo: MaxPool2dGeometry): Tensor {
  const { indices } = maxPool2dGPU(gpuContext(), gpuView(x), geo, false);
  return wrapGPU(x, indices, outShape(x, geo.outH, geo.outW), 'int32');
}

/** maxPool2dBackward (and adaptive max pooling's) on GPU tensors. */
export function gpuMaxPool2dBackward(grad: Tensor, indices: Tensor, height: number, width: number): Tensor {
  checkGPUOperands('max_pool2d backward', grad);
  if (indices.storage.device !== 'webgpu') throw mixedDevicesError();
  const array = maxPool2dBackwardGPU(gpuContext(), gpuView(grad), gpuView(indices), height, width);
  return wrapGPU(grad, array, [grad.shape[0] as number, grad.shape[1] as number, height, width], 'float32');
}

/** adaptiveAvgPool2dForward on a GPU tensor. */
export function gpuAdaptiveAvgPool2dForward(x: Tensor, outH: number, outW: number): Tensor {
  checkGPUOperands('adaptive_avg_pool2d', x);
  return wrapGPU(x, adaptiveAvgPool2dGPU(gpuContext(), gpuView(x), outH, outW), outShape(x, outH, outW), 'float32');
}

/** adaptiveAvgPool2dBackward on a GPU tensor. */
export function gpuAdaptiveAvgPool2dBackward(grad: Tensor, height: number, width: number): Tensor {
  checkGPUOperands('adaptive_avg_pool2d backward', grad);
  return wrapGPU(grad, adaptiveAvgPool2dBackwardGPU(gpuContext(), gpuView(grad), height, width), outShape(grad, height, width), 'float32');
}

/** adaptiveMaxPool2dForward on a GPU tensor. */
export function gpuAdaptiveMaxPool2dForward(x: Tensor, outH: number, outW: number): { values: Tensor; indices: Tensor } {
  checkGPUOperands('adaptive_max_pool2d', x);
  const { values, indices } = adaptiveMaxPool2dGPU(gpuContext(), gpuView(x), outH, outW);
  const shape = outShape(x, outH, outW);
  return { values: wrapGPU(x, values, shape, 'float32'), indices: wrapGPU(x, indices, shape, 'int32') };
}
