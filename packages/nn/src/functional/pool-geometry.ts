/**
 * Argument checks and output sizes shared by max and average pooling, following PyTorch's
 * `pooling_output_shape` and `pool2d_shape_check`: a 1-D pool is a 2-D pool of height 1.
 */
import type { Tensor } from '@descent/autograd';
import { checkPadding, checkPositive, expandSize, list } from './window-args';
import type { SpatialSize } from './window-args';

/** A pooling window resolved to the 2-D case, [height, width] per field. */
export interface PoolPlan {
  /** [N, C, H, W] (batch and height added when absent). */
  input: Tensor;
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  outH: number;
  outW: number;
  /** Removes the dims added to the input from a result. */
  finish: (out: Tensor) => Tensor;
}

/**
 * Output length of a pooling window (PyTorch's `pooling_output_shape`): with `ceilMode` the last
 * window may hang over the end, but it must start inside the input or its left padding.
 */
export function poolOutputSize(size: number, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  let out = Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  if (ceilMode && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** Options every pooling op shares. */
export interface PoolWindowOptions {
  /** Window step (default: the kernel size). */
  stride?: SpatialSize | null;
  /** Implicit padding on both sides, at most half the kernel (default 0). */
  padding?: SpatialSize;
  /** Use ⌈⌉ instead of ⌊⌋ for the output size (default false). */
  ceilMode?: boolean;
}

/** Checks a pooling call and lifts it to the batched 2-D case. */
export function planPool(op: string, dims: 1 | 2, input: Tensor, kernelSize: SpatialSize, options: PoolWindowOptions, dilationArg: SpatialSize = 1): PoolPlan {
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2) {
    throw new RangeError(`${op}: Expected ${dims + 1}D or ${dims + 2}D (batch mode) tensor with optional 0 dim batch size for input, but got: ${list(input.shape)}`);
  }
  const kernel = expandSize(kernelSize, dims, 'kernel_size', op);
  const stride = options.stride === undefined || options.stride === null ? kernel : expandSize(options.stride, dims, 'stride', op);
  const padding = expandSize(options.padding ?? 0, dims, 'padding', op);
  const dilation = expandSize(dilationArg, dims, 'dilation', op);
  checkPositive(kernel, 'kernel_size');
  checkPositive(stride, 'stride');
  checkPositive(dilation, 'dilation');
  checkPadding(padding);
  for (let d = 0; d < dims; d++) {
    if ((padding[d] as number) > (kernel[d] as number) / 2) {
      throw new RangeError(`pad should be at most half of kernel size, but got pad=${padding[d]} and kernel_size=${kernel[d]}`);
    }
  }
  const batched = input.ndim === dims + 2;
  let x = batched ? input : input.unsqueeze(0);
  if (dims === 1) x = x.unsqueeze(2);
  const lift = (v: number[]): [number, number] => (dims === 1 ? [1, v[0] as number] : [v[0] as number, v[1] as number]);
  const k2 = lift(kernel);
  const s2 = lift(stride);
  const p2: [number, number] = dims === 1 ? [0, padding[0] as number] : [padding[0] as number, padding[1] as number];
  const d2 = lift(dilation);
  const [, channels, height, width] = x.shape as [number, number, number, number];
  const ceil = options.ceilMode ?? false;
  const outH = poolOutputSize(height, k2[0], p2[0], s2[0], d2[0], ceil);
  const outW = poolOutputSize(width, k2[1], p2[1], s2[1], d2[1], ceil);
  if (outH < 1 || outW < 1) {
    const inSize = dims === 1 ? [channels, width] : [channels, height, width];
    const outSize = dims === 1 ? [channels, outW] : [channels, outH, outW];
    throw new RangeError(`Given input size: (${inSize.join('x')}). Calculated output size: (${outSize.join('x')}). Output size is too small`);
  }
  const finish = (out: Tensor): Tensor => {
    const lowered = dims === 1 ? out.squeeze(2) : out;
    return batched ? lowered : lowered.squeeze(0);
  };
  return { input: x, kernel: k2, stride: s2, padding: p2, dilation: d2, outH, outW, finish };
}
