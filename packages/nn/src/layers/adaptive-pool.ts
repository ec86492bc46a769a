import type { Tensor } from '@descent/autograd';
import { adaptiveAvgPool2d, adaptiveMaxPool2d } from '../functional/adaptive-pool';
import type { AdaptiveSize } from '../functional/adaptive-pool';
import { Module } from '../module';

function show(size: AdaptiveSize): string {
  return typeof size === 'number' ? String(size) : `(${size.map((s) => (s === null ? 'None' : String(s))).join(', ')})`;
}

/**
 * Average pooling to a fixed output size (torch.nn.AdaptiveAvgPool2d); see {@link adaptiveAvgPool2d}.
 *
 * @example
 * new AdaptiveAvgPool2d(1).forward(randn([2, 8, 5, 5])).shape; // [2, 8, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly outputSize: AdaptiveSize;

  constructor(outputSize: AdaptiveSize) {
    super();
    this.outputSize = outputSize;
  }

  override forward(input: Tensor): Tensor {
    return adaptiveAvgPool2d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `output_size=${show(this.outputSize)}`;
  }
}

/**
 * Max pooling to a fixed output size (torch.nn.AdaptiveMaxPool2d); see {@link adaptiveMaxPool2d}.
 *
 * @example
 * new AdaptiveMaxPool2d([2, 2]).forward(randn([2, 8, 5, 5])).shape; // [2, 8, 2, 2]
 */
export class AdaptiveMaxPool2d extends Module {
  readonly outputSize: AdaptiveSize;

  constructor(outputSize: AdaptiveSize) {
    super();
    this.outputSize = outputSize;
  }

  override forward(input: Tensor): Tensor {
    return adaptiveMaxPool2d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `output_size=${show(this.outputSize)}`;
  }
}
