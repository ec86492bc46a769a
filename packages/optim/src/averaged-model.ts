/**
 * Averaged copies of a model's weights, as torch.optim.swa_utils.AveragedModel.
 *
 *   SWA (mode 'swa', the default):  θ̄ ← θ̄ + (θ − θ̄)/(n + 1),  n = models averaged so far
 *   EMA (mode 'ema'):               θ̄ ← decay·θ̄ + (1 − decay)·θ
 *   the first update copies θ (n = 0); buffers are copied at construction and averaged the same
 *   way only with `useBuffers` (PyTorch's `use_buffers`), otherwise left as they were copied.
 *
 * EMA is the tutorial's exponentially weighted average applied to weights (S_1 = Y_1). PyTorch
 * 1.13 has no EMA mode; its avg_fn hook does the same (and later versions' get_ema_avg_fn).
 */
import { scopeRoot } from '@descent/tensor';
import { describeValue, optionsObject, unknownOption } from './options';
import { Tensor, noGrad } from '@descent/autograd';

/** Anything with parameters (an nn Module, or a plain object); `buffers()` is optional. */
export interface HasParameters {
  parameters(): Iterable<Tensor>;
  buffers?(): Iterable<Tensor>;
}

/** A checkpoint of an {@link AveragedModel}: its count and copies of its tensors. */
export interface AveragedModelStateDict {
  numAveraged: number;
  averaged: Tensor[];
  buffers: Tensor[];
}

/** Options of {@link AveragedModel}. */
export interface AveragedModelOptions {
  /** 'swa' (equal weights) or 'ema'. Default 'swa'. */
  mode?: 'swa' | 'ema';
  /** EMA decay, in [0, 1]. Default 0.999. */
  decay?: number;
  /** A custom average, element-wise: (averaged, current, numAveraged) → new averaged value. Default: by `mode`. */
  avgFn?: (averaged: number, current: number, numAveraged: number) => number;
  /** Average the buffers too (PyTorch's `use_buffers`). Default false. */
  useBuffers?: boolean;
}

/**
 * Averaged copies of a model's parameters (SWA or EMA). The copies live on the model's device: on
 * webgpu the built-in averages run as tensor ops (no readback); a custom `avgFn` needs the CPU.
 *
 * @example
 * const swa = new AveragedModel(model);
 * for (const epoch of epochs) { train(); if (epoch >= swaStart) swa.updateParameters(model); }
 * swa.copyTo(model); // use the averaged weights
 */
export class AveragedModel {
  /** The averaged parameters, in the model's `parameters()` order. */
  readonly averaged: Tensor[];
  /** Copies of the model's buffers (averaged only with `useBuffers`). */
  readonly buffers: Tensor[];
  /** How many models have been averaged (PyTorch's `n_averaged`). */
  numAveraged = 0;
  private readonly avg: (averaged: number, current: number, n: number) => number;
  /** The same average in tensor ops (for GPU tensors); null with a custom element-wise `avgFn`. */
  private readonly avgTensor: ((averaged: Tensor, current: Tensor, n: number) => Tensor) | null;
  private readonly useBuffers: boolean;

  constructor(model: HasParameters, options: AveragedModelOptions = {}) {
    scopeRoot(this);
    if (typeof model !== 'object' || model === null || typeof (model as Partial<HasParameters>).parameters !== 'function')
      throw new TypeError(`AveragedModel: model must have parameters(), got ${describeValue(model)}`);
    const given = optionsObject(options, 'AveragedModel');
    const known = ['mode', 'decay', 'avgFn', 'useBuffers'];
    for (const key of Object.keys(given)) if (!known.includes(key)) throw unknownOption('AveragedModel', key, known);
    const { mode = 'swa', decay = 0.999, useBuffers = false } = given as AveragedModelOptions;
    if (typeof decay !== 'number') throw new TypeError(`AveragedModel: decay must be a number, got ${describeValue(decay)}`);
    if (typeof useBuffers !== 'boolean') throw new TypeError(`AveragedModel: useBuffers must be a boolean, got ${describeValue(useBuffers)}`);
    const avgFn = (given as AveragedModelOptions).avgFn;
    if (avgFn !== undefined && typeof avgFn !== 'function') throw new TypeError(`AveragedModel: avgFn must be a function, got ${describeValue(avgFn)}`);
    if (mode !== 'swa' && mode !== 'ema') {
      throw new RangeError(`AveragedModel: mode must be 'swa' or 'ema', got ${String(mode)}`);
    }
    if (!(decay >= 0 && decay <= 1)) {
      throw new RangeError(`AveragedModel: decay must be in [0, 1], got ${decay}`);
    }
    const copy = (ts: Iterable<Tensor>): Tensor[] =>
      [...ts].map((p) => p.detach().contiguous().clone());
    this.averaged = noGrad(() => copy(model.parameters()));
    this.buffers = noGrad(() => copy(model.buffers?.() ?? []));
    this.useBuffers = useBuffers;
    this.avgTensor =
      options.avgFn !== undefined
        ? null
        : mode === 'ema'
          ? (a, c) => a.mul(decay).add(c.mul(1 - decay))
          : (a, c, n) => a.add(c.sub(a).div(n + 1));
    this.avg =
      options.avgFn ??
      (mode === 'ema' ? (a, c) => decay * a + (1 - decay) * c : (a, c, n) => a + (c - a) / (n + 1));
  }

