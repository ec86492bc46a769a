import type { Tensor } from '@descent/autograd';
import { avgPool1d, avgPool2d } from '../functional/avg-pool';
import type { AvgPoolOptions } from '../functional/avg-pool';
import { expandSize } from '../functional/window-args';
import type { SpatialSize } from '../functional/window-args';
import { Module } from '../module';

function show(value: SpatialSize): string {
  return typeof value === 'number' ? String(value) : `(${value.join(', ')})`;
}

/**
 * 2-D average pooling layer (torch.nn.AvgPool2d); see {@link avgPool2d}. Options: `stride`
 * (kernelSize), `padding` (0), `ceilMode` (false), `countIncludePad` (true), `divisorOverride`.
 *
 * @example
 * new AvgPool2d(2).forward(randn([1, 3, 8, 8])).shape; // [1, 3, 4, 4]
 */
export class AvgPool2d extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly kernelSize: SpatialSize;
  readonly options: Readonly<AvgPoolOptions>;

  constructor(kernelSize: SpatialSize, options: AvgPoolOptions = {}) {
    super();
    expandSize(kernelSize, 2, 'kernel_size', 'AvgPool2d');
    this.kernelSize = kernelSize;
    this.options = { ...options };
  }

  override forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.options.stride ?? this.kernelSize)}, padding=${show(this.options.padding ?? 0)}`;
  }
}

/**
 * 1-D average pooling layer (torch.nn.AvgPool1d); see {@link avgPool1d}.
 *
 * @example
 * new AvgPool1d(3, { stride: 1, padding: 1 }).forward(randn([1, 2, 5])).shape; // [1, 2, 5]
 */
export class AvgPool1d extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly kernelSize: SpatialSize;
  readonly options: Readonly<Omit<AvgPoolOptions, 'divisorOverride'>>;

  constructor(kernelSize: SpatialSize, options: Omit<AvgPoolOptions, 'divisorOverride'> = {}) {
    super();
    expandSize(kernelSize, 1, 'kernel_size', 'AvgPool1d');
    this.kernelSize = kernelSize;
    this.options = { ...options };
  }

  override forward(input: Tensor): Tensor {
    return avgPool1d(input, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const tuple = (v: SpatialSize): string => `(${typeof v === 'number' ? v : v.join(', ')},)`;
    return `kernel_size=${tuple(this.kernelSize)}, stride=${tuple(this.options.stride ?? this.kernelSize)}, padding=${tuple(this.options.padding ?? 0)}`;
  }
}
