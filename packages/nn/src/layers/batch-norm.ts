import { empty, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { batchNorm } from '../functional/batch-norm';
import { updateCumulativeRunningStats } from './cumulative-running-stats';
import { ones_, zeros_ } from '../init';
import { Module } from '../module';
import { pyBool, pyFloat } from '../module-format';
import { Parameter } from '../parameter';

/** Options of {@link BatchNorm1d} and {@link BatchNorm2d}. */
export interface BatchNormModuleOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Weight of each new batch in the running statistics; `null` for their cumulative average (default 0.1). */
  momentum?: number | null;
  /** Learn a per-channel scale and shift (default true). */
  affine?: boolean;
  /** Keep running statistics and use them in eval mode (default true). */
  trackRunningStats?: boolean;
  /** Parameter and buffer dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

/**
 * What BatchNorm1d and BatchNorm2d share (PyTorch's `_BatchNorm`): the parameters `weight` (ones)
 * and `bias` (zeros), the buffers `running_mean` (zeros), `running_var` (ones) and
 * `num_batches_tracked` (0), under PyTorch's state-dict names.
 *
 *   training:  count ← count + 1;  m = momentum, or 1/count when momentum is null
 *              normalize with the batch's mean and biased variance; running ← (1 − m)·running + m·batch
 *              (running_var takes the unbiased variance)
 *   eval:      normalize with the running statistics (the batch's when trackRunningStats is false)
 */
abstract class BatchNormNd extends Module {
  /** `[numFeatures]`, or `null` with `affine: false`. */
  weight: Parameter | null;
  /** `[numFeatures]`, or `null` with `affine: false`. */
  bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(name: string, numFeatures: number, options: BatchNormModuleOptions) {
    super();
    if (!Number.isSafeInteger(numFeatures) || numFeatures < 1) throw new RangeError(`${name}: num_features must be a positive integer, got ${numFeatures}`);
    const { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true, dtype = 'float32' } = options;
    if (!(eps >= 0)) throw new RangeError(`${name}: eps must be non-negative, got ${eps}`);
    if (momentum !== null && !(momentum >= 0 && momentum <= 1)) throw new RangeError(`${name}: momentum must be in [0, 1] or null, got ${momentum}`);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    this.weight = affine ? new Parameter(ones_(empty([numFeatures], { dtype }))) : null;
    this.bias = affine ? new Parameter(zeros_(empty([numFeatures], { dtype }))) : null;
    this.registerBuffer('running_mean', trackRunningStats ? zeros([numFeatures], { dtype }) : null);
    this.registerBuffer('running_var', trackRunningStats ? zeros([numFeatures], { dtype }).add_(1) : null);
    this.registerBuffer('num_batches_tracked', trackRunningStats ? zeros([], { dtype: 'int32' }) : null);
  }

  /** Throws unless the input has the rank this class normalizes. */
  protected abstract checkInput(input: Tensor): void;

  /** Zeroes the running statistics and the batch count (PyTorch's `reset_running_stats`). */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    this.running_mean?.zero_();
    this.running_var?.fill_(1);
    this.num_batches_tracked?.zero_();
  }

  override forward(input: Tensor): Tensor {
    this.checkInput(input);
    let factor = this.momentum ?? 0;
    let cumulativeOnDevice = false;
    if (this.training && this.trackRunningStats && this.num_batches_tracked !== null) {
      this.num_batches_tracked.add_(1);
      if (this.momentum === null) {
        // On the GPU the factor 1/num_batches_tracked stays a tensor (no synchronous read of the
        // counter): the batch is normalized without touching the running statistics, which are
        // then updated with that tensor factor.
        if (this.num_batches_tracked.device !== 'cpu') cumulativeOnDevice = true;
        else factor = 1 / this.num_batches_tracked.item();
      }
    }
    const useBatch = this.training || (this.running_mean === null && this.running_var === null);
    const track = !cumulativeOnDevice && (!this.training || this.trackRunningStats);
    const out = batchNorm(input, track ? this.running_mean : null, track ? this.running_var : null, {
      weight: this.weight,
      bias: this.bias,
      training: useBatch,
      momentum: factor,
      eps: this.eps,
    });
    if (cumulativeOnDevice) updateCumulativeRunningStats(input, this.running_mean, this.running_var, this.num_batches_tracked as Tensor);
    return out;
  }

  override extraRepr(): string {
    const momentum = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${momentum}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }
}

/**
 * Batch normalization of [N, C] or [N, C, L] inputs (torch.nn.BatchNorm1d; Ioffe & Szegedy 2015).
 * Options: `eps` (1e-5), `momentum` (0.1; null for a cumulative average), `affine` (true),
 * `trackRunningStats` (true).
 *
 * @example
 * const bn = new BatchNorm1d(16);
 * bn.forward(randn([8, 16])); // normalized per feature; running stats updated
 */
export class BatchNorm1d extends BatchNormNd {
  /** @internal Its forward keeps no tensor (running statistics are updated in place) and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  constructor(numFeatures: number, options: BatchNormModuleOptions = {}) {
    super('BatchNorm1d', numFeatures, options);
  }

  protected override checkInput(input: Tensor): void {
    if (input.ndim !== 2 && input.ndim !== 3) throw new RangeError(`expected 2D or 3D input (got ${input.ndim}D input)`);
  }
}

/**
 * Batch normalization of [N, C, H, W] inputs over N, H and W per channel (torch.nn.BatchNorm2d);
 * options as {@link BatchNorm1d}.
 *
 * @example
 * new BatchNorm2d(6).eval().forward(randn([4, 6, 8, 8]));
 */
export class BatchNorm2d extends BatchNormNd {
  /** @internal Its forward keeps no tensor (running statistics are updated in place) and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  constructor(numFeatures: number, options: BatchNormModuleOptions = {}) {
    super('BatchNorm2d', numFeatures, options);
  }

  protected override checkInput(input: Tensor): void {
    if (input.ndim !== 4) throw new RangeError(`expected 4D input (got ${input.ndim}D input)`);
  }
}