  /** Folds the model's current parameters (and buffers with `useBuffers`) into the average. */
  updateParameters(model: HasParameters): void {
    scopeRoot(this);
    const params = [...model.parameters()];
    const buffers = this.useBuffers ? [...(model.buffers?.() ?? [])] : [];
    const targets = this.useBuffers ? [...this.averaged, ...this.buffers] : this.averaged;
    const sources = [...params, ...buffers];
    if (params.length !== this.averaged.length || sources.length !== targets.length) {
      throw new RangeError(
        `AveragedModel.updateParameters: expected ${this.averaged.length} parameters and ${this.useBuffers ? this.buffers.length : 0} buffers, got ${params.length} and ${buffers.length}`,
      );
    }
    noGrad(() => {
      sources.forEach((p, i) => {
        const target = targets[i] as Tensor;
        if (this.numAveraged === 0) {
          target.copy_(p);
          return;
        }
        if (target.storage.device !== 'cpu') {
          // On the GPU: the same average in tensor ops (float32; integer buffers cast back on copy).
          if (this.avgTensor === null)
            throw new Error(
              "AveragedModel.updateParameters: a custom avgFn runs element-wise on the CPU and cannot average tensors on webgpu; use mode 'swa' or 'ema', or move the model to the CPU",
            );
          const t = target.dtype === 'float32' || target.dtype === 'float64' ? target : (target.float() as Tensor);
          target.copy_(this.avgTensor(t, p.contiguous().to(t.dtype), this.numAveraged));
          return;
        }
        const a = target.storage.data;
        const c = p.contiguous().toTypedArray();
        for (let k = 0; k < c.length; k++) {
          const j = target.offset + k;
          a[j] = this.avg(a[j] as number, c[k] as number, this.numAveraged);
        }
        target.storage.version++; // an in-place write, as every other

      });
    });
    this.numAveraged++;
  }

  /**
   * A copy of the average (PyTorch saves it with the AveragedModel's module state, `n_averaged`
   * included), so SWA or EMA can resume from a checkpoint.
   *
   * @example
   * const saved = swa.stateDict(); // … later: fresh.loadStateDict(saved)
   */
  stateDict(): AveragedModelStateDict {
    const copy = (ts: Tensor[]): Tensor[] => ts.map((t) => t.clone());
    return { numAveraged: this.numAveraged, averaged: copy(this.averaged), buffers: copy(this.buffers) };
  }

  /** Restores {@link stateDict}'s copy; the tensors must match in number and shape (else nothing changes). */
  loadStateDict(sd: AveragedModelStateDict): void {
    scopeRoot(this);
    if (typeof sd !== 'object' || (sd as unknown) === null)
      throw new TypeError(`AveragedModel.loadStateDict: expected a state dict { numAveraged, averaged, buffers }, got ${describeValue(sd)}`);
    for (const key of ['averaged', 'buffers'] as const) {
      const list = sd[key] as unknown;
      if (!Array.isArray(list) || !list.every((t) => t instanceof Tensor))
        throw new TypeError(`AveragedModel.loadStateDict: ${key} must be an array of tensors, got ${describeValue(list)}`);
    }
    const check = (what: string, got: Tensor[], own: Tensor[]): void => {
      if (got.length !== own.length)
        throw new RangeError(`AveragedModel.loadStateDict: expected ${own.length} ${what}, got ${got.length}`);
      got.forEach((t, i) => {
        const o = own[i] as Tensor;
        if (t.shape.length !== o.shape.length || t.shape.some((d, k) => d !== o.shape[k]))
          throw new RangeError(
            `AveragedModel.loadStateDict: ${what} ${i} has shape [${t.shape.join(', ')}], expected [${o.shape.join(', ')}]`,
          );
      });
    };
    check('parameters', sd.averaged, this.averaged);
    check('buffers', sd.buffers, this.buffers);
    if (!(Number.isInteger(sd.numAveraged) && sd.numAveraged >= 0))
      throw new RangeError(`AveragedModel.loadStateDict: numAveraged must be an integer ≥ 0, got ${describeValue(sd.numAveraged)}`);
    noGrad(() => {
      sd.averaged.forEach((t, i) => (this.averaged[i] as Tensor).copy_(t));
      sd.buffers.forEach((t, i) => (this.buffers[i] as Tensor).copy_(t));
    });
    this.numAveraged = sd.numAveraged;
  }

  /** Writes the averaged parameters (and the kept buffers, if the model has any) into a model. */
  copyTo(model: HasParameters): void {
    noGrad(() => {
      [...model.parameters()].forEach((p, i) => p.copy_(this.averaged[i] as Tensor));
      [...(model.buffers?.() ?? [])].forEach((b, i) => {
        const kept = this.buffers[i];
        if (kept !== undefined) b.copy_(kept);
      });
    });
  }
}
