// The activation modules are one-line wrappers of ./functional/activations, kept together in one
// file rather than seven near-empty ones.
import type { Tensor } from '@descent/autograd';
import { gelu, leakyRelu, legacySoftmaxDim } from '../functional/activations';
import type { GeluApproximate } from '../functional/activations';
import { Module } from '../module';
import { pyFloat } from '../module-format';

/** max(0, x) (torch.nn.ReLU). @example new ReLU().forward(x); */
export class ReLU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return input.relu();
  }
}

/**
 * x for x > 0, else negativeSlope·x (torch.nn.LeakyReLU; default slope 0.01).
 *
 * @example
 * new LeakyReLU(0.2).forward(x);
 */
export class LeakyReLU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly negativeSlope: number;

  constructor(negativeSlope = 0.01) {
    super();
    this.negativeSlope = negativeSlope;
  }

  override forward(input: Tensor): Tensor {
    return leakyRelu(input, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
}

/** 1 / (1 + e^(−x)) (torch.nn.Sigmoid). @example new Sigmoid().forward(x); */
export class Sigmoid extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}

/** tanh(x) (torch.nn.Tanh). @example new Tanh().forward(x); */
export class Tanh extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return input.tanh();
  }
}

/**
 * x·Φ(x) (torch.nn.GELU): `approximate` 'none' (default, exact erf form) or 'tanh'.
 *
 * @example
 * new GELU({ approximate: 'tanh' }).forward(x);
 */
export class GELU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly approximate: GeluApproximate;

  constructor(options: { approximate?: GeluApproximate } = {}) {
    super();
    const approximate = options.approximate ?? 'none';
    if (approximate !== 'none' && approximate !== 'tanh') throw new RangeError(`approximate argument must be either none or tanh, got ${String(approximate)}`);
    this.approximate = approximate;
  }

  override forward(input: Tensor): Tensor {
    return gelu(input, { approximate: this.approximate });
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/**
 * Softmax along `dim` (torch.nn.Softmax). Without `dim`, PyTorch's legacy rule picks 0 for 0-, 1-
 * and 3-d inputs and 1 otherwise.
 *
 * @example
 * new Softmax(1).forward(logits);
 */
export class Softmax extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly dim: number | undefined;

  constructor(dim?: number) {
    super();
    this.dim = dim;
  }

  override forward(input: Tensor): Tensor {
    return input.softmax(this.dim ?? legacySoftmaxDim(input.shape.length));
  }

  override extraRepr(): string {
    return `dim=${this.dim ?? 'None'}`;
  }
}

/**
 * log softmax along `dim` (torch.nn.LogSoftmax), with the same legacy rule as {@link Softmax}.
 *
 * @example
 * new LogSoftmax(1).forward(logits);
 */
export class LogSoftmax extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly dim: number | undefined;

  constructor(dim?: number) {
    super();
    this.dim = dim;
  }

  override forward(input: Tensor): Tensor {
    return input.logSoftmax(this.dim ?? legacySoftmaxDim(input.shape.length));
  }

  override extraRepr(): string {
    return `dim=${this.dim ?? 'None'}`;
  }
}
