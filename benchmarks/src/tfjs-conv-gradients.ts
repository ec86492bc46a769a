/**
 * The tfjs gradients the convolution workloads need beyond `registerBenchGradients` (tfjs-core
 * registers its own only from a file Node's ESM loader cannot import): Conv2D, MaxPool and
 * Reshape, through tfjs's public `registerGradient` and its kernels.
 *
 * tfjs-backend-wasm 4.22 has no `Conv2DBackpropFilter` kernel, so a conv net cannot be trained on
 * it as shipped; on that backend the filter gradient runs its `Conv3DBackpropFilterV2` kernel on a
 * depth-1 volume, the closest thing tfjs-wasm offers (XNNPACK-free C++ loops).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, Tensor, Tensor4D } from '@tensorflow/tfjs-core';

function filterGrad(x: Tensor4D, dy: Tensor4D, filterShape: [number, number, number, number], strides: [number, number], pad: 'same' | 'valid'): Tensor {
  if (tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined) {
    return tf.engine().runKernel<Tensor>('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape } as unknown as NamedAttrMap);
  }
  const x5 = tf.expandDims(x, 1);
  const dy5 = tf.expandDims(dy, 1);
  const g = tf.engine().runKernel<Tensor>('Conv3DBackpropFilterV2', { x: x5, dy: dy5 }, { strides: [1, ...strides], pad, filterShape: [1, ...filterShape] });
  return tf.reshape(g, filterShape);
}

let registered = false;

/** Registers the Conv2D, MaxPool and Reshape gradients once. */
export function registerConvGradients(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const [x, filter] = saved as [Tensor4D, Tensor4D];
      const given = attrs.strides as number | [number, number];
      const strides: [number, number] = typeof given === 'number' ? [given, given] : given;
      const pad = attrs.pad as 'same' | 'valid';
      return {
        x: () => tf.conv2dTranspose(dy as Tensor4D, filter, x.shape, strides, pad),
        filter: () => filterGrad(x, dy as Tensor4D, filter.shape, strides, pad),
      };
    },
  });
  tf.registerGradient({
    kernelName: 'MaxPool',
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const [x, y] = saved as [Tensor4D, Tensor4D];
      return {
        x: () => tf.engine().runKernel<Tensor>('MaxPoolGrad', { dy: dy as Tensor, input: x, output: y }, { filterSize: attrs.filterSize, strides: attrs.strides, pad: attrs.pad, dimRoundingMode: attrs.dimRoundingMode } as NamedAttrMap),
      };
    },
  });
  tf.registerGradient({
    kernelName: 'Reshape',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [Tensor];
      return { x: () => tf.reshape(dy as Tensor, x.shape) };
    },
  });
}
