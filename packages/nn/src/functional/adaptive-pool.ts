import { adaptiveAvgPool2dOp, adaptiveMaxPool2dOp } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { list } from './window-args';

/** An adaptive pool's output size: one number for both dims, or [height, width] where `null` keeps the input's size. */
export type AdaptiveSize = number | readonly [number | null, number | null];

/** Lifts to [N, C, H, W] and resolves the output size. */
function plan(op: string, input: Tensor, outputSize: AdaptiveSize): { x: Tensor; outH: number; outW: number; batched: boolean } {
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new RangeError(`${op}(): Expected 3D or 4D tensor, but got ${list(input.shape)}`);
  }
  for (let d = input.ndim - 2; d < input.ndim; d++) {
    if ((input.shape[d] as number) === 0) {
      throw new RangeError(`${op}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${list(input.shape)} with dimension ${d} being empty`);
    }
  }
  const batched = input.ndim === 4;
  const x = batched ? input : input.unsqueeze(0);
  const [, , height, width] = x.shape as [number, number, number, number];
  const [oh, ow] = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  const outH = oh ?? height;
  const outW = ow ?? width;
  for (const v of [outH, outW]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${op}: output_size must hold non-negative integers, got ${String(v)}`);
  }
  return { x, outH, outW, batched };
}

/**
 * Average pooling to a fixed output size whatever the input size (torch.nn.functional.adaptive_avg_pool2d),
 * for `input` [N, C, H, W] or [C, H, W]: each window's sum / kh / kw as PyTorch's kernel (wasm
 * for large inputs).
 *
 * @example
 * adaptiveAvgPool2d(x, 1); // global average pooling: [N, C, 1, 1]
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: AdaptiveSize): Tensor {
  const { x, outH, outW, batched } = plan('adaptive_avg_pool2d', input, outputSize);
  const out = adaptiveAvgPool2dOp(x, outH, outW);
  return batched ? out : out.squeeze(0);
}

/** Options of {@link adaptiveMaxPool2d}. */
export interface AdaptiveMaxPoolOptions {
  /** Also return the flat position of each maximum in its plane (default false). */
  returnIndices?: boolean;
}

/**
 * Max pooling to a fixed output size (torch.nn.functional.adaptive_max_pool2d), for `input`
 * [N, C, H, W] or [C, H, W], with PyTorch's windows; NaN wins as in its kernel. With
 * `returnIndices: true` returns `[values, indices]`.
 *
 * @example
 * adaptiveMaxPool2d(x, [2, 2]);
 */
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize, options: { returnIndices: true }): [Tensor, Tensor];
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize, options?: { returnIndices?: false }): Tensor;
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize, options?: AdaptiveMaxPoolOptions): Tensor | [Tensor, Tensor];
export function adaptiveMaxPool2d(input: Tensor, outputSize: AdaptiveSize, options: AdaptiveMaxPoolOptions = {}): Tensor | [Tensor, Tensor] {
  const { x, outH, outW, batched } = plan('adaptive_max_pool2d', input, outputSize);
  const [values, index] = adaptiveMaxPool2dOp(x, outH, outW);
  const lower = (t: Tensor): Tensor => (batched ? t : t.squeeze(0));
  return options.returnIndices === true ? [lower(values), lower(index)] : lower(values);
}
