import { Tensor, tensor } from '@descent/autograd';
import { contiguousStrides, Storage } from '@descent/tensor';
import type { FloatArray } from '@descent/tensor';
import { list } from './window-args';

/** An adaptive pool's output size: one number for both dims, or [height, width] where `null` keeps the input's size. */
export type AdaptiveSize = number | readonly [number | null, number | null];

/** PyTorch's adaptive windows: output i covers [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉). */
function windows(inSize: number, outSize: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < outSize; i++) out.push([Math.floor((i * inSize) / outSize), Math.ceil(((i + 1) * inSize) / outSize)]);
  return out;
}

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

/** The [out, in] matrix whose row i averages window i. */
function averagingMatrix(inSize: number, outSize: number, dtype: 'float32' | 'float64'): Tensor {
  const rows: number[][] = windows(inSize, outSize).map(([lo, hi]) => {
    const row = new Array<number>(inSize).fill(0);
    for (let k = lo; k < hi; k++) row[k] = 1 / (hi - lo);
    return row;
  });
  return tensor(rows, { dtype });
}

/**
 * Average pooling to a fixed output size whatever the input size (torch.nn.functional.adaptive_avg_pool2d),
 * for `input` [N, C, H, W] or [C, H, W]. The windows are separable, so it is computed as
 * A_h · x · A_wᵀ with averaging matrices and differentiates through matmul.
 *
 * @example
 * adaptiveAvgPool2d(x, 1); // global average pooling: [N, C, 1, 1]
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: AdaptiveSize): Tensor {
  const { x, outH, outW, batched } = plan('adaptive_avg_pool2d', input, outputSize);
  const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
  const [, , height, width] = x.shape as [number, number, number, number];
  const out = averagingMatrix(height, outH, dtype).matmul(x).matmul(averagingMatrix(width, outW, dtype).t());
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
  const c = x.contiguous();
  const data = c.storage.data as FloatArray;
  const [n, channels, height, width] = c.shape as [number, number, number, number];
  const rowsOf = windows(height, outH);
  const colsOf = windows(width, outW);
  const picks = new Int32Array(n * channels * outH * outW);
  let o = 0;
  for (let p = 0; p < n * channels; p++) {
    const base = c.offset + p * height * width;
    for (const [y0, y1] of rowsOf) {
      for (const [x0, x1] of colsOf) {
        let best = -Infinity;
        let at = -1;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const v = data[base + iy * width + ix] as number;
            if (at < 0 || v > best || Number.isNaN(v)) {
              best = v;
              at = iy * width + ix;
            }
          }
        }
        picks[o++] = at;
      }
    }
  }
  const flat = [n, channels, outH * outW];
  const index = new Tensor(new Storage(picks), flat, contiguousStrides(flat), 0, 'int32');
  const shape = [n, channels, outH, outW];
  const values = x.reshape([n, channels, height * width]).gather(2, index).reshape(shape);
  const lower = (t: Tensor): Tensor => (batched ? t : t.squeeze(0));
  return options.returnIndices === true ? [lower(values), lower(index.reshape(shape))] : lower(values);
}
