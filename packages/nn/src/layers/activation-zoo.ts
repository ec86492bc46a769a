// The modules of ./functional/activation-zoo: one-line wrappers that keep their arguments, kept
// together as ./activations.ts keeps the first ones. Constructors take PyTorch's arguments
// positionally or as one options object.
import type { Tensor } from '@descent/autograd';
import { celu, elu, hardsigmoid, hardswish, hardtanh, logsigmoid, mish, relu6, selu, silu, softmin, softplus, softsign } from '../functional/activation-zoo';
import { legacySoftmaxDim } from '../functional/activations';
import { keywordArgs } from '../functional/keyword-args';
import { Module } from '../module';
import { pyFloat } from '../module-format';

/** x for x > 0, else α·(eˣ − 1) (torch.nn.ELU). @example new ELU({ alpha: 0.5 }).forward(x); */
export class ELU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly alpha: number;
  constructor(...args: [alpha?: number | { alpha?: number }]) {
    super();
    this.alpha = keywordArgs('ELU', args, { alpha: 1 }).alpha;
  }
  override forward(input: Tensor): Tensor {
    return elu(input, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

/** max(0, x) + min(0, α·(e^(x/α) − 1)) (torch.nn.CELU). @example new CELU(2).forward(x); */
export class CELU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly alpha: number;
  constructor(...args: [alpha?: number | { alpha?: number }]) {
    super();
    this.alpha = keywordArgs('CELU', args, { alpha: 1 }).alpha;
  }
  override forward(input: Tensor): Tensor {
    return celu(input, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

/** Self-normalising ELU (torch.nn.SELU). @example new SELU().forward(x); */
export class SELU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return selu(input);
  }
}

/** x·σ(x) (torch.nn.SiLU). @example new SiLU().forward(x); */
export class SiLU extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return silu(input);
  }
}

/** x·tanh(softplus(x)) (torch.nn.Mish). @example new Mish().forward(x); */
export class Mish extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return mish(input);
  }
}

/** log(1 + e^(βx))/β (torch.nn.Softplus; β 1, threshold 20). @example new Softplus({ beta: 2 }).forward(x); */
export class Softplus extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly beta: number;
  readonly threshold: number;
  constructor(...args: [beta?: number | { beta?: number; threshold?: number }, threshold?: number]) {
    super();
    const { beta, threshold } = keywordArgs('Softplus', args, { beta: 1, threshold: 20 });
    this.beta = beta;
    this.threshold = threshold;
  }
  override forward(input: Tensor): Tensor {
    return softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** x / (1 + |x|) (torch.nn.Softsign). @example new Softsign().forward(x); */
export class Softsign extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return softsign(input);
  }
}

/** x clamped to [minVal, maxVal] (torch.nn.Hardtanh; −1 and 1). @example new Hardtanh(-2, 2).forward(x); */
export class Hardtanh extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly minVal: number;
  readonly maxVal: number;
  constructor(...args: [minVal?: number | { minVal?: number; maxVal?: number }, maxVal?: number]) {
    super();
    const { minVal, maxVal } = keywordArgs('Hardtanh', args, { minVal: -1, maxVal: 1 });
    if (minVal > maxVal) throw new RangeError('min_val cannot be greater than max_val');
    this.minVal = minVal;
    this.maxVal = maxVal;
  }
  override forward(input: Tensor): Tensor {
    return hardtanh(input, this.minVal, this.maxVal);
  }
  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}`;
  }
}

/** min(max(0, x), 6) (torch.nn.ReLU6). @example new ReLU6().forward(x); */
export class ReLU6 extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return relu6(input);
  }
}

/** relu6(x + 3) / 6 (torch.nn.Hardsigmoid). @example new Hardsigmoid().forward(x); */
export class Hardsigmoid extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return hardsigmoid(input);
  }
}

/** x·relu6(x + 3) / 6 (torch.nn.Hardswish). @example new Hardswish().forward(x); */
export class Hardswish extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return hardswish(input);
  }
}

/** log σ(x) (torch.nn.LogSigmoid). @example new LogSigmoid().forward(x); */
export class LogSigmoid extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  override forward(input: Tensor): Tensor {
    return logsigmoid(input);
  }
}

/** softmax(−x) along `dim` (torch.nn.Softmin; PyTorch's legacy dim when omitted). @example new Softmin(1).forward(x); */
export class Softmin extends Module {
  /** @internal Its forward keeps no tensor and runs no user code (see `private-layers.ts`). */
  static readonly privateForward = true;
  readonly dim: number | undefined;
  constructor(dim?: number) {
    super();
    this.dim = dim;
  }
  override forward(input: Tensor): Tensor {
    return softmin(input, this.dim ?? legacySoftmaxDim(input.shape.length));
  }
  override extraRepr(): string {
    return `dim=${this.dim ?? 'None'}`;
  }
}
