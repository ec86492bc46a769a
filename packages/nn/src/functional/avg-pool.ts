import { im2col, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { planPool } from './pool-geometry';
import type { PoolPlan, PoolWindowOptions } from './pool-geometry';
import type { SpatialSize } from './window-args';

/** Options of {@link avgPool1d} and {@link avgPool2d}. */
export interface AvgPoolOptions extends PoolWindowOptions {
  /** Count the zero padding in each window's divisor (default true). */
  countIncludePad?: boolean;
  /** Divide every window sum by this number instead (2-D only in PyTorch; default: the window size). */
  divisorOverride?: number;
}

/**
 * Each window's divisor, as PyTorch's avg_pool2d kernel: the window clipped to the padded input
 * (countIncludePad), or to the input itself, or `divisorOverride`.
 */
function divisors(plan: PoolPlan, height: number, width: number, countIncludePad: boolean, divisorOverride: number | undefined): number[] {
  const { outH, outW } = plan;
  const [kh, kw] = plan.kernel;
  const [sh, sw] = plan.stride;
  const [ph, pw] = plan.padding;
  const out = new Array<number>(outH * outW);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let y0 = oy * sh - ph;
      let x0 = ox * sw - pw;
      let y1 = Math.min(y0 + kh, height + ph);
      let x1 = Math.min(x0 + kw, width + pw);
      const poolSize = (y1 - y0) * (x1 - x0);
      y0 = Math.max(y0, 0);
      x0 = Math.max(x0, 0);
      y1 = Math.min(y1, height);
      x1 = Math.min(x1, width);
      out[oy * outW + ox] = divisorOverride ?? (countIncludePad ? poolSize : (y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/**
 * Window sums through im2col of every plane (the padding reads zeros; with `ceilMode` the bottom
 * and right padding grow so the last window fits), divided by each window's divisor.
 */
function poolAverage(plan: PoolPlan, options: AvgPoolOptions): Tensor {
  const x = plan.input;
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  const { outH, outW } = plan;
  const [kh, kw] = plan.kernel;
  const [sh, sw] = plan.stride;
  const [ph, pw] = plan.padding;
  const bottom = Math.max(ph, (outH - 1) * sh + kh - height - ph);
  const right = Math.max(pw, (outW - 1) * sw + kw - width - pw);
  const cols = im2col(x.reshape([n * channels, 1, height, width]), {
    kernel: [kh, kw],
    dilation: [1, 1],
    padding: [ph, bottom, pw, right],
    stride: [sh, sw],
  });
  const sums = cols.sum(1); // [N·C, outH·outW]
  const divisor = tensor(divisors(plan, height, width, options.countIncludePad ?? true, options.divisorOverride), { dtype: x.dtype, device: x.device });
  return plan.finish(sums.div(divisor).reshape([n, channels, outH, outW]));
}

function checkDivisor(divisorOverride: number | undefined): void {
  if (divisorOverride !== undefined && !(divisorOverride !== 0)) throw new RangeError('divisor must be not zero');
}

/**
 * 2-D average pooling over `input` [N, C, H, W] or [C, H, W] (torch.nn.functional.avg_pool2d).
 * Options: `stride` (kernelSize), `padding` (0), `ceilMode` (false), `countIncludePad` (true),
 * `divisorOverride` (none).
 *
 * @example
 * avgPool2d(x, 2);
 */
export function avgPool2d(input: Tensor, kernelSize: SpatialSize, options: AvgPoolOptions = {}): Tensor {
  checkDivisor(options.divisorOverride);
  return poolAverage(planPool('avg_pool2d', 2, input, kernelSize, options), options);
}

/**
 * 1-D average pooling over `input` [N, C, L] or [C, L] (torch.nn.functional.avg_pool1d); options
 * as {@link avgPool2d}.
 *
 * @example
 * avgPool1d(x, 3, { stride: 1, padding: 1 });
 */
export function avgPool1d(input: Tensor, kernelSize: SpatialSize, options: AvgPoolOptions = {}): Tensor {
  checkDivisor(options.divisorOverride);
  return poolAverage(planPool('avg_pool1d', 1, input, kernelSize, options), options);
}
