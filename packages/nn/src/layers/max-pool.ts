import type { Tensor } from '@descent/autograd';
import { maxPool1d, maxPool2d } from '../functional/max-pool';
import { expandSize } from '../functional/window-args';
import type { SpatialSize } from '../functional/window-args';
import { Module } from '../module';
import { pyBool } from '../module-format';

/** Options of {@link MaxPool1d} and {@link MaxPool2d}. */
export interface MaxPoolModuleOptions<R extends boolean> {
  /** Window step (default: the kernel size). */
  stride?: SpatialSize | null;
  /** Implicit -∞ padding on both sides, at most half the kernel (default 0). */
  padding?: SpatialSize;
  /** Spacing between window taps (default 1). */
  dilation?: SpatialSize;
  /** Use ⌈⌉ for the output size (default false). */
  ceilMode?: boolean;
  /** Make `forward` return `[values, indices]` (default false). */
  returnIndices?: R;
}

/** What a max-pooling module returns: the pooled tensor, or `[values, indices]` with `returnIndices`. */
export type PoolResult<R extends boolean> = R extends true ? [Tensor, Tensor] : Tensor;

function show(value: SpatialSize): string {
  return typeof value === 'number' ? String(value) : `(${value.join(', ')})`;
}

abstract class MaxPoolNd<R extends boolean> extends Module<[Tensor], PoolResult<R>> {
  readonly kernelSize: SpatialSize;
  readonly stride: SpatialSize;
  readonly padding: SpatialSize;
  readonly dilation: SpatialSize;
  readonly ceilMode: boolean;
  readonly returnIndices: R;

  constructor(dims: number, name: string, kernelSize: SpatialSize, options: MaxPoolModuleOptions<R>) {
    super();
    expandSize(kernelSize, dims, 'kernel_size', name);
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
    this.ceilMode = options.ceilMode ?? false;
    this.returnIndices = options.returnIndices ?? (false as R);
  }

  protected options(): { stride: SpatialSize; padding: SpatialSize; dilation: SpatialSize; ceilMode: boolean; returnIndices: boolean } {
    return { stride: this.stride, padding: this.padding, dilation: this.dilation, ceilMode: this.ceilMode, returnIndices: this.returnIndices };
  }

  override extraRepr(): string {
    return `kernel_size=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}, dilation=${show(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}

/**
 * 2-D max pooling layer (torch.nn.MaxPool2d); see {@link maxPool2d}. With `returnIndices: true`,
 * `forward` returns `[values, indices]`.
 *
 * @example
 * new MaxPool2d(2).forward(randn([1, 6, 24, 24])).shape; // [1, 6, 12, 12]
 */
export class MaxPool2d<R extends boolean = false> extends MaxPoolNd<R> {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  constructor(kernelSize: SpatialSize, options: MaxPoolModuleOptions<R> = {}) {
    super(2, 'MaxPool2d', kernelSize, options);
  }

  override forward(input: Tensor): PoolResult<R> {
    return maxPool2d(input, this.kernelSize, this.options()) as PoolResult<R>;
  }
}

/**
 * 1-D max pooling layer (torch.nn.MaxPool1d); see {@link maxPool1d}.
 *
 * @example
 * new MaxPool1d(3, { stride: 2 }).forward(randn([1, 4, 9])).shape; // [1, 4, 4]
 */
export class MaxPool1d<R extends boolean = false> extends MaxPoolNd<R> {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  constructor(kernelSize: SpatialSize, options: MaxPoolModuleOptions<R> = {}) {
    super(1, 'MaxPool1d', kernelSize, options);
  }

  override forward(input: Tensor): PoolResult<R> {
    return maxPool1d(input, this.kernelSize, this.options()) as PoolResult<R>;
  }
}
