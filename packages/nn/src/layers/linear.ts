import { empty } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Generator, describeValue } from '@descent/tensor';
import { linear } from '../functional/linear';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
import { Module } from '../module';
import { pyBool } from '../module-format';
import { Parameter } from '../parameter';

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

/**
 * A fully connected layer, y = x·Wᵀ + b (torch.nn.Linear). Initialised as PyTorch does, so after
 * `manualSeed(s)` it holds the same numbers as `torch.nn.Linear` after `torch.manual_seed(s)`:
 * W ~ kaiming_uniform(a = √5), i.e. U(−1/√in, 1/√in), then b ~ U(−1/√in, 1/√in).
 *
 * @example
 * const fc = new Linear(4, 8);
 * fc.forward(randn([16, 4])).shape; // [16, 8]
 */
export class Linear extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  /** `[outFeatures, inFeatures]`. */
  weight: Parameter;
  /** `[outFeatures]`, or `null` with `bias: false`. */
  bias: Parameter | null;
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, value] of [
      ['in_features', inFeatures],
      ['out_features', outFeatures],
    ] as const) {
      if (typeof value !== 'number') throw new TypeError(`Linear: ${name} must be a non-negative integer, got ${describeValue(value)}`);
      if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${value}`);
    }
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`Linear: options must be an object, got ${describeValue(options)}`);
    if (options.bias !== undefined && typeof options.bias !== 'boolean') throw new TypeError(`Linear: bias must be a boolean, got ${describeValue(options.bias)}`);
    if (options.dtype !== undefined && options.dtype !== 'float32' && options.dtype !== 'float64') {
      throw new TypeError(`Linear: dtype must be 'float32' or 'float64', got ${describeValue(options.dtype)}`);
    }
    if (options.generator !== undefined && !(options.generator instanceof Generator)) {
      throw new TypeError(`Linear: generator must be a Generator, got ${describeValue(options.generator)}`);
    }
    const dtype = options.dtype ?? 'float32';
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(empty([outFeatures, inFeatures], { dtype }));
    this.bias = options.bias === false ? null : new Parameter(empty([outFeatures], { dtype }));
    // Registered (guarded) now, so `lin.weight = 5` throws at once as in PyTorch.
    this.registerParameter('weight', this.weight);
    this.registerParameter('bias', this.bias);
    this.resetParameters(options.generator);
  }

  /** Draws fresh initial values, as at construction (PyTorch's `reset_parameters`). */
  resetParameters(generator?: Generator): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound, { generator });
    }
  }

  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
